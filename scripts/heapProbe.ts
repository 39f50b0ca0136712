/**
 * `node --import tsx scripts/heapProbe.ts` (after `npx wxt build`): what is live in the extension
 * while it builds a processed export (Excel-friendly CSV, or an XLSX workbook), target by target. Runs the built
 * extension against the simulator as scripts/bench.ts does (a 100k-row export, then a 1M-row one),
 * samples the service worker and the offscreen document apart, and when the offscreen document's
 * sample passes `PROBE_THRESHOLD_MB` takes a heap snapshot of it and prints its biggest retainers
 * (node types, constructors, the largest single nodes and their retaining paths).
 *
 * Environment: PROBE_THRESHOLD_MB (6), PROBE_SNAPSHOTS (3 per export), PROBE_BOARDS (10),
 * PROBE_READINGS (3), PROBE_DIRECT_FIRST (unset: the processed exports only), PROBE_FILTERED
 * (set: then the bench's five-column, date-range export of every board too), PROBE_FORMAT (csv, or
 * xlsx for workbooks), PROBE_SMALL_RUNS (1: how many times the 100k-row export runs, as the bench
 * repeats it to compare peaks of as many samples).
 */
import { mkdtemp, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import type { ExportRecipe } from '../lib/recipes/recipe';
import { startExport, waitForJob } from '../tests/e2e/engineSupport';
import { FIVE_COLUMNS_RECIPE } from '../tests/e2e/recipeSupport';
import { startSimulator } from '../tests/simulator/index';
import { launchChromiumWithExtension } from '../tests/support/chromium';

const THRESHOLD = Number(process.env.PROBE_THRESHOLD_MB ?? 6) * 1024 * 1024;
const SNAPSHOTS = Number(process.env.PROBE_SNAPSHOTS ?? 3);
const BOARDS = Number(process.env.PROBE_BOARDS ?? 10);
/** Readings per target and sample (the bench takes the least of 3); 1 shows the working set mid-task. */
const READINGS = Number(process.env.PROBE_READINGS ?? 3);
const FORMAT = process.env.PROBE_FORMAT === 'xlsx' ? 'xlsx' : 'csv';
const SMALL_RUNS = Number(process.env.PROBE_SMALL_RUNS ?? 1);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

type Kind = 'worker' | 'offscreen';
interface Sample {
  at: number;
  kind: Kind;
  bytes: number;
}

/** Talks to the extension's worker and offscreen document through an extension page's session. */
class Probe {
  private nextId = 1;
  private readonly pending = new Map<number, (result: Record<string, unknown>) => void>();
  private readonly chunks = new Map<string, string[]>();

  constructor(private readonly cdp: CDPSession) {
    cdp.on('Target.receivedMessageFromTarget', ({ sessionId, message }) => {
      const parsed = JSON.parse(message) as {
        id?: number;
        method?: string;
        params?: { chunk?: string };
        result?: Record<string, unknown>;
      };
      if (parsed.method === 'HeapProfiler.addHeapSnapshotChunk') {
        this.chunks.get(sessionId)?.push(parsed.params?.chunk ?? '');
        return;
      }
      if (parsed.id === undefined) return;
      this.pending.get(parsed.id)?.(parsed.result ?? {});
      this.pending.delete(parsed.id);
    });
  }

  async targets(): Promise<{ kind: Kind; targetId: string }[]> {
    const { targetInfos } = await this.cdp.send('Target.getTargets');
    return targetInfos.flatMap((t): { kind: Kind; targetId: string }[] => {
      if (!t.url.startsWith('chrome-extension://')) return [];
      if (t.type === 'service_worker') return [{ kind: 'worker', targetId: t.targetId }];
      if (t.url.endsWith('/offscreen.html')) return [{ kind: 'offscreen', targetId: t.targetId }];
      return [];
    });
  }

  async attach(targetId: string): Promise<string> {
    const { sessionId } = await this.cdp.send('Target.attachToTarget', {
      targetId,
      flatten: false,
    });
    return sessionId;
  }

  async detach(sessionId: string): Promise<void> {
    await this.cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
  }

  call(sessionId: string, method: string, params?: object): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    const answered = new Promise<Record<string, unknown>>((resolve) =>
      this.pending.set(id, resolve),
    );
    void this.cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id, method, params }),
    });
    return answered;
  }

  /** The least of READINGS garbage-collected readings, as the bench's sampler takes them. */
  async heap(sessionId: string): Promise<number> {
    let least = Number.POSITIVE_INFINITY;
    for (let reading = 0; reading < READINGS; reading++) {
      // Sent together, as the bench's sampler does: no script runs between the two.
      const [, { usedSize }] = await Promise.all([
        this.call(sessionId, 'HeapProfiler.collectGarbage'),
        this.call(sessionId, 'Runtime.getHeapUsage'),
      ]);
      least = Math.min(least, Number(usedSize));
    }
    return least;
  }

  async snapshot(sessionId: string): Promise<HeapSnapshot> {
    this.chunks.set(sessionId, []);
    await this.call(sessionId, 'HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    const text = (this.chunks.get(sessionId) ?? []).join('');
    this.chunks.delete(sessionId);
    return JSON.parse(text) as HeapSnapshot;
  }
}

