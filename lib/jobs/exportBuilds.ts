import { declaredLength, endsWhole, hasDataRows, unexpectedContent } from '../api/exportContent';
import { createReportingClient, type ExportRequest } from '../api/reportingClient';
import { incompleteError } from '../api/requestErrors';
import { LeanKitError } from '../errors';
import { nextTask } from '../nextTask';
import { type CustomFieldTable, readCustomFields } from '../pipeline/rowPipeline';
import type { SnapshotBuild, SnapshotSpec, SnapshotStep } from '../snapshot/snapshotBuild';
import { readCustomFieldColumns } from './customFieldColumns';
import { partsTeller } from './partsChannel';
import type {
  ConversionState,
  ConvertedChunk,
  ConverterFactory,
  ConvertOptions,
  OffThreadConverter,
  RowConverter,
} from './rowConverter';
import { StallGuard } from './stallGuard';

/** One request for a file being built: who asks, what, and how its rows change. */
export interface BuildAttempt {
  /** `https://acme.leankit.com`: the only origin the token goes to. */
  origin: string;
  token: string;
  /** The export, without a page: every row. */
  request: ExportRequest;
  stallTimeoutMs: number;
  /** How to change the rows (processed route); absent, the file is LeanKit's bytes as served. */
  convert?: ConvertOptions;
  /** A board snapshot: every board report of `request.boardIds` into one file. */
  snapshot?: SnapshotSpec;
  /** A raw file: the `BroadcastChannel` its parts are told on as they are made (partsChannel.ts). */
  partsChannel?: string;
}

/**
 * How far a file has got: rows in it (processed files; a raw file's only once it ended with none),
 * rows read from LeanKit, bytes received.
 */
export interface BuildProgress {
  rows?: number;
  received?: number;
  bytes: number;
  /** What the user should know about the processed file, once an attempt has ended. */
  notes?: string[];
  /** A snapshot's report being fetched. */
  step?: SnapshotStep;
}

/** What an attempt ended with, as plain data: it crosses from the offscreen document. */
export type BuildOutcome =
  | { ok: true; progress: BuildProgress }
  | {
      ok: false;
      progress: BuildProgress;
      error: {
        kind: LeanKitError['kind'];
        message: string;
        status?: number;
        retryAfterMs?: number;
      };
    };

type ProgressListener = (progress: BuildProgress) => void;

/** Raw bytes are gathered into Blob parts of about this size: few parts, little held in the heap. */
const PART_BYTES = 1 << 20;
/**
 * A raw file told on a channel as it downloads (partsChannel.ts) starts with a part this size, each
 * next one twice the last up to PART_BYTES: its reader gets the first rows after 64 KB, not 1 MB.
 */
export const TOLD_FIRST_PART_BYTES = 1 << 16;
/**
 * The processed route converts a read this many bytes at a time. A read can bring up to 2 MB (as
 * much as the connection buffered while the page was busy); decoded, parsed and written whole, it
 * was three strings of its size live at once, which made the document's heap jump by up to 15 MB.
 */
export const STEP_BYTES = 1 << 16;
/**
 * Converted text is made into a Blob part once it was converted from about this many of
 * LeanKit's bytes, or is about as many characters long. The text is cut from the decoded steps, and
 * V8 keeps a whole step alive for each piece cut from it until the part is made: counting the
 * input keeps that bounded when filters leave little text per step.
 */
export const CONVERTED_PART_BYTES = 1 << 18;

/**
 * The processed route pauses for the document's other tasks after converting this many bytes:
 * reads of a body the connection already buffered resolve at once, so without a pause a message
 * (Cancel, a heap reading) would wait for the whole response.
 */
export const YIELD_BYTES = 1 << 20;

interface Build {
  parts: Blob[];
  progress: BuildProgress;
  converter?: RowConverter | OffThreadConverter;
  /** Whether the processed file ended whole: a retry (its save failed) has nothing to add. */
  whole?: boolean;
  /** The custom fields to join, read once per file (before its first row). */
  customFields?: CustomFieldTable;
  /** A board snapshot's reports, kept across attempts. */
  snapshot?: SnapshotBuild;
  controller?: AbortController;
  /** The running attempt's end, or the last one's. */
  outcome?: Promise<BuildOutcome>;
  /** Whether an attempt is running now. */
  running: boolean;
  listeners: Set<ProgressListener>;
  url?: string;
}

