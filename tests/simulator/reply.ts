/**
 * What a handler answers, kept apart from the socket so the same reply can be streamed to a client
 * or collected into bytes (`Simulator.body`).
 */
import { type ServerResponse, STATUS_CODES } from 'node:http';

export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** A string is sent with a Content-Length; an iterable is streamed chunk by chunk. */
  readonly body: string | Iterable<string | Uint8Array>;
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export function jsonReply(status: number, value: unknown): Reply {
  return { status, headers: { 'content-type': JSON_CONTENT_TYPE }, body: JSON.stringify(value) };
}

/** An error in the hapi/Boom shape the API uses: `{statusCode, error, message}` (§6). */
export function boom(status: number, message: string): Reply {
  return jsonReply(status, { statusCode: status, error: STATUS_CODES[status], message });
}

export const notFound = (): Reply => boom(404, 'Not Found');

/** Bytes of the reply's body, exactly as `sendReply` would write them. */
export function replyBytes(reply: Reply): Buffer {
  if (typeof reply.body === 'string') return Buffer.from(reply.body);
  return Buffer.concat(Array.from(reply.body, (chunk) => Buffer.from(chunk)));
}

/** What `sendReply` reports back while it writes. */
export interface Progress {
  /** Body bytes written so far. */
  bytes: number;
  /** Called just before the response is ended, so a client never sees the end before it. */
  ending(): void;
}

/** How a fault bends the sending of a reply (see faults.ts). */
export interface Delivery {
  /** Send the body at about this rate. */
  readonly bytesPerSecond?: number;
  /** Send at most this many body bytes, then destroy the socket instead of ending the response. */
  readonly dropAfterBytes?: number;
  /** Send this many body bytes, then wait for `released` (or the client going away) to send the rest. */
  readonly hold?: { readonly afterBytes: number; readonly released: Promise<void> };
  /**
   * Frame the body by closing the connection (HTTP/1.0 style: no Content-Length, no chunked
   * encoding) after at most this many bytes.
   */
  readonly closeAfterBytes?: number;
}

/** Paced bodies are sent in pieces of about this fraction of a second. */
const PACE_SLICE_SECONDS = 0.05;

/**
 * Writes the reply, waiting for 'drain' whenever the socket's buffer is full so a huge export never
 * piles up in memory. Stops early if the client goes away.
 */
export async function sendReply(
  res: ServerResponse,
  reply: Reply,
  progress: Progress,
  delivery: Delivery = {},
): Promise<void> {
  const { bytesPerSecond, hold, closeAfterBytes } = delivery;
  const dropAfterBytes = delivery.dropAfterBytes ?? closeAfterBytes;
  let holdAt = hold?.afterBytes;
  const whole = typeof reply.body === 'string' ? Buffer.from(reply.body) : undefined;
  if (closeAfterBytes !== undefined) {
    res.useChunkedEncodingByDefault = false;
    res.shouldKeepAlive = false;
  }
  res.writeHead(
    reply.status,
    closeAfterBytes !== undefined
      ? { ...reply.headers, connection: 'close' }
      : whole
        ? { ...reply.headers, 'content-length': String(whole.length) }
        : reply.headers,
  );
  // A streamed export's headers go out at once, before its first rows are generated.
  if (!whole) res.flushHeaders();
  const chunks = whole ? [whole] : reply.body;
  const pieceSize = bytesPerSecond
    ? Math.max(1, Math.round(bytesPerSecond * PACE_SLICE_SECONDS))
    : Number.POSITIVE_INFINITY;
  for (const chunk of chunks) {
    let bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    while (bytes.length > 0) {
      if (res.destroyed) return;
      const room = (dropAfterBytes ?? holdAt ?? Number.POSITIVE_INFINITY) - progress.bytes;
      const piece = bytes.subarray(0, Math.min(pieceSize, room));
      bytes = bytes.subarray(piece.length);
      progress.bytes += piece.length;
      if (piece.length === room && dropAfterBytes !== undefined) return drop(res, piece);
      if (!res.write(piece)) await drained(res);
      if (piece.length === room && hold) {
        holdAt = undefined;
        res.flushHeaders();
        await untilClosedOr(hold.released, res);
      }
      if (bytesPerSecond) await sleep((1000 * piece.length) / bytesPerSecond, res);
    }
  }
  if (dropAfterBytes !== undefined) return drop(res, Buffer.alloc(0));
  progress.ending();
  res.end();
}

/**
 * Sends the last bytes (and the headers, if not sent yet), then cuts the connection once they are
 * flushed, without finishing the response: the client sees a body that stops short.
 */
function drop(res: ServerResponse, last: Buffer): void {
  res.flushHeaders();
  if (last.length > 0) res.write(last);
  const socket = res.socket;
  if (!socket) return void res.destroy();
  socket.end(() => socket.destroy());
}

/** Waits, or stops waiting when the client goes away. */
export function sleep(ms: number, res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      res.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    res.once('close', done);
  });
}

/** Waits for `event`, or stops waiting when the client goes away. */
function untilClosedOr(event: Promise<void>, res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('close', done);
      resolve();
    };
    res.once('close', done);
    void event.then(done);
  });
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
