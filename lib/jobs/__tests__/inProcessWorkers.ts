import { serveZipWorker, type WorkerScope } from '../../xlsx/zipWorker';
import { serveSheetWorker } from '../sheetWorker';
import type { WorkerLike, WorkerScript } from '../workbookWorkers';

/** One worker started by `inProcessWorkers`, as the test sees it. */
export interface InProcessWorker {
  script: WorkerScript;
  terminated: boolean;
  /** Fails the worker as a crashed one does: its page gets an `error` event. */
  crash(): void;
}

export interface InProcessOptions {
  /** Runs before each message the worker handles (the sheet worker's: the page's commands). */
  beforeEach?: (script: WorkerScript, data: unknown) => Promise<void> | void;
}

/**
 * The XLSX workers, run by their real handlers in this thread: page and worker talk through a
 * MessageChannel, so messages arrive as later tasks, in order, with their buffers moved, as
 * between threads. `beforeEach` can hold a worker's messages back (a slow worker).
 */
export function inProcessWorkers({ beforeEach }: InProcessOptions = {}) {
  const started: InProcessWorker[] = [];
  const start = (script: WorkerScript): WorkerLike => {
    const { port1: page, port2: inside } = new MessageChannel();
    /** Ports the worker was given: closed with it, as a terminated worker's are. */
    const ports: MessagePort[] = [];
    let queue = Promise.resolve();
    const scope: WorkerScope = {
      set onmessage(listener: ((event: MessageEvent) => void) | null) {
        inside.onmessage = (event) => {
          for (const value of Object.values((event.data ?? {}) as object)) {
            if (value instanceof MessagePort) ports.push(value);
          }
          queue = queue.then(async () => {
            await beforeEach?.(script, event.data);
            if (!worker.terminated) listener?.(event);
          });
        };
      },
      get onmessage() {
        return null;
      },
      postMessage: (message, transfer) => inside.postMessage(message, transfer ?? []),
    };
    const handle: WorkerLike = {
      postMessage: (message, transfer) => page.postMessage(message, transfer ?? []),
      set onmessage(listener) {
        page.onmessage = listener;
      },
      get onmessage() {
        return null;
      },
      onerror: null,
      terminate() {
        worker.terminated = true;
        page.close();
        for (const port of ports) port.close();
      },
    };
    const worker: InProcessWorker = {
      script,
      terminated: false,
      crash: () => handle.onerror?.(new Event('error') as ErrorEvent),
    };
    started.push(worker);
    if (script === 'xlsx-sheet-worker') serveSheetWorker(scope);
    else serveZipWorker(scope);
    return handle;
  };
  return { start, started };
}