/**
 * Every export being built in this page (the offscreen document in Chrome, the background page in
 * Firefox): each job's file fetched from LeanKit, converted where it is processed, and put
 * together as a Blob, so no byte crosses a message on the way. A build outlives the service worker
 * that asked for it, which can then re-attach (`attach`) by job id.
 *
 * Raw files (the direct route in Chrome) are LeanKit's bytes, appended as they come, never
 * decoded; each attempt starts the file afresh. Processed files keep their whole rows across
 * attempts: a retry asks for the rest with `offset=<rows read>`. Either way, an answer that is not
 * the format asked for fails before a byte is kept, and a body cut short (shorter than its
 * Content-Length, or ending anywhere but where a whole export ends) is `incomplete`.
 */
export class ExportBuilds {
  private readonly builds = new Map<string, Build>();

  constructor(
    private readonly fetch: typeof globalThis.fetch,
    private readonly converter: ConverterFactory,
  ) {}

  /** Starts one request for the job's file, stopping any still running; resolves when it ends. */
  attempt(
    jobId: string,
    attempt: BuildAttempt,
    onProgress?: ProgressListener,
  ): Promise<BuildOutcome> {
    const build = this.builds.get(jobId) ?? {
      parts: [],
      progress: { bytes: 0 },
      listeners: new Set(),
      running: false,
    };
    this.builds.set(jobId, build);
    build.controller?.abort();
    const controller = new AbortController();
    build.controller = controller;
    if (onProgress) build.listeners.add(onProgress);
    build.running = true;
    const teller = attempt.partsChannel && partsTeller(attempt.partsChannel, () => build.parts);
    if (teller) build.listeners.add(teller.told);
    const outcome = this.run(build, attempt, controller.signal).then(
      (): BuildOutcome => ({
        ok: true,
        progress: { ...build.progress, notes: build.converter && [...build.converter.notes] },
      }),
      (cause: unknown): BuildOutcome => ({
        ok: false,
        progress: { ...build.progress },
        error: errorData(cause, controller.signal),
      }),
    );
    build.outcome = outcome;
    // A later attempt (a retry) replaces this one's outcome and is running in its turn.
    void outcome.then(() => {
      if (build.outcome === outcome) build.running = false;
    });
    if (teller) {
      void outcome.then(({ ok }) => {
        build.listeners.delete(teller.told);
        teller.ended(ok);
      });
    }
    return outcome.finally(() => {
      if (onProgress) build.listeners.delete(onProgress);
    });
  }

  /**
   * The end of the job's running attempt (or of its last one, if it ended while nobody listened),
   * with progress on the way; undefined when this page has no such build (it was never started
   * here, or the page was closed since).
   */
  attach(jobId: string, onProgress?: ProgressListener): Promise<BuildOutcome> | undefined {
    const build = this.builds.get(jobId);
    if (!build?.outcome) return undefined;
    if (onProgress) {
      build.listeners.add(onProgress);
      onProgress({ ...build.progress });
    }
    return build.outcome.finally(() => {
      if (onProgress) build.listeners.delete(onProgress);
    });
  }

  /** Stops the job's running attempt: it ends `aborted`, and its connection is closed. */
  cancel(jobId: string): void {
    this.builds.get(jobId)?.controller?.abort();
  }

  /** Ends the file and returns a `blob:` URL for it, typed so the browser keeps our extension. */
  finish(jobId: string, mimeType: string): string {
    const build = this.builds.get(jobId);
    if (!build) throw new LeanKitError('disk', 'The file being built was lost. Try again.');
    if (build.url) URL.revokeObjectURL(build.url);
    build.url = URL.createObjectURL(new Blob(build.parts, { type: mimeType }));
    return build.url;
  }

