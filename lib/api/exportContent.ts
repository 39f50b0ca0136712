import { incompleteError, LeanKitError, unexpectedAnswerError } from '../errors';
import { FORMATS, type Format } from '../formats';

/**
 * Content types a format may arrive with: the ones the simulator serves (docs/reporting-api.md §9)
 * and their common aliases. LeanKit's own are not documented (§10), so types that claim nothing
 * (none, `text/plain`, `application/octet-stream`) pass too, and the end checks do the work.
 */
const TYPES: Readonly<Record<Format, readonly string[]>> = {
  csv: ['text/csv', 'application/csv', 'text/comma-separated-values'],
  tab: ['text/tab-separated-values', 'text/tsv'],
  json: ['application/json', 'text/json'],
};
const UNLABELLED = ['', 'text/plain', 'application/octet-stream'];
const WEB_PAGES = ['text/html', 'application/xhtml+xml'];

/**
 * The error for a `200` answer whose content type (a response's Content-Type, a download's `mime`)
 * says it is not the report asked for: a sign-in or captive-portal page, a JSON notice. Undefined
 * when it may be the report.
 */
export function unexpectedContent(
  contentType: string | null | undefined,
  format: Format,
  host: string,
): LeanKitError | undefined {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (TYPES[format].includes(type) || UNLABELLED.includes(type)) return undefined;
  const received = WEB_PAGES.includes(type)
    ? 'web-page'
    : TYPES.json.includes(type)
      ? 'json'
      : 'other';
  return unexpectedAnswerError(host, received, FORMATS[format].label);
}

/** Whether a body's last characters can end a whole export: CSV/TAB a line break, JSON `]`. */
export function endsWhole(tail: string, format: Format): boolean {
  return format === 'json' ? tail.trimEnd().endsWith(']') : tail.endsWith('\n');
}

/**
 * Whether the browser itself makes sure this response's body was not cut short: it is not
 * content-encoded (browsers accept a gzip stream that stops before its trailer), and its end is
 * framed, by a Content-Length (which a download's `totalBytes` then shows) or by chunked encoding
 * (whose missing last chunk interrupts a download). A close-delimited body (neither) ends the same
 * way whether it is whole or the connection broke.
 */
export function endCheckedByBrowser(headers: Headers): boolean {
  const encoding = (headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity') return false;
  return headers.has('content-length') || /chunked/i.test(headers.get('transfer-encoding') ?? '');
}

/** The body's length in bytes as its Content-Length declares it, when it counts the bytes we read. */
export function declaredLength(headers: Headers): number | undefined {
  const encoding = (headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  const length = headers.get('content-length');
  // With gzip, Content-Length counts the encoded bytes; a reader sees the decoded ones.
  if (encoding !== 'identity' || length === null || !/^\d+$/.test(length.trim())) return undefined;
  return Number(length);
}

/**
 * Reads a second answer to the same export, to confirm that a downloaded body of `bytes` bytes was
 * whole: the browser checked it already if its framing lets it (then the answer is dropped at
 * once); otherwise this one is read through, and must end well and be exactly as long. Throws
 * `incomplete` when it is not, or when it cannot be told.
 */
export async function confirmWholeBody(
  response: Response,
  bytes: number,
  format: Format,
  host: string,
): Promise<void> {
  const wrong = unexpectedContent(response.headers.get('content-type'), format, host);
  if (wrong || endCheckedByBrowser(response.headers)) {
    await response.body?.cancel();
    if (wrong) throw wrong;
    return;
  }
  const reader = response.body?.getReader();
  if (!reader) throw incompleteError(host);
  let count = 0;
  let tail: Uint8Array = new Uint8Array(0);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      count += value.byteLength;
      if (count > bytes) {
        await reader.cancel();
        throw incompleteError(host);
      }
      tail = lastBytes(tail, value);
    }
  } catch (cause) {
    if (cause instanceof LeanKitError) throw cause;
    // The second answer broke: the first one cannot be confirmed.
    throw incompleteError(host);
  }
  if (count !== bytes || !endsWhole(new TextDecoder().decode(tail), format)) {
    throw incompleteError(host);
  }
}

const TAIL_BYTES = 16;

function lastBytes(tail: Uint8Array, chunk: Uint8Array): Uint8Array {
  if (chunk.byteLength >= TAIL_BYTES) return chunk.slice(-TAIL_BYTES);
  const joined = new Uint8Array(tail.byteLength + chunk.byteLength);
  joined.set(tail);
  joined.set(chunk, tail.byteLength);
  return joined.slice(-TAIL_BYTES);
}
