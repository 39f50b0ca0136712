/**
 * What a handler answers, kept apart from the socket so the same reply can be streamed to a client
 * or collected into bytes (`Simulator.body`).
 */
import { type ServerResponse, STATUS_CODES } from 'node:http';

export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** A string is sent with a Content-Length; an iterable is streamed chunk by chunk. */
  readonly body: string | Iterable<string>;
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

/**
 * Writes the reply, waiting for 'drain' whenever the socket's buffer is full so a huge export never
 * piles up in memory. Stops early if the client goes away.
 */
export async function sendReply(
  res: ServerResponse,
  reply: Reply,
  progress: Progress,
): Promise<void> {
  if (typeof reply.body === 'string') {
    const body = Buffer.from(reply.body);
    res.writeHead(reply.status, { ...reply.headers, 'content-length': String(body.length) });
    progress.bytes += body.length;
    progress.ending();
    res.end(body);
    return;
  }
  res.writeHead(reply.status, reply.headers);
  for (const chunk of reply.body) {
    if (res.destroyed) return;
    const bytes = Buffer.from(chunk);
    progress.bytes += bytes.length;
    if (!res.write(bytes)) await drained(res);
  }
  progress.ending();
  res.end();
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