  /** Stops and forgets the job's file and revokes its URL, once saved or given up. */
  release(jobId: string): void {
    const build = this.builds.get(jobId);
    if (!build) return;
    build.controller?.abort();
    closeThreads(build);
    if (build.url) URL.revokeObjectURL(build.url);
    this.builds.delete(jobId);
  }

  /**
   * Forgets every build but those of `jobIds` and those with an attempt running: a service worker
   * that starts again knows which jobs are still unfinished, and a file nobody will save (its job
   * ended, or was cleared, while no worker ran) must not hold its memory for as long as this page
   * lives. A running attempt may be a job started since that worker read its list.
   */
  keepOnly(jobIds: readonly string[]): void {
    const keep = new Set(jobIds);
    for (const [jobId, build] of [...this.builds]) {
      if (!keep.has(jobId) && !build.running) this.release(jobId);
    }
  }

  /** Tells the listeners; `pendingRows` are converted rows not yet in a Blob part. */
  private report(build: Build, pendingRows = 0): void {
    const { progress } = build;
    const rows = progress.rows === undefined ? undefined : progress.rows + pendingRows;
    for (const listener of build.listeners) listener({ ...progress, rows });
  }

  private async run(build: Build, attempt: BuildAttempt, signal: AbortSignal): Promise<void> {
    const client = createReportingClient({ fetch: this.fetch, origin: attempt.origin });
    if (attempt.snapshot) {
      if (!build.snapshot) {
        // Loaded with the XLSX writer it uses, only when a snapshot is taken (as rowConverter.ts).
        const { SnapshotBuild } = await import('../snapshot/snapshotBuild');
        build.snapshot ??= new SnapshotBuild(attempt.snapshot, (part) => build.parts.push(part));
      }
      return build.snapshot.run({
        client,
        token: attempt.token,
        boardIds: attempt.request.boardIds,
        stallTimeoutMs: attempt.stallTimeoutMs,
        signal,
        onProgress: (progress) => {
          build.progress = progress;
          this.report(build);
        },
      });
    }
    const stall = new StallGuard(attempt.stallTimeoutMs, client.host, signal);
    try {
      const { request, convert } = attempt;
      // A finished workbook takes no more rows; a finished text file has none to take.
      if (build.whole) return;
      if (build.converter && 'offThread' in build.converter && build.converter.closed) {
        // Its threads ended (a cancel, a crash) and the workbook with them: it starts afresh.
        build.parts = [];
        build.progress = { bytes: 0 };
        build.converter = undefined;
      }
      if (convert?.recipe.customFields && !build.customFields) {
        // Read first, in full: each row of the cards export is joined with its card's fields.
        build.customFields = await readCustomFieldColumns({
          client,
          token: attempt.token,
          boardIds: request.boardIds,
          sink: readCustomFields(),
          signal,
          stallTimeoutMs: attempt.stallTimeoutMs,
        });
      }
      const resumeAt = attempt.convert ? (build.progress.received ?? 0) : 0;
      const response = await stall.race(
        client.openExport(
          attempt.token,
          resumeAt > 0 ? { ...request, page: { offset: resumeAt } } : request,
          stall.signal,
        ),
      );
      const wrong = unexpectedContent(
        response.headers.get('content-type'),
        request.format,
        client.host,
      );
      if (wrong || !response.body) {
        await response.body?.cancel();
        throw wrong ?? new LeanKitError('server', 'LeanKit sent an empty answer. Try again.');
      }
      const body = {
        reader: response.body.getReader(),
        declared: declaredLength(response.headers),
      };
      try {
        if (attempt.convert) {
          if (!build.converter) {
            // An attempt stopped while this loaded must not replace a later attempt's converter.
            const made = await this.converter(attempt.convert, build.customFields);
            build.converter ??= made;
          }
          const { converter } = build;
          if ('offThread' in converter) {
            await this.convertOffThread(build, converter, body, stall, client.host, signal);
          } else await this.convert(build, converter, body, stall, client.host);
        } else {
          const firstPartBytes = attempt.partsChannel ? TOLD_FIRST_PART_BYTES : PART_BYTES;
          await this.copy(build, body, stall, client.host, request.format, firstPartBytes);
        }
      } catch (cause) {
        if (cause instanceof LeanKitError || signal.aborted) throw cause;
        throw new LeanKitError(
          'network',
          `The connection to ${client.host} broke during the download. Check your connection and try again.`,
        );
      }
    } finally {
      stall.stop();
    }
  }

