/**
 * The zip worker of an export converted off the page's main thread (lib/jobs/workbookWorkers.ts):
 * it compresses the workbook's parts, whose XML another worker writes, while that worker writes
 * the next rows. Compressing is about half of a workbook's time. The page gets the zip's bytes back
 * (transferred, not copied) each time the XML's writer sets a mark, with the mark, so that it
 * knows how far the file has got once those bytes are in.
 */
import { deflatedEntries, type ZipEntries } from './zipEntries';

/** What the XML's writer sends, in order: the zip's entries, and marks between them. */
export type ZipCommand<Mark> =
  | { op: 'start'; path: string }
  | { op: 'push'; bytes: Uint8Array; final: boolean }
  | { op: 'end' }
  | { op: 'mark'; mark: Mark };

/** The zip's bytes since the last mark, then the mark they came before. */
export interface Zipped<Mark> {
  bytes: Uint8Array[];
  mark: Mark;
}

/** Sends a message, moving the `transfer` buffers rather than copying them. */
export type Post<Message> = (message: Message, transfer: ArrayBuffer[]) => void;

/** The zip worker: a command handler; the bytes and marks go to `post`. */
export function zipWorker<Mark>(post: Post<Zipped<Mark>>): (command: ZipCommand<Mark>) => void {
  let bytes: Uint8Array[] = [];
  const entries = deflatedEntries((chunk) => bytes.push(chunk));
  return (command) => {
    switch (command.op) {
      case 'start':
        return entries.start(command.path);
      case 'push':
        return entries.push(command.bytes, command.final);
      case 'end':
        return entries.end();
      case 'mark': {
        const made = bytes.map(movable);
        bytes = [];
        post(
          { bytes: made, mark: command.mark },
          made.map((array) => array.buffer),
        );
      }
    }
  };
}

/**
 * ZipEntries whose bytes go to a zip worker (`send` posts to it): what the XML's writer uses in its
 * own worker. Each array pushed is moved to the zip worker, which keeps it.
 */
export function zipWorkerEntries<Mark>(
  send: Post<ZipCommand<Mark>>,
): ZipEntries & { mark(mark: Mark): void } {
  return {
    start: (path) => send({ op: 'start', path }, []),
    push(bytes, final) {
      const moved = movable(bytes);
      send({ op: 'push', bytes: moved, final }, [moved.buffer]);
    },
    end: () => send({ op: 'end' }, []),
    mark: (mark) => send({ op: 'mark', mark }, []),
  };
}

/**
 * An array whose buffer may be moved to another thread: `bytes` itself when it spans all of its
 * buffer (fflate's output and TextEncoder's do), a copy otherwise, so no other array loses its
 * bytes.
 */
export function movable(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const { buffer } = bytes;
  return buffer instanceof ArrayBuffer &&
    bytes.byteOffset === 0 &&
    bytes.byteLength === buffer.byteLength
    ? (bytes as Uint8Array<ArrayBuffer>)
    : bytes.slice();
}

/** A dedicated worker's global scope, as these workers use it. */
export interface WorkerScope {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
}

/** What a worker sends its page when a command failed; it then takes no more, and is ended. */
export interface WorkerFailure {
  failed: string;
}

/** A message listener that, once `handle` throws, tells the page and ignores every later message. */
export function failingToPage(
  scope: Pick<WorkerScope, 'postMessage'>,
  handle: (data: unknown) => void,
): (event: MessageEvent) => void {
  let failed = false;
  return ({ data }) => {
    if (failed) return;
    try {
      handle(data);
    } catch (cause) {
      failed = true;
      const failure: WorkerFailure = {
        failed: cause instanceof Error ? cause.message : String(cause),
      };
      scope.postMessage(failure);
    }
  };
}

/** The zip worker's first message, from the page: the port the sheet worker's commands come by. */
export interface ZipWorkerStart {
  commands: MessagePort;
}

/** The zip worker in its own thread: commands come by the port, the zip's bytes go to the page. */
export function serveZipWorker(scope: WorkerScope): void {
  const handle = zipWorker<unknown>((message, transfer) => scope.postMessage(message, transfer));
  scope.onmessage = ({ data }) => {
    const { commands } = data as ZipWorkerStart;
    commands.onmessage = failingToPage(scope, (command) => handle(command as ZipCommand<unknown>));
  };
}
