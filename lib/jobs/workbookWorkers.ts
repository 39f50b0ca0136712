/**
 * XLSX exports converted off the page's main thread, where the page only reads the network: in
 * Chrome every extension page (offscreen document, popup, Flow charts) shares one main thread, and
 * a workbook is CPU-bound. Two dedicated workers, started from scripts bundled in the extension
 * (`blob:` workers are not allowed), work at the same time on different parts of the file:
 *
 *   page ── LeanKit's bytes ──> sheet worker (sheetWorker.ts: rows → sheet XML)
 *                                   └── XML ──> zip worker (lib/xlsx/zipWorker.ts: compress) ── zip bytes ──> page
 *
 * Bytes are moved between threads, never copied. The page hands on at most MAX_BYTES_IN_FLIGHT of
 * LeanKit's bytes that have not come back converted: what waits in the workers stays bounded
 * however fast the network is. The workbook lives in the workers across a file's attempts, so a
 * retry resumes it; closing them (cancel, release) ends it.
 */
import { LeanKitError } from '../errors';
import type { CustomFieldTable } from '../pipeline/customFields';
import { movable, type WorkerFailure, type Zipped, type ZipWorkerStart } from '../xlsx/zipWorker';
import type {
  ConversionState,
  ConverterFactory,
  ConvertOptions,
  OffThreadConverter,
} from './rowConverter';
import type { SheetCommand, SheetMark, SheetWorkerStart } from './sheetWorker';

/** The workers' scripts, as the extension's build names them (entrypoints/). */
export type WorkerScript = 'xlsx-sheet-worker' | 'xlsx-zip-worker';

/** What the page uses of a dedicated worker. */
export interface WorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

/**
 * LeanKit's bytes handed to the workers and not yet back as the file's: enough to keep both busy
 * through a burst of reads (one can bring 2 MB), little next to the heap the page had.
 */
export const MAX_BYTES_IN_FLIGHT = 4 << 20;

/**
 * While the workers are busy, reads (often 64 KB each) are handed on together once they make this
 * many bytes: each message costs every thread it passes (the page, both workers and the way back)
 * about as much as converting kilobytes of rows. Idle workers get each read at once, so a slow
 * network's rows show as they come.
 */
export const BATCH_BYTES = 1 << 18;

/** XLSX files converted in workers started by `start`; other formats by `others`, here. */
export function workbookWorkers(
  start: (script: WorkerScript) => WorkerLike,
  others: ConverterFactory,
): ConverterFactory {
  return (options, customFields) =>
    options.format === 'xlsx'
      ? offThreadWorkbook(start, options, customFields)
      : others(options, customFields);
}

type OnMade = (bytes: Uint8Array[], state: ConversionState) => void;

function offThreadWorkbook(
  start: (script: WorkerScript) => WorkerLike,
  options: ConvertOptions,
  customFields: CustomFieldTable | undefined,
): OffThreadConverter {
  const sheets = start('xlsx-sheet-worker');
  const zip = start('xlsx-zip-worker');
  let seq = 0;
  /** LeanKit's bytes of each `bytes` command not yet back, and their sum. */
  const sizes = new Map<number, number>();
  let inFlight = 0;
  /** A push waiting for room, and the commands waiting for their mark. */
  let room: Deferred<void> | undefined;
  const replies = new Map<number, Deferred<ConversionState>>();
  let onMade: OnMade = () => undefined;
  let notes: readonly string[] = [];
  let stopped: LeanKitError | undefined;

  const stop = (error: LeanKitError) => {
    if (stopped) return;
    stopped = error;
    sheets.terminate();
    zip.terminate();
    room?.reject(error);
    for (const reply of replies.values()) reply.reject(error);
    replies.clear();
  };
  const crashed = () =>
    stop(
      new LeanKitError(
        'network',
        'The page that builds the file stopped during the download. Try again.',
      ),
    );

  const send = (command: SheetCommand, transfer: Transferable[] = []) => {
    if (stopped) throw stopped;
    sheets.postMessage(command, transfer);
  };
  const ask = (op: 'end' | 'finish'): Promise<ConversionState> => {
    if (stopped) return Promise.reject(stopped);
    const reply = deferred<ConversionState>();
    seq += 1;
    replies.set(seq, reply);
    send({ op, seq });
    return reply.promise;
  };

  // The sheet worker sends only to the zip worker: a message from it to the page is a failure.
  sheets.onmessage = crashed;
  sheets.onerror = crashed;
  zip.onerror = crashed;
  zip.onmessage = ({ data }: MessageEvent<Zipped<SheetMark> | WorkerFailure>) => {
    if (stopped) return;
    if ('failed' in data) return crashed();
    const { bytes, mark } = data;
    notes = mark.notes;
    onMade(bytes, mark);
    inFlight -= sizes.get(mark.seq) ?? 0;
    sizes.delete(mark.seq);
    if (room && inFlight < MAX_BYTES_IN_FLIGHT) {
      room.resolve();
      room = undefined;
    }
    const reply = replies.get(mark.seq);
    replies.delete(mark.seq);
    reply?.resolve(mark);
  };
  const channel = new MessageChannel();
  const zipStart: ZipWorkerStart = { commands: channel.port2 };
  zip.postMessage(zipStart, [channel.port2]);
  const sheetStart: SheetWorkerStart = { zip: channel.port1 };
  sheets.postMessage(sheetStart, [channel.port1]);
  send({ op: 'open', options, customFields: customFields?.data });

  return {
    offThread: true,
    response(made) {
      onMade = made;
      send({ op: 'response' });
      let ended: Promise<ConversionState> | undefined;
      /** Reads not handed on yet, and their bytes. */
      let batch: Uint8Array<ArrayBuffer>[] = [];
      let batchBytes = 0;
      const handOn = () => {
        if (batch.length === 0) return;
        seq += 1;
        sizes.set(seq, batchBytes);
        inFlight += batchBytes;
        send(
          { op: 'bytes', seq, bytes: batch },
          batch.map((array) => array.buffer),
        );
        batch = [];
        batchBytes = 0;
      };
      return {
        async push(bytes) {
          if (stopped) throw stopped;
          const moved = movable(bytes);
          batch.push(moved);
          batchBytes += moved.byteLength;
          if (batchBytes < BATCH_BYTES && inFlight > 0) return;
          handOn();
          if (inFlight < MAX_BYTES_IN_FLIGHT) return;
          room ??= deferred();
          await room.promise;
        },
        end() {
          if (!ended) {
            if (!stopped) handOn();
            ended = ask('end');
          }
          return ended;
        },
      };
    },
    async finish(made) {
      onMade = made;
      await ask('finish');
    },
    get notes() {
      return notes;
    },
    close() {
      stop(new LeanKitError('aborted', 'Cancelled.'));
    },
    get closed() {
      return stopped !== undefined;
    },
  };
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: Error): void;
}

function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: Error) => void = () => undefined;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  // A rejection nobody awaits (the file was closed between two reads) is not an error.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}
