import { type Browser, browser } from 'wxt/browser';
import { LeanKitError } from '../errors';
import { ensureHostAccess, type HostPermissions } from '../hostPermission';
import { BUILDS_PORT, type Reply, type Unnumbered } from './buildsProtocol';
import type { BuildsPlace } from './exportBuilder';
import type { BuildOutcome, BuildProgress } from './exportBuilds';

export const OFFSCREEN_PATH = '/offscreen.html';

type Pending = {
  resolve: (result: BuildOutcome | string | null) => void;
  reject: (error: Error) => void;
  onProgress?: (progress: BuildProgress) => void;
};

/**
 * The service worker's side (Chrome): builds in the offscreen document, opened when first needed.
 * That document has no permissions API, so an address off leankit.com is checked here first.
 */
export function offscreenBuilds(permissions: Pick<HostPermissions, 'contains'>): BuildsPlace {
  let connecting: Promise<Browser.runtime.Port> | undefined;
  const pending = new Map<number, Pending>();
  let calls = 0;

  async function isDocumentOpen(): Promise<boolean> {
    const contexts = await browser.runtime.getContexts({
      contextTypes: ['OFFSCREEN_DOCUMENT' as Browser.runtime.ContextType],
    });
    return contexts.length > 0;
  }

  async function openDocument(): Promise<void> {
    if (await isDocumentOpen()) return;
    await browser.offscreen.createDocument({
      url: OFFSCREEN_PATH,
      reasons: ['BLOBS' as Browser.offscreen.Reason],
      justification: 'Fetch exports and build them as files to download.',
    });
  }

  async function connect(): Promise<Browser.runtime.Port> {
    await openDocument();
    const port = browser.runtime.connect({ name: BUILDS_PORT });
    port.onMessage.addListener((reply: Reply) => {
      const waiting = pending.get(reply.call);
      if (!waiting) return;
      if ('progress' in reply) return waiting.onProgress?.(reply.progress);
      pending.delete(reply.call);
      if ('result' in reply) waiting.resolve(reply.result);
      else {
        const { kind, message } = reply.failure;
        waiting.reject(
          kind
            ? new LeanKitError(kind, message)
            : new LeanKitError('disk', `The file could not be built: ${message}`),
        );
      }
    });
    port.onDisconnect.addListener(() => {
      connecting = undefined;
      for (const waiting of pending.values()) waiting.reject(lostError());
      pending.clear();
    });
    return port;
  }

  async function send<T extends BuildOutcome | string | null>(
    command: Unnumbered,
    onProgress?: (progress: BuildProgress) => void,
  ): Promise<T> {
    connecting ??= connect().catch((cause: unknown) => {
      connecting = undefined;
      throw cause;
    });
    const port = await connecting;
    const call = ++calls;
    return new Promise<T>((resolve, reject) => {
      pending.set(call, { resolve: resolve as Pending['resolve'], reject, onProgress });
      port.postMessage({ ...command, call });
    });
  }

  return {
    async attempt(jobId, attempt, onProgress) {
      try {
        await ensureHostAccess(attempt.origin, permissions);
        return await send<BuildOutcome>({ op: 'attempt', jobId, attempt }, onProgress);
      } catch (cause) {
        return failedOutcome(cause);
      }
    },
    attach: async (jobId, onProgress) =>
      (await send<BuildOutcome | null>({ op: 'attach', jobId }, onProgress)) ?? undefined,
    cancel: async (jobId) => void (await send({ op: 'cancel', jobId })),
    finish: (jobId, mimeType) => send<string>({ op: 'finish', jobId, mimeType }),
    release: async (jobId) => void (await send({ op: 'release', jobId })),
    async keepOnly(jobIds) {
      // A closed document holds no build: not worth opening one to say so.
      if (connecting || (await isDocumentOpen())) {
        await send({ op: 'keepOnly', jobIds: [...jobIds] });
      }
    },
  };
}

/** The document closed (or crashed) under a running attempt: worth another one, in a new one. */
function lostError(): LeanKitError {
  return new LeanKitError(
    'network',
    'The page that builds the file stopped during the download. Try again.',
  );
}

function failedOutcome(cause: unknown): BuildOutcome {
  const error = cause instanceof LeanKitError ? cause : lostError();
  return { ok: false, progress: { bytes: 0 }, error: { kind: error.kind, message: error.message } };
}
