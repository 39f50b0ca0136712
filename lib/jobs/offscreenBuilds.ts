import { type Browser, browser } from 'wxt/browser';
import { LeanKitError } from '../errors';
import { ensureHostAccess, type HostPermissions } from '../hostPermission';
import { isBackgroundWorker } from '../messaging';
import type { BuildsPlace } from './exportBuilder';
import type { BuildAttempt, BuildOutcome, BuildProgress, ExportBuilds } from './exportBuilds';

/**
 * Chrome: exports are built in the offscreen document (a service worker cannot make `blob:` URLs),
 * which fetches them itself, so bytes never cross a message; only commands, progress and outcomes
 * do, over one port the service worker opens. The token travels in the `attempt` command, to this
 * document only.
 */
export const BUILDS_PORT = 'export-builds';
export const OFFSCREEN_PATH = '/offscreen.html';
/** Progress crosses the port at most this often per build; the outcome carries the last of it. */
const PROGRESS_EVERY_MS = 100;

type Command =
  | { call: number; op: 'attempt'; jobId: string; attempt: BuildAttempt }
  | { call: number; op: 'attach'; jobId: string }
  | { call: number; op: 'cancel'; jobId: string }
  | { call: number; op: 'finish'; jobId: string; mimeType: string }
  | { call: number; op: 'release'; jobId: string };

/** A command as the caller writes it; `send` numbers it. */
type Unnumbered = Command extends infer C ? (C extends Command ? Omit<C, 'call'> : never) : never;

type Reply =
  | { call: number; progress: BuildProgress }
  | { call: number; result: BuildOutcome | string | null }
  /** A command that failed: its `LeanKitError`'s kind and sentence, or the browser's reason. */
  | { call: number; failure: { kind?: LeanKitError['kind']; message: string } };

const OPS = new Set(['attempt', 'attach', 'cancel', 'finish', 'release']);

function isCommand(value: unknown): value is Command {
  const command = value as Partial<Command> | null;
  return (
    typeof command === 'object' &&
    command !== null &&
    typeof command.call === 'number' &&
    typeof command.jobId === 'string' &&
    OPS.has(command.op ?? '')
  );
}

/**
 * The offscreen document's side: runs the service worker's commands on `builds`, and no one
 * else's. Content scripts can connect to this page too, and a board tab knows its export's id: the
 * check keeps them from reading, adding to or dropping a file being built.
 */
export function serveExportBuilds(builds: ExportBuilds): void {
  browser.runtime.onConnect.addListener((port: Browser.runtime.Port) => {
    if (port.name !== BUILDS_PORT) return;
    if (!port.sender || !isBackgroundWorker(port.sender)) {
      port.disconnect();
      return;
    }
    let open = true;
    port.onDisconnect.addListener(() => {
      open = false;
    });
    const post = (reply: Reply) => {
      if (!open) return;
      try {
        port.postMessage(reply);
      } catch {
        open = false;
      }
    };
    port.onMessage.addListener((message: unknown) => {
      if (!isCommand(message)) return;
      const { call } = message;
      let sentAt = 0;
      const onProgress = (progress: BuildProgress) => {
        const now = Date.now();
        if (now - sentAt < PROGRESS_EVERY_MS) return;
        sentAt = now;
        post({ call, progress });
      };
      void run(builds, message, onProgress).then(
        (result) => post({ call, result }),
        (cause: unknown) => post({ call, failure: failureOf(cause) }),
      );
    });
  });
}

function failureOf(cause: unknown): { kind?: LeanKitError['kind']; message: string } {
  if (cause instanceof LeanKitError) return { kind: cause.kind, message: cause.message };
  return { message: cause instanceof Error ? cause.message : String(cause) };
}

async function run(
  builds: ExportBuilds,
  command: Command,
  onProgress: (progress: BuildProgress) => void,
): Promise<BuildOutcome | string | null> {
  switch (command.op) {
    case 'attempt':
      return builds.attempt(command.jobId, command.attempt, onProgress);
    case 'attach':
      return (await builds.attach(command.jobId, onProgress)) ?? null;
    case 'cancel':
      builds.cancel(command.jobId);
      return null;
    case 'finish':
      return builds.finish(command.jobId, command.mimeType);
    case 'release':
      builds.release(command.jobId);
      return null;
  }
}

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

  async function openDocument(): Promise<void> {
    const contexts = await browser.runtime.getContexts({
      contextTypes: ['OFFSCREEN_DOCUMENT' as Browser.runtime.ContextType],
    });
    if (contexts.length > 0) return;
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
