import type { ErrorInfo } from '../errors';
import { FLOW_REPORTS, type FlowReport } from './boardReports';

/**
 * The Flow charts page loads a board's reports over one port it opens to the background, so that
 * the load lives exactly as long as the page wants it: closing the page (or the port) stops every
 * request still running and frees every file kept for it. One-shot messages (lib/messaging.ts)
 * could neither stream progress back nor notice a page that went away.
 */
export const FLOW_LOAD_PORT = 'flow-load';

/**
 * The page's requests: load a board's reports (once per port), then free each one it has read.
 * With `parts`, each report's file is also told part by part on the channel `<parts> <report>`
 * while it downloads (lib/jobs/partsChannel.ts), for the page to parse as it arrives.
 */
export type FlowLoadRequest =
  | { op: 'load'; boardId: string; parts?: string }
  | { op: 'release'; report: FlowReport };

/**
 * The background's answers: bytes received so far of a report, a report's file ready to read (a
 * `blob:` URL of the extension's own origin) or whole (told on its channel), or the failure that
 * ended the load.
 */
export type FlowLoadReply =
  | { report: FlowReport; bytes: number }
  | { report: FlowReport; url: string }
  /** The report's file is whole, its parts all told on its channel. */
  | { report: FlowReport; whole: true }
  | { failure: ErrorInfo };

/** The channel a report's parts are told on, for a load asked with `parts`. */
export function partsChannelName(parts: string, report: FlowReport): string {
  return `${parts} ${report}`;
}

function isFlowReport(value: unknown): value is FlowReport {
  return (FLOW_REPORTS as readonly unknown[]).includes(value);
}

export function isFlowLoadRequest(value: unknown): value is FlowLoadRequest {
  if (typeof value !== 'object' || value === null) return false;
  const request = value as { op?: unknown; boardId?: unknown; report?: unknown; parts?: unknown };
  if (request.op === 'load') {
    return (
      typeof request.boardId === 'string' &&
      request.boardId !== '' &&
      (request.parts === undefined || (typeof request.parts === 'string' && request.parts !== ''))
    );
  }
  return request.op === 'release' && isFlowReport(request.report);
}
