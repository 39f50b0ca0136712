import { resolveObjectURL } from 'node:buffer';
import { exportBuilder, inThisPage } from '../exportBuilder';
import { ExportBuilds } from '../exportBuilds';
import { rowPipelineConverter } from '../rowConverter';
import { FakeDownloads } from './fakeDownloads';

/** Builds in this page, as Firefox's background page does (entrypoints/background.ts). */
export function builderFor(fetch: typeof globalThis.fetch) {
  return exportBuilder(inThisPage(new ExportBuilds(fetch, rowPipelineConverter)));
}

/**
 * A browser download manager that saves the `blob:` URLs it is given, as Chromium does, each
 * download completing with the Blob's bytes. Given `downloads`, it drives that one (the download
 * history of a browser started again).
 */
export function downloadingBrowser(downloads = new FakeDownloads()) {
  const bodies = new Map<number, string>();
  downloads.onStart = (id) => {
    const request = downloads.requests.at(-1);
    if (!request) return;
    const blob = resolveObjectURL(request.url);
    // The engine hands the browser finished files only: anything else fails the test.
    if (!blob) throw new Error(`not a live blob: URL: ${request.url}`);
    void blob.arrayBuffer().then((bytes) => {
      // Buffer keeps a byte-order mark, which Response.text() would drop.
      bodies.set(id, Buffer.from(bytes).toString('utf8'));
      downloads.complete(id, bytes.byteLength);
    });
  };
  return { downloads, bodies };
}

/**
 * What the n-th export request gets instead of the simulator's answer, if anything: another
 * response, or half the body and then a broken connection (`drop-mid-body`) or silence until the
 * request is aborted (`stall-mid-body`).
 */
export type Fault = (
  url: URL,
  call: number,
) => Response | 'unreachable' | 'drop-mid-body' | 'stall-mid-body' | undefined;

/** The simulator's fetch with a fault injected per export request, exactly where a unit test needs it. */
export function faultyFetch(base: typeof globalThis.fetch, fault?: Fault): typeof globalThis.fetch {
  let call = 0;
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (!url.pathname.startsWith('/io/reporting/export/cards')) return base(input, init);
    const planned = fault?.(url, ++call);
    if (planned instanceof Response) return planned;
    // What a browser's fetch does when no answer came (or Chrome refused to send the request).
    if (planned === 'unreachable') throw new TypeError('Failed to fetch');
    const response = await base(input, init);
    if (planned === undefined || !response.body) return response;
    const bytes = new Uint8Array(await response.arrayBuffer());
    const half = bytes.slice(0, Math.floor(bytes.length / 2));
    let sent = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) {
          sent = true;
          return controller.enqueue(half);
        }
        // A dropped socket breaks the body at once.
        if (planned === 'drop-mid-body') return controller.error(new TypeError('network error'));
        // A stalled one sends nothing more, until the reader gives up.
        return new Promise<void>((_, reject) => {
          const abort = () => reject(new DOMException('Aborted', 'AbortError'));
          if (init?.signal?.aborted) abort();
          init?.signal?.addEventListener('abort', abort, { once: true });
        });
      },
    });
    return new Response(body, { status: response.status, headers: response.headers });
  };
}
