/**
 * P6 of `npm run bench` alone (issue 15), with where each run's time went: the Flow charts page on
 * the simulator's board of about 100k card positions against curl of its four reports. Needs a
 * Chrome build (`npx wxt build`).
 * Run: `node --import tsx tests/bench/flowChartsAlone.ts [runs] [positionRows]`.
 */
import { cpus, loadavg } from 'node:os';
import { measureFlowCharts } from './flowCharts';

const runs = Number(process.argv[2] ?? 3);
const positionRows = Number(process.argv[3] ?? 100_000);
const loadBefore = loadavg()[0] ?? Number.NaN;
const flow = await measureFlowCharts({ runs, positionRows });
flow.phases.forEach((marks, run) => {
  const { page, drawn, curl } = flow.runs[run] ?? {
    page: Number.NaN,
    drawn: Number.NaN,
    curl: Number.NaN,
  };
  console.log(
    `run ${run + 1}: page ${page.toFixed(2)} s (drawn ${drawn.toFixed(2)} s), curl ${curl.toFixed(2)} s, ratio ${(page / curl).toFixed(2)} (drawn ${(drawn / curl).toFixed(2)})`,
  );
  for (const [name, seconds] of Object.entries(marks).sort(([, a], [, b]) => a - b)) {
    console.log(`  ${seconds.toFixed(2)} s  ${name}`);
  }
});
console.log(
  `P6 by the page's own frame: every chart drawn in the frame painted ${flow.drawn.toFixed(2)} s after opening, ratio ${(flow.drawn / flow.curl).toFixed(2)}`,
);
console.log(
  `P6 Flow charts, ${positionRows.toLocaleString('en')} card positions, page opened → every chart drawn: ${flow.page.toFixed(2)} s vs curl of the four reports one after another ${flow.curl.toFixed(2)} s, ratio ${(flow.page / flow.curl).toFixed(2)} (target ≤ 1.5); load average ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? Number.NaN).toFixed(1)} after, on ${cpus().length} cores`,
);
