/**
 * Micro-benchmark of the streaming .xlsx writer (not part of `npm test`): cards-shaped rows, as the
 * simulator serves them, written as a workbook for 100k and 1M rows (or the counts given).
 * The rows are 10,000 distinct cards of the simulator, generated once and cycled, so what is timed
 * is the writer alone. The simulator's card titles repeat (a hundred or so), so they go into the
 * shared strings, where real titles would mostly be written inline: a little flattering. Prints rows/s, MB/s of the same rows as LeanKit's CSV, the file's size, and
 * the heap: its peak, sampled every 10,000 rows, and the live heap (after a full GC) at the end of
 * each 100,000 rows, which must stay flat with the row count. On a shared machine the CPU time is
 * the steadier figure.
 * Run: `node --expose-gc --import tsx tests/bench/xlsxThroughput.ts [rows…]`.
 */
import { findReport, type Report } from '../../lib/reports';
import { createXlsxWriter } from '../../lib/xlsx/xlsxWriter';
import { createAccounts, DEMO } from '../simulator/accounts';
import { reportRows } from '../simulator/rows';
import { jsonCell } from '../simulator/serialize';

const POOL_ROWS = 10_000;

const counts = process.argv.slice(2).map(Number);
const report = findReport('cards') as Report;
const account = createAccounts({ seed: 1, boards: 1, cardsPerBoard: POOL_ROWS }).get(DEMO.account);
if (!account) throw new Error('The demo account is missing');

/** The pool's rows as LeanKit's text cells (undefined for an empty one). */
const pool: (string | undefined)[][] = [];
for (const row of reportRows(account, report, account.boards, 0)) {
  pool.push(
    report.columns.map((column) => {
      const value = jsonCell(column, row[column.id] ?? null);
      return value === null ? undefined : String(value);
    }),
  );
}
/** Bytes of a pool row in LeanKit's CSV: every field quoted, commas, CRLF. */
const csvBytes = pool.map((cells) =>
  cells.reduce((sum, cell) => sum + Buffer.byteLength(cell ?? '') + 3, 1),
);

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) console.log('(run with node --expose-gc for live-heap figures)');

function run(rows: number): void {
  gc?.();
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  const live: number[] = [];
  let fileBytes = 0;
  let inputBytes = 0;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const writer = createXlsxWriter({
    sheetName: 'cards',
    columns: report.columns.map((column) => ({ header: column.id, type: column.type })),
    onChunk: (bytes) => {
      fileBytes += bytes.length;
    },
  });
  for (let i = 0; i < rows; i++) {
    const at = i % POOL_ROWS;
    writer.addRow(pool[at] as (string | undefined)[]);
    inputBytes += csvBytes[at] as number;
    if ((i + 1) % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    if (gc && (i + 1) % 100_000 === 0) {
      gc();
      live.push(process.memoryUsage().heapUsed - baseline);
    }
  }
  const summary = writer.finish();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
  console.log(
    `${rows} rows: ${seconds.toFixed(1)} s (CPU ${cpuSeconds.toFixed(1)} s), ` +
      `${Math.round(rows / seconds)} rows/s, ${(inputBytes / 1e6 / seconds).toFixed(1)} MB/s ` +
      `of CSV (${mb(inputBytes)} MB; by CPU time ${Math.round(rows / cpuSeconds)} rows/s, ` +
      `${(inputBytes / 1e6 / cpuSeconds).toFixed(1)} MB/s), ` +
      `file ${mb(fileBytes)} MB in ${summary.sheets} sheet(s); heapUsed peak ${mb(peak)} MB ` +
      `(baseline ${mb(baseline)} MB)` +
      (live.length > 0
        ? `; live heap above baseline per 100k rows: ${live.map(mb).join(', ')} MB`
        : ''),
  );
}

for (const rows of counts.length > 0 ? counts : [100_000, 1_000_000]) run(rows);
