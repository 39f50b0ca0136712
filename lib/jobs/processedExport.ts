import type { ExportRequest, ReportingClient } from '../api/reportingClient';
import { createExcelFriendlyCsv } from '../csv/excelFriendlyCsv';
import { LeanKitError } from '../errors';
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
 * no row is duplicated or missing.
 */
export class ProcessedExport {
  rows = 0;
  bytes = 0;
  private readonly converter;

  constructor(private readonly options: Options) {
    const { format } = options.request;
    // chooseRoute() sends only CSV and TAB here: reaching this is a bug, not a user's mistake.
    if (format === 'json') throw new TypeError(`no Excel-friendly ${format}`);
    this.converter = createExcelFriendlyCsv(options.report, format);
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
        this.rows > 0 ? { ...request, page: { offset: this.rows } } : request,
        stall.signal,
      ),
    );
    if (!response.body)
      throw new LeanKitError('server', 'LeanKit sent an empty answer. Try again.');

    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const reading = this.converter.response();
    let text = '';
    let rows = 0;
    const flush = async () => {
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
        const chunk = reading.push(decoder.decode(value, { stream: true }));
        text += chunk.text;
        rows += chunk.rows;
        if (text.length >= FLUSH_CHARS) await flush();
        else onProgress?.({ rows: this.rows + rows, bytes: this.bytes });
      }
      for (const chunk of [reading.push(decoder.decode()), reading.end()]) {
        text += chunk.text;
        rows += chunk.rows;
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
