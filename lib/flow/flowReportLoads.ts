import { asLeanKitError, LeanKitError, signedOutError } from '../errors';
import {
  DEFAULT_RETRY_POLICY,
  isRetryable,
  type RetryPolicy,
  retryDelayMs,
  sleep,
} from '../jobs/backoff';
import type { ExportBuilder } from '../jobs/exportBuilder';
import type { KeepAwake } from '../jobs/keepAwake';
import { findReportByPath } from '../reports';
import type { SessionService } from '../session';
import { FLOW_REPORTS, type FlowReport } from './boardReports';
import { partsChannelName } from './flowLoadProtocol';

interface Deps {
  session: Pick<SessionService, 'require' | 'dropToken'>;
  /** Where exports are built (lib/jobs/exportBuilder.ts): each report becomes a file there. */
  builder: ExportBuilder;
  stallTimeoutMs: () => Promise<number>;
  random?: () => number;
  retryPolicy?: RetryPolicy;
  keepAwake?: KeepAwake;
}

/** What a load tells the page as it goes. */
export interface FlowLoadEvents {
  onBytes(report: FlowReport, bytes: number): void;
  /**
   * The report's file is whole: a `blob:` URL the page reads, valid until released; null when
   * its parts were told on a channel.
   */
  onReady(report: FlowReport, url: string | null): void;
}

/** One page's load of one board's reports. */
export interface FlowLoad {
  /**
   * Fetches the four reports (LOAD_QUEUES), each also told part by part on its channel when
   * `parts` is given (flowLoadProtocol.ts); rejects with the first failure.
   */
  load(boardId: string, parts: string | undefined, events: FlowLoadEvents): Promise<void>;
  /** Frees a report's file, once the page has read it. */
  release(report: FlowReport): Promise<void>;
  /** Stops what is still running and frees every file: the page is done, or went away. */
  close(): Promise<void>;
}

/**
 * The background side of the Flow charts page's loading: each of a board's four reports is
 * fetched and built into a file where exports are built (Chrome's offscreen document, Firefox's
 * background page), by the same builds as exports, so the token stays in the background and no
 * byte crosses a message. Failures are retried as exports' are (rate limits, server errors, broken
 * or stalled connections, with backoff); a report that broke starts afresh, the ones already built
 * are kept. An expired session ends the load at once, saying so: the page offers to load again.
 */
/**
 * The big reports one after the other, largest first: the metrics need the card positions, not the
 * cards (with no card type chosen), so they are worked out while the cards download. All at once,
 * the reports share LeanKit's (and the simulator's) pace and end together, and the metrics wait for
 * the very last byte (measured: later, not sooner). The two small reports load beside them, one
 * after the other, and are in long before the cards are: after the cards, they held the charts
 * back by the time they took. Two requests at a time at most, gentle on LeanKit's rate limits.
 * Only the big reports' bytes are told as progress.
 */
const LOAD_QUEUES: readonly (readonly FlowReport[])[] = [
  ['cardpositions', 'cards'],
  ['cards/blockedhistory', 'lanes'],
];
const TOLD_BYTES: ReadonlySet<FlowReport> = new Set(LOAD_QUEUES[0]);

export function createFlowReportLoads({
  session,
  builder,
  stallTimeoutMs,
  random = Math.random,
  retryPolicy = DEFAULT_RETRY_POLICY,
  keepAwake,
}: Deps) {
  const running = new Set<AbortController>();

  async function buildReport(
    buildId: string,
    boardId: string,
    report: FlowReport,
    signal: AbortSignal,
    events: FlowLoadEvents,
    parts: string | undefined,
  ): Promise<void> {
    const reportId = findReportByPath(report)?.id ?? report;
    const stall = await stallTimeoutMs();
    for (let attempt = 1; ; attempt++) {
      const { origin, token } = await session.require();
      try {
        await builder.attempt(
          buildId,
          {
            origin,
            token,
            request: { reportId, format: 'csv', boardIds: [boardId] },
            stallTimeoutMs: stall,
            ...(parts === undefined ? {} : { partsChannel: partsChannelName(parts, report) }),
          },
          { signal, onProgress: ({ bytes }) => events.onBytes(report, bytes) },
        );
        // Told part by part, the file needs no URL: the page has read it, or is reading it.
        events.onReady(
          report,
          parts === undefined ? await builder.finish(buildId, 'text/csv') : null,
        );
        return;
      } catch (cause) {
        if (signal.aborted) throw signal.reason;
        const error = asLeanKitError(cause);
        if (error.kind === 'token-expired') await session.dropToken(token);
        const delay = isRetryable(error)
          ? retryDelayMs(attempt, retryPolicy, random, error.retryAfterMs)
          : undefined;
        if (delay === undefined) {
          throw attempt > 1
            ? new LeanKitError(error.kind, `${error.message} (Gave up after ${attempt} attempts.)`)
            : error;
        }
        await sleep(delay, signal);
      }
    }
  }

  return {
    open(): FlowLoad {
      const controller = new AbortController();
      const loadId = crypto.randomUUID();
      const buildIdOf = (report: FlowReport) => `flow-${loadId}-${report}`;
      running.add(controller);
      return {
        async load(boardId, parts, events) {
          const letSleep = keepAwake?.hold();
          try {
            const told: FlowLoadEvents = {
              onBytes: (report, bytes) => {
                if (TOLD_BYTES.has(report)) events.onBytes(report, bytes);
              },
              onReady: events.onReady,
            };
            await Promise.all(
              LOAD_QUEUES.map(async (queue) => {
                for (const report of queue) {
                  await buildReport(
                    buildIdOf(report),
                    boardId,
                    report,
                    controller.signal,
                    told,
                    parts,
                  );
                }
              }),
            );
          } catch (cause) {
            throw controller.signal.aborted && controller.signal.reason instanceof LeanKitError
              ? controller.signal.reason
              : asLeanKitError(cause);
          } finally {
            letSleep?.();
          }
        },
        release: (report) => builder.release(buildIdOf(report)),
        async close() {
          running.delete(controller);
          if (!controller.signal.aborted) {
            controller.abort(new LeanKitError('aborted', 'Cancelled.'));
          }
          await Promise.all(
            FLOW_REPORTS.map((report) => builder.release(buildIdOf(report)).catch(() => undefined)),
          );
        },
      };
    },

    /** The user signed out: every load stops, saying why. */
    stopAll(): void {
      const reason = signedOutError();
      for (const controller of running) controller.abort(reason);
    },
  };
}

export type FlowReportLoads = ReturnType<typeof createFlowReportLoads>;
