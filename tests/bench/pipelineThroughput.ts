/**
 * Micro-benchmark of the processed export's row pipeline (not part of `npm test`): the simulator's
 * 100k-row cards CSV, in memory, fed in 64 KB chunks as the network delivers them, through
 *  - the former converter's way (a record splitter, papaparse's parse and `unparse`),
 *  - the pipeline with an empty recipe and Excel-friendly on,
 *  - the pipeline with 5 columns and a date filter, Excel-friendly on, in UTC and in Paris time,
 *  - every column in Paris time,
 *  - the bench's P5 recipe (FIVE_COLUMNS_RECIPE), in UTC and in Paris time,
 *  - the XLSX output (P7: at most 3× `curl` of the CSV), every column and the P5 recipe,
 * and, for the choice of parser, papaparse's streaming parse and the pipeline's parse stage alone.
 * The pipeline's output goes into Blobs as lib/jobs/exportBuilds.ts puts it, since writing the
 * text (flattening what was joined, encoding it) is part of the cost of building it; the XLSX
 * output's bytes go into Blobs too.
 * It times `curl` of the same CSV from the simulator too (best of the rounds), and prints each
 * case's time as a multiple of it: P7 asks an XLSX export to take at most 3× curl.
 * Prints MB/s of LeanKit's text for each (best of a few rounds, each round running every case in
 * turn, so the shared machine's load weighs on all alike), by wall time and by CPU time, and each
 * one's output: bytes written, or records parsed.
 * Run: `node --import tsx tests/bench/pipelineThroughput.ts [rows] [rounds]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { guardTypedCell } from '../../lib/csv/formulaGuard';
import { RecordScanner } from '../../lib/pipeline/records';
import { createRowPipeline } from '../../lib/pipeline/rowPipeline';
import { createXlsxPipeline } from '../../lib/pipeline/xlsxPipeline';
import type { ExportRecipe } from '../../lib/recipes/recipe';
import { findColumn, findReport, type Report } from '../../lib/reports';
import { FIVE_COLUMNS_RECIPE } from '../e2e/recipeSupport';
import { simulatorFetch } from '../simulator/fetch';
import { startSimulator } from '../simulator/index';
import { signIn } from '../simulator/testing';
import { timedCurl } from './curl';

const CHUNK_BYTES = 64 * 1024;
/** As lib/jobs/exportBuilds.ts: converted text goes into a Blob part once this long. */
const PART_CHARS = 1 << 20;

const rows = Number(process.argv[2] ?? 100_000);
const rounds = Number(process.argv[3] ?? 3);
const report = findReport('cards') as Report;
const sim = await startSimulator({ boards: 10, cardsPerBoard: Math.ceil(rows / 10) });
const query = `/io/reporting/export/cards?format=csv&limit=${rows}`;
const body = await sim.body(query);
/** curl of the same CSV, best of the rounds, in seconds. */
let curlSeconds = Number.POSITIVE_INFINITY;
const curlDirectory = mkdtempSync(join(tmpdir(), 'pipeline-curl-'));
const token = await signIn(simulatorFetch(sim), sim);
for (let round = 0; round < rounds; round++) {
  const file = join(curlDirectory, 'cards.csv');
  const seconds = await timedCurl(sim, `https://${sim.demo.host}${query}`, token, file);
  curlSeconds = Math.min(curlSeconds, seconds);
}
rmSync(curlDirectory, { recursive: true, force: true });
await sim.close();
const decoder = new TextDecoder();
const chunks: string[] = [];
for (let i = 0; i < body.length; i += CHUNK_BYTES) {
  chunks.push(decoder.decode(body.subarray(i, i + CHUNK_BYTES), { stream: true }));
}
const megabytes = body.length / 1e6;

/**
 * The former converter (lib/csv/excelFriendlyCsv.ts before the pipeline), condensed: a char-by-char
 * record splitter, then papaparse's parse, the guard, and papaparse's `unparse` of every record.
 */
function formerConverter(): number {
  let pending = '';
  let scanned = 0;
  let inQuotes = false;
  let types: string[] | undefined;
  let written = 0;
  for (const chunk of chunks) {
    pending += chunk;
    let end = 0;
    for (let i = scanned; i < pending.length; i++) {
      const c = pending.charCodeAt(i);
      if (c === 34) inQuotes = !inQuotes;
      else if (c === 10 && !inQuotes) end = i + 1;
    }
    const records = pending.slice(0, end);
    pending = pending.slice(end);
    scanned = pending.length;
    if (records === '') continue;
    const parsed = Papa.parse<string[]>(records.slice(0, -2), { newline: '\r\n' }).data;
    if (!types) {
      const header = parsed.shift() ?? [];
      types = header.map((cell) => findColumn(report, cell)?.type ?? 'string');
    }
    const safe = parsed.map((row) =>
      row.map((cell, i) => guardTypedCell(cell, (types?.[i] ?? 'string') as 'string')),
    );
    written += Papa.unparse(safe, { quotes: true, newline: '\r\n' }).length;
  }
  return written;
}

