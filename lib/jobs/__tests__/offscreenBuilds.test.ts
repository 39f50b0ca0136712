// @vitest-environment node
import { resolveObjectURL } from 'node:buffer';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { simulatorFetch } from '@/tests/simulator/fetch';
import { type Simulator, startSimulator } from '@/tests/simulator/index';
import { signIn } from '@/tests/simulator/testing';
import type { BuildAttempt, ExportBuilds } from '../exportBuilds';
import { offscreenBuilds } from '../offscreenBuilds';
import { type FakePort, fakeOffscreenDocument, WORKER } from './fakeOffscreen';

let sim: Simulator;
let token: string;
beforeAll(async () => {
  sim = await startSimulator({ boards: 1, cardsPerBoard: 10 });
  token = await signIn(simulatorFetch(sim), sim);
});
afterAll(() => sim.close());

const contentScript = {
  id: 'test-extension-id',
  url: 'https://acme.leankit.com/board/1',
  frameId: 0,
  tab: { id: 3 },
};
const popup = { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/popup.html' };

function cards(): BuildAttempt {
  return {
    origin: 'https://acme.leankit.com',
    token,
    request: { reportId: 'cards', format: 'csv', boardIds: [] },
    stallTimeoutMs: 2_000,
  };
}

let builds: ExportBuilds;
let connectAs: (sender: object) => FakePort;
beforeEach(() => {
  fakeBrowser.reset();
  ({ builds, connectAs } = fakeOffscreenDocument(simulatorFetch(sim)));
});

describe('the offscreen document', () => {
  it.each([
    ['a content script', contentScript],
    ['the popup', popup],
  ])('disconnects %s at once, before any command', async (_name, sender) => {
    const port = connectAs(sender);
    expect(port.disconnected).toBe(true);
  });

  it('builds for the service worker', async () => {
    const port = connectAs(WORKER);
    const replies: unknown[] = [];
    port.onMessage.addListener((reply) => replies.push(reply));
    port.postMessage({ call: 1, op: 'attempt', jobId: 'job', attempt: cards() });
    await vi.waitFor(() => expect(replies.at(-1)).toMatchObject({ call: 1, result: { ok: true } }));
  });
});

describe('offscreenBuilds, the service worker’s side', () => {
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

  it('forgets, from a new worker, the builds of jobs it does not keep', async () => {
    const old = offscreenBuilds(permissions);
    await old.attempt('kept', cards(), () => undefined);
    await old.attempt('ended', cards(), () => undefined);
    await offscreenBuilds(permissions).keepOnly(['kept']);
    expect(builds.attach('ended')).toBeUndefined();
    expect(builds.attach('kept')).toBeDefined();
  });

  it('opens no document just to say which builds to keep', async () => {
    const connect = vi.fn(fakeBrowser.runtime.connect);
    Object.assign(fakeBrowser.runtime, { getContexts: async () => [], connect });
    const createDocument = vi.fn(async () => undefined);
    Object.assign(fakeBrowser, { offscreen: { createDocument } });
    await offscreenBuilds(permissions).keepOnly([]);
    expect(createDocument).not.toHaveBeenCalled();
    expect(connect).not.toHaveBeenCalled();
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
