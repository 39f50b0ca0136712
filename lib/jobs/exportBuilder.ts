import { LeanKitError } from '../errors';
import type { BuildAttempt, BuildOutcome, BuildProgress, ExportBuilds } from './exportBuilds';

/** Where builds run, seen from the job runner: this page's `ExportBuilds`, or the offscreen one's. */
export interface BuildsPlace {
  attempt(
    jobId: string,
    attempt: BuildAttempt,
    onProgress: (progress: BuildProgress) => void,
  ): Promise<BuildOutcome>;
  /** Undefined when that place has no build for the job. */
  attach(
    jobId: string,
    onProgress: (progress: BuildProgress) => void,
  ): Promise<BuildOutcome | undefined>;
  cancel(jobId: string): Promise<void>;
  finish(jobId: string, mimeType: string): Promise<string>;
  release(jobId: string): Promise<void>;
  /** Forgets every build but those of `jobIds`; does nothing where no build can be left. */
  keepOnly(jobIds: readonly string[]): Promise<void>;
}

interface Follow {
  signal: AbortSignal;
  onProgress: (progress: BuildProgress) => void;
}

/**
 * Files built away from the job runner (lib/jobs/exportBuilds.ts), with the runner's own ways:
 * an attempt that fails throws its `LeanKitError` (kind, status, Retry-After kept, so retries,
 * backoff and sign-in waits work as for any request), and the job's signal cancels it.
 */
export interface ExportBuilder {
  /** One request for the job's file; resolves with its progress once the request ended well. */
  attempt(jobId: string, attempt: BuildAttempt, follow: Follow): Promise<BuildProgress>;
  /**
   * The job's attempt still running (or ended) where builds run, after the service worker was
   * stopped; undefined when there is none to go on with.
   */
  attach(jobId: string, follow: Follow): Promise<BuildProgress | undefined>;
  finish(jobId: string, mimeType: string): Promise<string>;
  release(jobId: string): Promise<void>;
  /** Forgets the files of every job but these (see ExportBuilds.keepOnly). */
  keepOnly(jobIds: readonly string[]): Promise<void>;
}

export function exportBuilder(place: BuildsPlace): ExportBuilder {
  async function followed(
    jobId: string,
    follow: Follow,
    outcome: () => Promise<BuildOutcome | undefined>,
  ): Promise<BuildProgress | undefined> {
    const { signal } = follow;
    signal.throwIfAborted();
    const cancel = () => void place.cancel(jobId).catch(() => undefined);
    signal.addEventListener('abort', cancel, { once: true });
    try {
      const ended = await outcome();
      if (!ended) return undefined;
      // The last progress may not have crossed before the outcome: the outcome carries it.
      follow.onProgress(ended.progress);
      if (ended.ok) return ended.progress;
      const { kind, message, status, retryAfterMs } = ended.error;
      throw new LeanKitError(kind, message, status, retryAfterMs);
    } finally {
      signal.removeEventListener('abort', cancel);
    }
  }

  return {
    async attempt(jobId, attempt, follow) {
      const progress = await followed(jobId, follow, () =>
        place.attempt(jobId, attempt, follow.onProgress),
      );
      return progress ?? { bytes: 0 };
    },
    attach: (jobId, follow) =>
      followed(jobId, follow, () => place.attach(jobId, follow.onProgress)),
    finish: (jobId, mimeType) => place.finish(jobId, mimeType),
    release: (jobId) => place.release(jobId),
    keepOnly: (jobIds) => place.keepOnly(jobIds),
  };
}

/** Builds in this page (Firefox's background page, which has a DOM; and unit tests). */
export function inThisPage(builds: ExportBuilds): BuildsPlace {
  return {
    attempt: (jobId, attempt, onProgress) => builds.attempt(jobId, attempt, onProgress),
    attach: async (jobId, onProgress) => builds.attach(jobId, onProgress),
    cancel: async (jobId) => builds.cancel(jobId),
    finish: async (jobId, mimeType) => builds.finish(jobId, mimeType),
    release: async (jobId) => builds.release(jobId),
    keepOnly: async (jobIds) => builds.keepOnly(jobIds),
  };
}
