import { declaredLength, unexpectedContent } from '../api/exportContent';
import type { ExportRequest, ReportingClient } from '../api/reportingClient';
import { incompleteError, LeanKitError } from '../errors';
import { type CustomFieldTable, createRowPipeline } from '../pipeline/rowPipeline';
import type { ExportRecipe } from '../recipes/recipe';
import type { Report } from '../reports';
import type { BlobSink } from './blobFiles';
import { StallGuard } from './stallTimeout';

/** Converted text is sent on to the file in pieces of about this many characters. */
const FLUSH_CHARS = 1 << 20;

interface Options {
  client: ReportingClient;
  /** The export, without a page: every row. */
  request: ExportRequest;
  report: Report;
  /** The columns and rows to write (the job's recipe; `{}` for every column and row as served). */
  recipe: ExportRecipe;
  /** With the recipe's "changed since my last export": only rows active after this ISO date-time. */
  changedSince?: string;
  /** BOM and formula guard. */
  excelFriendly: boolean;
  /** The custom fields to join (lib/jobs/customFieldColumns.ts), when the recipe asks for them. */
  customFields?: CustomFieldTable;
  sink: BlobSink;
  /** Names this export's file in the sink; the job id, so concurrent exports never mix. */
  fileId: string;
  /** Rows in the file so far and bytes received from LeanKit, as they grow. */
  onProgress?: (progress: { rows: number; bytes: number }) => void;
  /** An attempt fails with a timeout error once no byte arrived for this long. */
  stallTimeoutMs: number;
}

/**
 * An export whose bytes we change (Excel-friendly CSV or TAB), streamed: each response is read chunk by
 * chunk, converted, and appended to a Blob in the sink; no whole export is ever one string. Only
 * whole rows reach the file, and `rows` counts them, so when a connection drops mid-body the next
 * attempt asks LeanKit for the rest with `offset=rows` (the paging LeanKit's own clients use):
 * no row is duplicated or missing. An answer that is not CSV (a sign-in page, a JSON notice) fails
 * before anything is written; a body cut short (however it ended) is `incomplete`, never a row.
 */
export class ProcessedExport {
  rows = 0;
  /** Data rows read from LeanKit so far: where a resumed request starts (`offset=`). */
  received = 0;
  bytes = 0;
  private readonly converter;

  constructor(private readonly options: Options) {
    const { format } = options.request;
    // chooseRoute() sends only CSV and TAB here: reaching this is a bug, not a user's mistake.
    if (format === 'json') throw new TypeError(`no Excel-friendly ${format}`);
    this.converter = createRowPipeline({
      report: options.report,
      format,
      excelFriendly: options.excelFriendly,
      recipe: options.recipe,
      changedSince: options.changedSince,
      customFields: options.customFields,
    });
  }

  /** One request: from the first row not yet in the file to the end, or until it fails. */
  async attempt(token: string, signal: AbortSignal): Promise<void> {
    const stall = new StallGuard(this.options.stallTimeoutMs, this.options.client.host, signal);
    try {
      await this.receive(token, signal, stall);
    } finally {
      stall.stop();
    }
  }

  private async receive(token: string, signal: AbortSignal, stall: StallGuard): Promise<void> {
    const { client, request, sink, fileId, onProgress } = this.options;
    const response = await stall.race(
      client.openExport(
        token,
        this.received > 0 ? { ...request, page: { offset: this.received } } : request,
        stall.signal,
      ),
    );
    const wrong = unexpectedContent(
      response.headers.get('content-type'),
      request.format,
      client.host,
    );
    if (wrong) {
      await response.body?.cancel();
      throw wrong;
    }
    if (!response.body)
      throw new LeanKitError('server', 'LeanKit sent an empty answer. Try again.');
    const declared = declaredLength(response.headers);

    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const reading = this.converter.response();
    const receivedBefore = this.received;
    let text = '';
    let rows = 0;
    let received = 0;
    const flush = async () => {
      // Rows the recipe left out are read all the same: a resumed request starts after them.
      this.received = receivedBefore + reading.received;
      if (text === '') return;
      await sink.append(fileId, text);
      this.rows += rows;
      text = '';
      rows = 0;
      onProgress?.({ rows: this.rows, bytes: this.bytes });
    };
    try {
      for (;;) {
        const { done, value } = await stall.race(reader.read());
        if (done) break;
        this.bytes += value.byteLength;
        received += value.byteLength;
        const chunk = reading.push(decoder.decode(value, { stream: true }));
        text += chunk.text;
        rows += chunk.rows;
        if (text.length >= FLUSH_CHARS) await flush();
        else onProgress?.({ rows: this.rows + rows, bytes: this.bytes });
      }
      const last = reading.push(decoder.decode());
      text += last.text;
      rows += last.rows;
      // A body that stops short of its declared length, or anywhere but after a line break, was
      // cut: its whole rows are kept and the retry asks for the rest from `offset=rows`.
      if ((declared !== undefined && received !== declared) || !reading.complete) {
        throw incompleteError(client.host);
      }
    } catch (cause) {
      // Whole rows received before the break are kept; the retry starts after them.
      await flush();
      if (cause instanceof LeanKitError) throw cause;
      if (signal.aborted) throw new LeanKitError('aborted', 'Cancelled.');
      throw new LeanKitError(
        'network',
        `The connection to ${client.host} broke during the download. Check your connection and try again.`,
      );
    }
    await flush();
  }
}