interface HeapSnapshot {
  snapshot: {
    meta: {
      node_fields: string[];
      node_types: [string[], ...unknown[]];
      edge_fields: string[];
      edge_types: [string[], ...unknown[]];
    };
  };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/** Prints what a snapshot holds: by node type, by constructor, and its largest nodes' retainers. */
function summarise(heap: HeapSnapshot): void {
  const { meta } = heap.snapshot;
  const nodeFields = meta.node_fields.length;
  const edgeFields = meta.edge_fields.length;
  const nTYPE = meta.node_fields.indexOf('type');
  const nNAME = meta.node_fields.indexOf('name');
  const nSIZE = meta.node_fields.indexOf('self_size');
  const nEDGES = meta.node_fields.indexOf('edge_count');
  const eTYPE = meta.edge_fields.indexOf('type');
  const eNAME = meta.edge_fields.indexOf('name_or_index');
  const eTO = meta.edge_fields.indexOf('to_node');
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const count = heap.nodes.length / nodeFields;
  const typeOf = (n: number) => nodeTypes[heap.nodes[n * nodeFields + nTYPE] as number] ?? '?';
  const nameOf = (n: number) => heap.strings[heap.nodes[n * nodeFields + nNAME] as number] ?? '';
  const sizeOf = (n: number) => heap.nodes[n * nodeFields + nSIZE] as number;
  const firstEdge = new Int32Array(count + 1);
  for (let n = 0, e = 0; n < count; n++) {
    firstEdge[n] = e;
    e += heap.nodes[n * nodeFields + nEDGES] as number;
  }
  firstEdge[count] = heap.edges.length / edgeFields;
  // Distances from the root over strong edges, and each node's nearest retainer.
  const distance = new Int32Array(count).fill(-1);
  const retainer = new Int32Array(count).fill(-1);
  const retainerEdge = new Int32Array(count).fill(-1);
  distance[0] = 0;
  const queue = [0];
  for (let q = 0; q < queue.length; q++) {
    const from = queue[q] as number;
    for (let e = firstEdge[from] as number; e < (firstEdge[from + 1] as number); e++) {
      const type = edgeTypes[heap.edges[e * edgeFields + eTYPE] as number];
      if (type === 'weak' || type === 'shortcut') continue;
      const to = (heap.edges[e * edgeFields + eTO] as number) / nodeFields;
      if (distance[to] !== -1) continue;
      distance[to] = (distance[from] as number) + 1;
      retainer[to] = from;
      retainerEdge[to] = e;
      queue.push(to);
    }
  }
  const edgeName = (e: number) => {
    const type = edgeTypes[heap.edges[e * edgeFields + eTYPE] as number];
    const name = heap.edges[e * edgeFields + eNAME] as number;
    return type === 'element' || type === 'hidden' ? `[${name}]` : (heap.strings[name] ?? '?');
  };
  const label = (n: number) => {
    const type = typeOf(n);
    const name = nameOf(n).replace(/\s+/g, ' ');
    return type.includes('string')
      ? `${type} "${name.slice(0, 40)}…"`
      : `${type} ${name.slice(0, 60)}`;
  };
  let total = 0;
  const byType = new Map<string, number>();
  const byName = new Map<string, { size: number; count: number }>();
  for (let n = 0; n < count; n++) {
    const size = sizeOf(n);
    total += size;
    const type = typeOf(n);
    byType.set(type, (byType.get(type) ?? 0) + size);
    const key = type.includes('string') ? `(${type})` : `${type} ${nameOf(n).slice(0, 50)}`;
    const entry = byName.get(key) ?? { size: 0, count: 0 };
    entry.size += size;
    entry.count += 1;
    byName.set(key, entry);
  }
  console.log(`  snapshot: ${count} nodes, ${mb(total)} self size in all`);
  console.log(
    `  by node type: ${[...byType]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([type, size]) => `${type} ${mb(size)}`)
      .join(', ')}`,
  );
  console.log('  by constructor/name (top 10):');
  for (const [key, { size, count: n }] of [...byName]
    .sort((a, b) => b[1].size - a[1].size)
    .slice(0, 10)) {
    console.log(`    ${mb(size)}  ×${n}  ${key}`);
  }
  const largest = [...Array(count).keys()].sort((a, b) => sizeOf(b) - sizeOf(a)).slice(0, 12);
  console.log('  largest nodes, with their retaining path (nearest the root first):');
  for (const n of largest) {
    if (sizeOf(n) < 64 * 1024) break;
    const path: string[] = [];
    for (let at = n, hops = 0; retainer[at] !== -1 && at !== 0 && hops < 8; hops++) {
      path.unshift(`${label(retainer[at] as number)} .${edgeName(retainerEdge[at] as number)}`);
      at = retainer[at] as number;
    }
    console.log(`    ${mb(sizeOf(n))} ${label(n)}`);
    console.log(`      ← ${path.reverse().join('\n      ← ')}`);
  }
}

async function runExport(
  probe: Probe,
  page: Page,
  name: string,
  boardIds: string[],
  downloadDir: string,
  recipe?: ExportRecipe,
): Promise<void> {
  const samples: Sample[] = [];
  let snapshots = 0;
  let running = true;
  const started = Date.now();
  const sampling = (async () => {
    while (running) {
      const targets = await probe.targets();
      if (targets.length > 2) console.log(`${name}: ${targets.length} targets`);
      for (const target of targets) {
        const session = await probe.attach(target.targetId);
        try {
          const bytes = await probe.heap(session);
          samples.push({ at: Date.now() - started, kind: target.kind, bytes });
          if (target.kind === 'offscreen' && bytes > THRESHOLD && snapshots < SNAPSHOTS) {
            snapshots += 1;
            console.log(`${name}: offscreen sample ${mb(bytes)} at ${samples.at(-1)?.at} ms`);
            summarise(await probe.snapshot(session));
          }
        } finally {
          await probe.detach(session);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  const jobId = await startExport(page, { reportId: 'cards', format: FORMAT, boardIds, recipe });
  const job = await waitForJob(page, jobId, ['done', 'failed', 'cancelled'], 1_800_000);
  running = false;
  await sampling;
  if (job.state !== 'done') throw new Error(`export ${job.state}`);
  await unlink(job.path ?? join(downloadDir, job.fileName));
  for (const kind of ['worker', 'offscreen'] as const) {
    const values = samples
      .filter((s) => s.kind === kind)
      .map((s) => s.bytes)
      .sort((a, b) => a - b);
    const at = (q: number) =>
      mb(values[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0);
    console.log(
      `${name} ${kind}: ${values.length} samples, median ${at(0.5)}, p90 ${at(0.9)}, p99 ${at(0.99)}, max ${at(1)}`,
    );
    // Whether it climbs with the rows (something retained grows) or jumps about one level.
    const tenths = Array.from({ length: 10 }, () => 0);
    const span = Math.max(1, samples.at(-1)?.at ?? 1);
    for (const sample of samples.filter((s) => s.kind === kind)) {
      const tenth = Math.min(9, Math.floor((sample.at / span) * 10));
      tenths[tenth] = Math.max(tenths[tenth] as number, sample.bytes);
    }
    console.log(`${name} ${kind}: max of each tenth of the time: ${tenths.map(mb).join(', ')}`);
  }
  console.log(
    `${name}: ${(job.bytes / 1024 / 1024).toFixed(0)} MB file in ${(Date.now() - started) / 1000} s`,
  );
}

const sim = await startSimulator({
  boards: BOARDS,
  cardsPerBoard: 100_000,
  tokenLifetimeSeconds: 3600,
});
const downloadDir = await mkdtemp(join(tmpdir(), 'leankit-exporter-probe-'));
const browser = await launchChromiumWithExtension({ port: sim.port, downloadDir });
try {
  const page = await browser.context.newPage();
  await page.goto(browser.extensionUrl('popup.html'));
  type Chrome = {
    runtime: { sendMessage(m: unknown): Promise<unknown> };
    storage: { sync: { set(v: object): Promise<void> } };
  };
  await page.evaluate(
    (data) =>
      (globalThis as unknown as { chrome: Chrome }).chrome.runtime.sendMessage({
        type: 'signIn',
        data,
      }),
    { account: sim.demo.host, email: sim.demo.email, password: sim.demo.password },
  );
  const probe = new Probe(await page.context().newCDPSession(page));
  const board = sim.boards[0]?.id ?? '';
  if (process.env.PROBE_DIRECT_FIRST) {
    // As the bench does: the direct route's exports before the processed ones.
    await runExport(probe, page, 'direct 100k', [board], downloadDir);
    await runExport(probe, page, `direct ${BOARDS}×100k`, [], downloadDir);
  }
  await page.evaluate(() =>
    (globalThis as unknown as { chrome: Chrome }).chrome.storage.sync.set({
      excelFriendlyCsv: true,
    }),
  );
  for (let run = 1; run <= SMALL_RUNS; run++) {
    await runExport(probe, page, `100k #${run}`, [board], downloadDir);
  }
  await runExport(probe, page, `${BOARDS}×100k`, [], downloadDir);
  if (process.env.PROBE_FILTERED) {
    // As the bench's P5 line: five columns and a date range.
    await runExport(probe, page, `filtered ${BOARDS}×100k`, [], downloadDir, FIVE_COLUMNS_RECIPE);
  }
} finally {
  await browser.close();
  await sim.close();
  await rm(downloadDir, { recursive: true, force: true });
}
