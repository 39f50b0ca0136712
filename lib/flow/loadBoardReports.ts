import { browser } from 'wxt/browser';
import { LeanKitError, toErrorInfo } from '../errors';
import { taskSlices } from '../nextTask';
import type { Parsed } from './boardHistory';
import {
  type BoardHistory,
  type BoardReports,
  FLOW_REPORTS,
  type FlowReport,
  type LoadBoardReports,
} from './boardReports';
import { boardReportsFrom, type ParsedReports } from './boardReportsFrom';
import {
  FLOW_LOAD_PORT,
  type FlowLoadReply,
  type FlowLoadRequest,
  partsChannelName,
} from './flowLoadProtocol';
import { type PartsChannel, PartsRestarted, ReportParts } from './reportParts';
import { type FlowRecords, readReportRecords } from './reportRows';

/** What the loader needs of a runtime port to the background. */
export interface FlowPort {
  postMessage(message: FlowLoadRequest): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

interface LoaderDeps {
  /** Opens a port to the background's flow loads (lib/flow/serveFlowLoads.ts). */
  connect: () => FlowPort;
  /** The bytes behind a report's `blob:` URL, as they are read. */
  open: (url: string) => Promise<ReadableStream<Uint8Array>>;
  now?: () => number;
  /** Awaited between pieces of a report being parsed (readReportRecords). */
  pause?: () => Promise<void>;
  /**
   * Opens a `BroadcastChannel` a report's parts are told on while it downloads: each report is
   * then parsed as it arrives, not from its file's URL once whole.
   */
  channel?: (name: string) => PartsChannel;
}

/** The longest the page parses before the offscreen document (same main thread) gets a turn. */
const PARSE_SLICE_MS = 10;

const LOST_MESSAGE = 'The extension stopped loading the reports. Reload the page to try again.';
const UNREADABLE_MESSAGE = 'The loaded report could not be read. Reload the page to try again.';

/**
 * The Flow charts page's loader: asks the background, over a port, for the board's four reports;
 * reads each one's file as soon as it is whole, parsing it while reading (lib/flow/reportRows.ts),
 * frees it once read, and closes the port when all four are parsed, or on cancel, which stops the
 * background's requests and frees every file. Fails with the background's `LeanKitError` (kind and
 * sentence for the user).
 */
export function boardReportsLoader({
  connect,
  open,
  now = Date.now,
  pause,
  channel,
}: LoaderDeps): LoadBoardReports {
  return (boardId, { signal, onProgress, onHistory } = {}) =>
    new Promise<BoardReports>((resolve, reject) => {
      if (signal?.aborted) return reject(cancelled());
      performance.mark('flow-load');
      const port = connect();
      const reading = new AbortController();
      /** The report the background is fetching now, and its bytes so far. */
      let current: { report: FlowReport; bytes: number } | undefined;
      const parsed = new Map<FlowReport, Parsed<FlowRecords[FlowReport]>>();
      let settled = false;
      const parts = channel && `flow-parts-${crypto.randomUUID()}`;
      const followed = new Map(
        parts === undefined
          ? []
          : FLOW_REPORTS.map((report) => [
              report,
              new ReportParts(
                (channel as NonNullable<typeof channel>)(partsChannelName(parts, report)),
              ),
            ]),
      );

      const settle = (error?: LeanKitError) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        reading.abort();
        for (const reportParts of followed.values()) reportParts.close();
        port.disconnect();
        if (error) reject(error);
        // Without an error it settles once all four are parsed.
        else resolve(boardReportsFrom(boardId, Object.fromEntries(parsed) as ParsedReports, now()));
      };
      const onAbort = () => settle(cancelled());
      // A port the background closed throws rather than delivers.
      const post = (request: FlowLoadRequest) => {
        try {
          port.postMessage(request);
        } catch {
          settle(new LeanKitError('network', LOST_MESSAGE));
        }
      };
      const tell = () => {
        if (current && parsed.size < FLOW_REPORTS.length) {
          onProgress?.({ ...current, done: parsed.size });
        }
      };
      /** Parses a report from its bytes, again from the start if a retry restarts its file. */
      const read = async (report: FlowReport, bytes: () => Promise<ReadableStream<Uint8Array>>) => {
        try {
          let records: Parsed<FlowRecords[FlowReport]>;
          for (;;) {
            try {
              records = await readReportRecords(report, await bytes(), reading.signal, pause);
              break;
            } catch (cause) {
              if (!(cause instanceof PartsRestarted)) throw cause;
            }
          }
          if (settled) return;
          post({ op: 'release', report });
          parsed.set(report, records);
          performance.mark(`flow-parsed ${report}`);
          tell();
          if (report !== 'cards' && HISTORY_REPORTS.every((one) => parsed.has(one))) {
            onHistory?.(historyFrom(parsed));
          }
          if (parsed.size === FLOW_REPORTS.length) settle();
        } catch (cause) {
          if (settled) return;
          const { kind, message } = toErrorInfo(cause);
          settle(new LeanKitError(kind, message));
        }
      };

      signal?.addEventListener('abort', onAbort, { once: true });
      port.onDisconnect.addListener(() => settle(new LeanKitError('network', LOST_MESSAGE)));
      port.onMessage.addListener((message: unknown) => {
        if (settled) return;
        const reply = message as FlowLoadReply;
        if ('failure' in reply) settle(new LeanKitError(reply.failure.kind, reply.failure.message));
        else if ('whole' in reply) performance.mark(`flow-whole ${reply.report}`);
        else if ('url' in reply) {
          performance.mark(`flow-whole ${reply.report}`);
          void read(reply.report, () => open(reply.url));
        } else {
          current = { report: reply.report, bytes: reply.bytes };
          tell();
        }
      });
      for (const [report, reportParts] of followed) {
        void read(report, async () => reportParts.stream());
      }
      post({ op: 'load', boardId, ...(parts === undefined ? {} : { parts }) });
    });
}

/** The reports the board's history is made of: all but the cards. */
const HISTORY_REPORTS = FLOW_REPORTS.filter((report) => report !== 'cards');

function historyFrom(parsed: ReadonlyMap<FlowReport, Parsed<unknown>>): BoardHistory {
  const records = <R extends FlowReport>(report: R) =>
    (parsed.get(report) as Parsed<FlowRecords[R]>).records;
  return {
    lanes: records('lanes'),
    positions: records('cardpositions'),
    blocked: records('cards/blockedhistory'),
  };
}

function cancelled(): LeanKitError {
  return new LeanKitError('aborted', 'Cancelled.');
}

/**
 * The page's loader: the background over a runtime port, each file read from its `blob:` URL,
 * parsed in tasks that leave room for the offscreen document fetching the next report.
 */
export const loadBoardReports: LoadBoardReports = boardReportsLoader({
  connect: () => browser.runtime.connect({ name: FLOW_LOAD_PORT }),
  pause: taskSlices(PARSE_SLICE_MS),
  // A page in a private window is in another partition than the background, whose channels it
  // would never hear: there it reads each file from its URL.
  ...(browser.extension.inIncognitoContext
    ? {}
    : { channel: (name: string) => new BroadcastChannel(name) }),
  async open(url) {
    const response = await fetch(url);
    if (!response.body) throw new LeanKitError('disk', UNREADABLE_MESSAGE);
    return response.body;
  },
});
