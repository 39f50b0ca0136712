/**
 * Measures the simulator streaming a big cards CSV export through simulatorFetch (used by
 * `npm run bench`, not by `npm test`): rows, bytes, time, and the peak resident memory, which stays
 * flat whatever the size because rows are generated as they are sent.
 * Run alone: `npm run bench:simulator` (prints the result as JSON).
 */
import { pathToFileURL } from 'node:url';
import { simulatorFetch } from './fetch';
import { startSimulator } from './index';
import { bearer, EXPORT_URL, signIn } from './testing';

export interface SimulatorThroughput {
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
}

const BOARDS = 10;

export async function measureSimulatorThroughput(
  options: { rows?: number } = {},
): Promise<SimulatorThroughput> {
  const wanted = options.rows ?? 1_000_000;
  const cardsPerBoard = Math.ceil(wanted / BOARDS);
  const sim = await startSimulator({ boards: BOARDS, cardsPerBoard });
  try {
    const fetch = simulatorFetch(sim);
    const token = await signIn(fetch, sim);
    let peakRss = process.memoryUsage.rss();
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }, 50);
    const started = performance.now();
    const response = await fetch(`${EXPORT_URL}/cards.csv?limit=${wanted}`, bearer(token));
    if (response.status !== 200 || !response.body) {
      throw new Error(`The export answered ${response.status}`);
    }
    let bytes = 0;
    // Every field is quoted, so a row ends at each `"\r\n` (a CRLF inside a title has no quote before it).
    let rowEnds = 0;
    let previous = [0, 0];
    const reader = response.body.getReader();
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      const chunk = part.value;
      bytes += chunk.length;
      for (let i = 0; i < chunk.length; i++) {
        if (chunk[i] === 10 && (i > 1 ? chunk[i - 2] : previous[i]) === 34) rowEnds++;
      }
      previous = [chunk[chunk.length - 2] ?? 0, chunk[chunk.length - 1] ?? 0];
    }
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    const rows = rowEnds - 1;
    return {
      rows,
      bytes,
      seconds,
      rowsPerSecond: Math.round(rows / seconds),
      peakRssMb: Math.round(peakRss / 1024 / 1024),
    };
  } finally {
    await sim.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = process.argv[2] ? Number(process.argv[2]) : undefined;
  console.log(JSON.stringify(await measureSimulatorThroughput({ rows }), null, 2));
}
