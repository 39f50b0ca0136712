import type { LeanKitError } from '../errors';
import type { BuildAttempt, BuildOutcome, BuildProgress } from './exportBuilds';

/**
 * Chrome: exports are built in the offscreen document (a service worker cannot make `blob:` URLs),
 * which fetches them itself, so bytes never cross a message; only commands, progress and outcomes
 * do, over one port the service worker opens (lib/jobs/offscreenBuilds.ts) and the document serves
 * (lib/jobs/serveExportBuilds.ts). The token travels in the `attempt` command, to that document
 * only.
 */
export const BUILDS_PORT = 'export-builds';

export type Command =
  | { call: number; op: 'attempt'; jobId: string; attempt: BuildAttempt }
  | { call: number; op: 'attach'; jobId: string }
  | { call: number; op: 'cancel'; jobId: string }
  | { call: number; op: 'finish'; jobId: string; mimeType: string }
  | { call: number; op: 'release'; jobId: string }
  | { call: number; op: 'keepOnly'; jobIds: string[] };

/** A command as the caller writes it; `send` numbers it. */
export type Unnumbered = Command extends infer C
  ? C extends Command
    ? Omit<C, 'call'>
    : never
  : never;

export type Reply =
  | { call: number; progress: BuildProgress }
  | { call: number; result: BuildOutcome | string | null }
  /** A command that failed: its `LeanKitError`'s kind and sentence, or the browser's reason. */
  | { call: number; failure: { kind?: LeanKitError['kind']; message: string } };

const JOB_OPS = new Set(['attempt', 'attach', 'cancel', 'finish', 'release']);

export function isCommand(value: unknown): value is Command {
  if (typeof value !== 'object' || value === null) return false;
  const command = value as { call?: unknown; op?: unknown; jobId?: unknown; jobIds?: unknown };
  if (typeof command.call !== 'number') return false;
  if (command.op === 'keepOnly') {
    return Array.isArray(command.jobIds) && command.jobIds.every((id) => typeof id === 'string');
  }
  return typeof command.jobId === 'string' && JOB_OPS.has(String(command.op));
}
