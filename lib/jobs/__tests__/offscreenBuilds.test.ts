// @vitest-environment node
import { resolveObjectURL } from 'node:buffer';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { simulatorFetch } from '@/tests/simulator/fetch';
import { type Simulator, startSimulator } from '@/tests/simulator/index';
import { signIn } from '@/tests/simulator/testing';
import { type BuildAttempt, ExportBuilds } from '../exportBuilds';
import { BUILDS_PORT, offscreenBuilds, serveExportBuilds } from '../offscreenBuilds';
import { excelFriendlyConverter } from '../rowConverter';

let sim: Simulator;
let token: string;
beforeAll(async () => {
  sim = await startSimulator({ boards: 1, cardsPerBoard: 10 });
  token = await signIn(simulatorFetch(sim), sim);
});
afterAll(() => sim.close());

const worker = {
  id: 'test-extension-id',
  url: 'chrome-extension://test-extension-id/background.js',
};
const contentScript = {
  id: 'test-extension-id',
  url: 'https://acme.leankit.com/board/1',
  frameId: 0,
  tab: { id: 3 },
};
const popup = { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/popup.html' };

type Listener = (message: unknown) => void;

/** One end of a port; `peer` is the other end, as `runtime.connect` pairs them. */
class FakePort {
  peer?: FakePort;
  disconnected = false;
  private readonly messages: Listener[] = [];
  private readonly disconnects: (() => void)[] = [];
  readonly onMessage = { addListener: (listener: Listener) => this.messages.push(listener) };
  readonly onDisconnect = {
    addListener: (listener: () => void) => this.disconnects.push(listener),
  };
  constructor(
    readonly name: string,
    readonly sender?: object,
  ) {}
  postMessage(message: unknown): void {
    if (this.disconnected) throw new Error('Attempting to use a disconnected port object');
    const peer = this.peer;
    // Structured-cloned and delivered later, as the browser does.
    const copy = structuredClone(message);
    setTimeout(() => {
      if (peer) for (const listener of peer.messages) listener(copy);
    }, 0);
  }
  disconnect(): void {
    if (this.disconnected) return;
    this.disconnected = true;
    const peer = this.peer;
    if (peer && !peer.disconnected) {
      peer.disconnected = true;
      for (const listener of peer.disconnects) listener();
    }
  }
}

/** `runtime.onConnect`, which the fake browser leaves out. */
let connectListeners: ((port: Browser.runtime.Port) => void)[] = [];
function triggerConnect(port: FakePort): void {
  for (const listener of connectListeners) listener(port as unknown as Browser.runtime.Port);
}

/** Connects as `sender` to the served document; returns the connecting end. */
async function connectAs(sender: object): Promise<FakePort> {
  const near = new FakePort(BUILDS_PORT);
  const far = new FakePort(BUILDS_PORT, sender);
  near.peer = far;
  far.peer = near;
  triggerConnect(far);
  return near;
}

function cards(): BuildAttempt {
  return {
    origin: 'https://acme.leankit.com',
    token,
    request: { reportId: 'cards', format: 'csv', boardIds: [] },
    stallTimeoutMs: 2_000,
  };
}

let builds: ExportBuilds;
beforeEach(() => {
  fakeBrowser.reset();
  connectListeners = [];
  (fakeBrowser.runtime as { onConnect: unknown }).onConnect = {
    addListener: (listener: (port: Browser.runtime.Port) => void) =>
      connectListeners.push(listener),
  } as never;
  builds = new ExportBuilds(simulatorFetch(sim), excelFriendlyConverter);
  serveExportBuilds(builds);
});

describe('the offscreen document', () => {
  it.each([
    ['a content script', contentScript],
    ['the popup', popup],
  ])('disconnects %s at once, before any command', async (_name, sender) => {
    const port = await connectAs(sender);
    expect(port.disconnected).toBe(true);
  });

  it('builds for the service worker', async () => {
    const port = await connectAs(worker);
    const replies: unknown[] = [];
    port.onMessage.addListener((reply) => replies.push(reply));
    port.postMessage({ call: 1, op: 'attempt', jobId: 'job', attempt: cards() });
    await vi.waitFor(() => expect(replies.at(-1)).toMatchObject({ call: 1, result: { ok: true } }));
  });
});

describe('offscreenBuilds, the service worker’s side', () => {
  beforeEach(() => {
    // The document is open already; `connect` reaches it, as the service worker.
    fakeBrowser.runtime.getContexts = (async () => [{}]) as never;
    fakeBrowser.runtime.connect = (() => {
      const near = new FakePort(BUILDS_PORT);
      const far = new FakePort(BUILDS_PORT, worker);
      near.peer = far;
      far.peer = near;
      triggerConnect(far);
      return near;
    }) as never;
  });
  const permissions = { contains: async () => true };

  it('runs an attempt there, with progress, and saves nothing but a blob: URL back', async () => {
    const place = offscreenBuilds(permissions);
    const outcome = await place.attempt('job', cards(), () => undefined);
    const served = await sim.body('/io/reporting/export/cards?format=csv');
    expect(outcome).toEqual({ ok: true, progress: { bytes: served.length } });
    const url = await place.finish('job', 'text/csv');
    const blob = resolveObjectURL(url);
    expect(Buffer.from((await blob?.arrayBuffer()) ?? new ArrayBuffer(0)).equals(served)).toBe(
      true,
    );
    await place.release('job');
    expect(resolveObjectURL(url)).toBeUndefined();
  });

  it('re-attaches from a new worker to a build the old one started', async () => {
    const old = offscreenBuilds(permissions);
    const first = await old.attempt('job', cards(), () => undefined);
    const restarted = offscreenBuilds(permissions);
    expect(await restarted.attach('job', () => undefined)).toEqual(first);
    expect(await restarted.attach('unknown', () => undefined)).toBeUndefined();
  });

  it('brings a failure back as the same error, kind and sentence', async () => {
    const place = offscreenBuilds(permissions);
    await expect(place.finish('never-built', 'text/csv')).rejects.toMatchObject({
      kind: 'disk',
      message: 'The file being built was lost. Try again.',
    });
  });

  it('refuses an address off leankit.com the user has not allowed, asking nothing of the document', async () => {
    const place = offscreenBuilds({ contains: async () => false });
    const outcome = await place.attempt(
      'job',
      { ...cards(), origin: 'https://boards.example.com' },
      () => undefined,
    );
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'no-permission' } });
    expect(builds.attach('job')).toBeUndefined();
  });
});