/** papaparse's own streaming parser alone (the cursor leaves the cut last line), for comparison. */
function papaparseParseOnly(): number {
  const parser = new Papa.Parser({ delimiter: ',', newline: '\r\n' });
  let pending = '';
  let records = 0;
  for (const chunk of chunks) {
    pending += chunk;
    const result = parser.parse(pending, 0, true);
    pending = pending.slice(result.meta.cursor);
    records += result.data.length;
  }
  return records;
}

/** The pipeline's own parse stage alone. */
function scannerOnly(): number {
  const scanner = new RecordScanner('csv');
  let records = 0;
  for (const chunk of chunks) scanner.push(chunk, () => records++);
  return records;
}

function pipeline(recipe: ExportRecipe): () => number {
  return () => {
    const reader = createRowPipeline({
      report,
      format: 'csv',
      excelFriendly: true,
      recipe,
    }).response();
    const parts: Blob[] = [];
    let text = '';
    for (const chunk of chunks) {
      text += reader.push(chunk).text;
      if (text.length >= PART_CHARS) {
        parts.push(new Blob([text]));
        text = '';
      }
    }
    parts.push(new Blob([text]));
    if (!reader.complete) throw new Error('the pipeline did not read the whole export');
    return new Blob(parts).size;
  };
}

/** The XLSX output of the same text, its bytes into a Blob; output: the file's bytes. */
function xlsxPipeline(recipe: ExportRecipe): () => number {
  return () => {
    const pipeline = createXlsxPipeline({ report, recipe });
    const reader = pipeline.response();
    const parts: Uint8Array[] = [];
    for (const chunk of chunks) parts.push(...reader.push(chunk).bytes);
    if (!reader.complete) throw new Error('the pipeline did not read the whole export');
    parts.push(...pipeline.finish().bytes);
    return new Blob(parts as BlobPart[]).size;
  };
}

const FIVE_COLUMNS = {
  columns: ['cardId', 'cardTitle', 'currentLaneTitle', 'creationDate', 'lastActivityDate'],
  filters: { dateRange: { column: 'creationDate', from: '2024-01-01' } },
};

const cases: [string, () => number][] = [
  ['papaparse streaming parse alone', papaparseParseOnly],
  ['pipeline parse stage alone', scannerOnly],
  ['former converter (split + Papa.parse + Papa.unparse)', formerConverter],
  ['pipeline, empty recipe, Excel-friendly', pipeline({})],
  ['pipeline, 5 columns + date filter, Excel-friendly', pipeline(FIVE_COLUMNS)],
  [
    'pipeline, the same in Europe/Paris time',
    pipeline({ ...FIVE_COLUMNS, timeZone: 'Europe/Paris' }),
  ],
  [
    'pipeline, every column in Europe/Paris time, Excel-friendly',
    pipeline({ timeZone: 'Europe/Paris' }),
  ],
  ['pipeline, P5 recipe (FIVE_COLUMNS_RECIPE), Excel-friendly', pipeline(FIVE_COLUMNS_RECIPE)],
  [
    'pipeline, P5 recipe in Europe/Paris time',
    pipeline({ ...FIVE_COLUMNS_RECIPE, timeZone: 'Europe/Paris' }),
  ],
  ['XLSX pipeline, empty recipe (every column)', xlsxPipeline({})],
  ['XLSX pipeline, P5 recipe (FIVE_COLUMNS_RECIPE)', xlsxPipeline(FIVE_COLUMNS_RECIPE)],
];

console.log(
  `cards CSV: ${rows} rows, ${megabytes.toFixed(1)} MB, ${chunks.length} chunks; curl ${curlSeconds.toFixed(2)} s (${(megabytes / curlSeconds).toFixed(1)} MB/s)`,
);
/** Best wall time and best CPU time (this process, all threads: the shared machine's load aside). */
const best = cases.map(() => ({ wall: Number.POSITIVE_INFINITY, cpu: Number.POSITIVE_INFINITY }));
const outputs = cases.map(() => 0);
for (let round = 0; round < rounds; round++) {
  cases.forEach(([, run], index) => {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    outputs[index] = run();
    const cpu = process.cpuUsage(cpuStarted);
    const times = best[index] as { wall: number; cpu: number };
    times.wall = Math.min(times.wall, (performance.now() - started) / 1000);
    times.cpu = Math.min(times.cpu, (cpu.user + cpu.system) / 1e6);
  });
}
cases.forEach(([name], index) => {
  const { wall, cpu } = best[index] as { wall: number; cpu: number };
  console.log(
    `${name}: ${(megabytes / wall).toFixed(1)} MB/s, ${Math.round(rows / wall / 1000)}k rows/s (${wall.toFixed(2)} s, ${(wall / curlSeconds).toFixed(1)}× curl; CPU ${cpu.toFixed(2)} s, ${(megabytes / cpu).toFixed(1)} MB/s; output ${outputs[index]})`,
  );
});