  /** Raw route: LeanKit's bytes as they come, into a fresh file. */
  private async copy(
    build: Build,
    { reader, declared }: Body,
    stall: StallGuard,
    host: string,
    format: ExportRequest['format'],
    firstPartBytes: number,
  ): Promise<void> {
    build.parts = [];
    build.progress = { bytes: 0 };
    let partBytes = firstPartBytes;
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    let tail: Uint8Array = new Uint8Array(0);
    for (;;) {
      const { done, value } = await stall.race(reader.read());
      if (done) break;
      pending.push(value);
      pendingBytes += value.byteLength;
      build.progress.bytes += value.byteLength;
      tail = value.byteLength >= TAIL_BYTES ? value : joinTail(tail, value);
      if (pendingBytes >= partBytes) {
        build.parts.push(new Blob(pending as BlobPart[]));
        pending = [];
        pendingBytes = 0;
        partBytes = Math.min(partBytes * 2, PART_BYTES);
      }
      this.report(build);
    }
    build.parts.push(new Blob(pending as BlobPart[]));
    const lastText = new TextDecoder().decode(tail.slice(-TAIL_BYTES));
    const cut =
      declared !== undefined ? build.progress.bytes !== declared : !endsWhole(lastText, format);
    if (cut) throw incompleteError(host);
    // Raw rows are never counted; a file this small is read once to tell whether it has any.
    if (build.progress.bytes <= SMALL_FILE_BYTES) {
      const text = await new Blob(build.parts).text();
      if (!hasDataRows(text, format)) build.progress.rows = 0;
    }
  }

