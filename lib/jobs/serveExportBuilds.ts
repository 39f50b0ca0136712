import { type Browser, browser } from 'wxt/browser';
import { LeanKitError } from '../errors';
import { isBackgroundWorker } from '../messaging';
import { BUILDS_PORT, type Command, isCommand, type Reply } from './buildsProtocol';
import type { BuildOutcome, BuildProgress, ExportBuilds } from './exportBuilds';
import { throttledProgress } from './throttledProgress';

/** Progress crosses the port at most this often per build; the outcome carries the last of it. */
const PROGRESS_EVERY_MS = 100;

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
      const onProgress = throttledProgress(
        (progress: BuildProgress) => post({ call, progress }),
        PROGRESS_EVERY_MS,
      );
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
    case 'keepOnly':
      builds.keepOnly(command.jobIds);
      return null;
  }
}
