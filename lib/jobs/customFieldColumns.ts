import { declaredLength, endsWhole, unexpectedContent } from '../api/exportContent';
import type { ReportingClient } from '../api/reportingClient';
import { incompleteError } from '../api/requestErrors';
import { LeanKitError } from '../errors';
import type { CustomFieldTable } from '../pipeline/rowPipeline';
import { StallGuard } from './stallGuard';

/**
 * Where the `customfields` report's CSV goes, piece by piece: the pipeline's `readCustomFields()`
 * (lib/pipeline/rowPipeline.ts) keeps only the card id → label → value map, never the text.
 */
export interface CustomFieldSink<Table = CustomFieldTable> {
  push(text: string): void;
  table(): Table;
}

interface Options<Table> {
  client: ReportingClient;
  token: string;
  /** The boards of the cards export; empty for all. */
  boardIds: readonly string[];
  /** A fresh sink: an attempt that fails leaves its sink half full, so each attempt gets its own. */
  sink: CustomFieldSink<Table>;
  signal: AbortSignal;
  /** The attempt fails with a timeout error once no byte arrived for this long. */
  stallTimeoutMs: number;
}

/**
 * Custom fields as columns of the cards report: reads the `customfields` report (CSV) of the same
 * boards, streamed into `sink`, and returns the sink's table for the cards export to join. One
 * attempt: its failures are the `LeanKitError`s of any export request (rate limits, server and
 * network errors, a body cut short, a page that is not CSV), which the job retries as it retries
 * the export itself.
 */
export async function readCustomFieldColumns<Table = CustomFieldTable>({
  client,
  token,
  boardIds,
  sink,
  signal,
  stallTimeoutMs,
}: Options<Table>): Promise<Table> {
  const stall = new StallGuard(stallTimeoutMs, client.host, signal);
  try {
    const request = { reportId: 'customfields', format: 'csv' as const, boardIds };
    const response = await stall.race(client.openExport(token, request, stall.signal));
    const wrong = unexpectedContent(response.headers.get('content-type'), 'csv', client.host);
    if (wrong) {
      await response.body?.cancel();
      throw wrong;
    }
    if (!response.body) {
      throw new LeanKitError('server', 'LeanKit sent an empty answer. Try again.');
    }
    const declared = declaredLength(response.headers);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let received = 0;
    let tail = '';
    try {
      for (;;) {
        const { done, value } = await stall.race(reader.read());
        if (done) break;
        received += value.byteLength;
        const text = decoder.decode(value, { stream: true });
        if (text !== '') {
          sink.push(text);
          tail = text;
        }
      }
      const last = decoder.decode();
      if (last !== '') {
        sink.push(last);
        tail = last;
      }
    } catch (cause) {
      if (cause instanceof LeanKitError) throw cause;
      if (signal.aborted) throw new LeanKitError('aborted', 'Cancelled.');
      throw new LeanKitError(
        'network',
        `The connection to ${client.host} broke during the download. Check your connection and try again.`,
      );
    }
    if ((declared !== undefined && received !== declared) || !endsWhole(tail, 'csv')) {
      throw incompleteError(client.host);
    }
    return sink.table();
  } finally {
    stall.stop();
  }
}