  /**
   * Processed route: whole rows converted into the file, which keeps them across attempts. The
   * file's end (a workbook's sheet list) is added only once the response was whole.
   */
  private async convert(
    build: Build,
    converter: RowConverter,
    { reader, declared }: Body,
    stall: StallGuard,
    host: string,
  ): Promise<void> {
    const decoder = new TextDecoder();
    const reading = converter.response();
    const receivedBefore = build.progress.received ?? 0;
    build.progress.rows ??= 0;
    let text = '';
    /** Converted bytes (XLSX) not yet in a Blob part, and their size. */
    let made: Uint8Array[] = [];
    let madeBytes = 0;
    let rows = 0;
    let bytes = 0;
    let bytesInText = 0;
    let bytesSincePause = 0;
    const add = (chunk: ConvertedChunk) => {
      if ('text' in chunk) text += chunk.text;
      else {
        for (const piece of chunk.bytes) {
          made.push(piece);
          madeBytes += piece.byteLength;
        }
      }
      rows += chunk.rows;
    };
    const flush = () => {
      if (text !== '') build.parts.push(new Blob([text]));
      if (made.length > 0) build.parts.push(new Blob(made as BlobPart[]));
      build.progress.rows = (build.progress.rows ?? 0) + rows;
      build.progress.received = receivedBefore + reading.received;
      text = '';
      made = [];
      madeBytes = 0;
      rows = 0;
      bytesInText = 0;
    };
    const convert = (decoded: string, stepBytes: number) => {
      add(reading.push(decoded));
      bytesInText += stepBytes;
      if (
        text.length >= CONVERTED_PART_BYTES ||
        madeBytes >= CONVERTED_PART_BYTES ||
        bytesInText >= CONVERTED_PART_BYTES
      ) {
        flush();
      }
    };
    try {
      for (;;) {
        const { done, value } = await stall.race(reader.read());
        if (done) break;
        bytes += value.byteLength;
        build.progress.bytes += value.byteLength;
        for (let at = 0; at < value.byteLength; at += STEP_BYTES) {
          const step = value.subarray(at, at + STEP_BYTES);
          convert(decoder.decode(step, { stream: true }), step.byteLength);
          bytesSincePause += step.byteLength;
          if (bytesSincePause >= YIELD_BYTES) {
            bytesSincePause = 0;
            await nextTask();
          }
        }
        this.report(build, rows);
      }
      convert(decoder.decode(), 0);
      if ((declared !== undefined && bytes !== declared) || !reading.complete) {
        throw incompleteError(host);
      }
      if (converter.finish) add({ bytes: converter.finish().bytes, rows: 0 });
      build.whole = true;
    } finally {
      // Whole rows received before a break are kept; the retry starts after them.
      flush();
      this.report(build);
    }
  }
  /**
   * Processed route, converted in other threads (an XLSX workbook, workbookWorkers.ts): LeanKit's
   * bytes go there as they come, as long as the converter has room, and the file's bytes come back
   * into Blob parts. On a break, the converter first finishes what it was sent: the retry starts
   * after the rows read. Cancel closes its threads.
   */
  private async convertOffThread(
    build: Build,
    converter: OffThreadConverter,
    { reader, declared }: Body,
    stall: StallGuard,
    host: string,
    signal: AbortSignal,
  ): Promise<void> {
    const close = () => converter.close();
    signal.addEventListener('abort', close, { once: true });
    const receivedBefore = build.progress.received ?? 0;
    build.progress.rows ??= 0;
    let made: Uint8Array[] = [];
    let madeBytes = 0;
    const keep = () => {
      if (made.length > 0) build.parts.push(new Blob(made as BlobPart[]));
      made = [];
      madeBytes = 0;
    };
    const onMade = (bytes: Uint8Array[], state: ConversionState) => {
      // A later attempt started the file afresh after this one's threads ended.
      if (build.converter !== converter) return;
      for (const piece of bytes) {
        made.push(piece);
        madeBytes += piece.byteLength;
      }
      if (madeBytes >= PART_BYTES) keep();
      build.progress.rows = state.rows;
      build.progress.received = receivedBefore + state.received;
      this.report(build);
    };
    const reading = converter.response(onMade);
    let bytes = 0;
    try {
      for (;;) {
        const { done, value } = await stall.race(reader.read());
        if (done) break;
        bytes += value.byteLength;
        build.progress.bytes += value.byteLength;
        // Told with the rows they make, as those come back (onMade), so bytes and rows move
        // together in the progress the job shows.
        await reading.push(value);
      }
      const { complete } = await reading.end();
      if ((declared !== undefined && bytes !== declared) || !complete) {
        throw incompleteError(host);
      }
      await converter.finish(onMade);
      build.whole = true;
      converter.close();
    } finally {
      signal.removeEventListener('abort', close);
      // Whole rows received before a break are kept, once converted; the retry starts after them.
      if (!converter.closed) await reading.end().catch(() => undefined);
      if (build.converter === converter) keep();
      this.report(build);
    }
  }
}

interface Body {
  reader: ReadableStreamDefaultReader<Uint8Array>;
  /** The Content-Length, when it counts the bytes read. */
  declared?: number;
}

const TAIL_BYTES = 16;
/** Larger than any header row alone (or `[]`): a raw file up to this size may have no data row. */
const SMALL_FILE_BYTES = 64 * 1024;

function joinTail(tail: Uint8Array, chunk: Uint8Array): Uint8Array {
  const joined = new Uint8Array(tail.byteLength + chunk.byteLength);
  joined.set(tail);
  joined.set(chunk, tail.byteLength);
  return joined.slice(-TAIL_BYTES);
}

/** Ends the threads converting the build's file, if any. */
function closeThreads(build: Build): void {
  if (build.converter && 'offThread' in build.converter) build.converter.close();
}

function errorData(cause: unknown, signal: AbortSignal) {
  if (cause instanceof LeanKitError) {
    return {
      kind: cause.kind,
      message: cause.message,
      status: cause.status,
      retryAfterMs: cause.retryAfterMs,
    };
  }
  if (signal.aborted) return { kind: 'aborted' as const, message: 'Cancelled.' };
  return {
    kind: 'network' as const,
    message: cause instanceof Error ? cause.message : String(cause),
  };
}
