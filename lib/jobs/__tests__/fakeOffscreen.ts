import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BUILDS_PORT } from '../buildsProtocol';
import { ExportBuilds } from '../exportBuilds';
import { rowPipelineConverter } from '../rowConverter';
import { serveExportBuilds } from '../serveExportBuilds';

/** What the service worker's messages carry as their sender. */
export const WORKER = {
  id: 'test-extension-id',
  url: 'chrome-extension://test-extension-id/background.js',
};

type Listener = (message: unknown) => void;

/** One end of a port; `peer` is the other end, as `runtime.connect` pairs them. */
export class FakePort {
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

/**
 * Chrome's offscreen document, in this process: `runtime.onConnect` (which the fake browser leaves
 * out), `runtime.connect` reaching it as the service worker, and `getContexts` saying it is open.
 * `connectAs` connects as another sender. Call after `fakeBrowser.reset()`.
 */
export function fakeOffscreenDocument(fetch: typeof globalThis.fetch) {
  const listeners: ((port: Browser.runtime.Port) => void)[] = [];
  function connectAs(sender: object): FakePort {
    const near = new FakePort(BUILDS_PORT);
    const far = new FakePort(BUILDS_PORT, sender);
    near.peer = far;
    far.peer = near;
    for (const listener of listeners) listener(far as unknown as Browser.runtime.Port);
    return near;
  }
  Object.assign(fakeBrowser.runtime, {
    onConnect: {
      addListener: (listener: (port: Browser.runtime.Port) => void) => listeners.push(listener),
    },
    getContexts: async () => [{}],
    connect: () => connectAs(WORKER),
  });
  const builds = new ExportBuilds(fetch, rowPipelineConverter);
  serveExportBuilds(builds);
  return { builds, connectAs };
}
