/**
 * A `fetch` for Node tests that sends every `https://*.leankit.com/...` request, and the other
 * server's (otherHost.ts), to the simulator on 127.0.0.1, verifying TLS against the simulator's
 * own certificate (no NODE_TLS_REJECT_UNAUTHORIZED). The Host header and TLS server name stay the original host name,
 * so the server sees what a browser would send.
 */
import type { IncomingMessage } from 'node:http';
import { request } from 'node:https';
import { Readable } from 'node:stream';
import type { Simulator } from './index';
import { OTHER_HOST } from './otherHost';

type Target = Pick<Simulator, 'port' | 'certificate'>;

interface Outgoing {
  url: URL;
  method: string;
  headers: Headers;
  body: Buffer | undefined;
  signal: AbortSignal;
}

const MAX_REDIRECTS = 20;
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

export function simulatorFetch(sim: Target): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    let outgoing: Outgoing = {
      url: new URL(request.url),
      method: request.method,
      headers: new Headers(request.headers),
      body,
      // The caller's own signal: the Request's copy follows it through a weak reference only, so
      // once the Request was garbage collected an abort reached nobody.
      signal: init?.signal ?? request.signal,
    };
    for (let redirects = 0; ; redirects++) {
      const response = await send(sim, outgoing);
      const location = response.headers.get('location');
      if (!location || response.status < 300 || response.status > 399) return response;
      if (request.redirect === 'manual') return response;
      await response.body?.cancel();
      if (request.redirect === 'error' || redirects >= MAX_REDIRECTS) {
        throw new TypeError('fetch failed', { cause: new Error(`redirect to ${location}`) });
      }
      outgoing = redirected(outgoing, response.status, new URL(location, outgoing.url));
    }
  };
}

/** The next request after a redirect, following the fetch standard's method rules. */
function redirected(previous: Outgoing, status: number, url: URL): Outgoing {
  const toGet =
    status === 303 ? previous.method !== 'HEAD' : status <= 302 && previous.method === 'POST';
  if (!toGet) return { ...previous, url };
  const headers = new Headers(previous.headers);
  headers.delete('content-type');
  return { ...previous, url, method: 'GET', headers, body: undefined };
}

function send(sim: Target, outgoing: Outgoing): Promise<Response> {
  const { url, method, body, signal } = outgoing;
  const served = /(^|\.)leankit\.com$/.test(url.hostname) || url.hostname === OTHER_HOST;
  if (url.protocol !== 'https:' || !served) {
    return Promise.reject(
      new TypeError(
        `simulatorFetch only serves https://*.leankit.com and ${OTHER_HOST}, not ${url.origin}`,
      ),
    );
  }
  if (signal.aborted) return Promise.reject(signal.reason);

  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = Object.fromEntries(outgoing.headers);
    headers.host = url.host;
    if (body) headers['content-length'] = String(body.length);
    const req = request({
      host: '127.0.0.1',
      port: sim.port,
      servername: url.hostname,
      ca: sim.certificate,
      method,
      path: `${url.pathname}${url.search}`,
      headers,
      agent: false,
    });
    let res: IncomingMessage | undefined;
    const onAbort = (): void => {
      req.destroy(signal.reason);
      res?.destroy(signal.reason);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    req.on('error', (error) => {
      signal.removeEventListener('abort', onAbort);
      reject(new TypeError('fetch failed', { cause: error }));
    });
    req.on('response', (incoming) => {
      res = incoming;
      incoming.on('close', () => signal.removeEventListener('abort', onAbort));
      resolve(toResponse(incoming, method, url));
    });
    req.end(body);
  });
}

function toResponse(incoming: IncomingMessage, method: string, url: URL): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    for (const item of Array.isArray(value) ? value : [value ?? '']) headers.append(name, item);
  }
  const status = incoming.statusCode ?? 500;
  const hasBody = method !== 'HEAD' && !NULL_BODY_STATUSES.has(status);
  if (!hasBody) incoming.resume();
  const body = hasBody ? (Readable.toWeb(incoming) as ReadableStream<Uint8Array>) : null;
  const response = new Response(body, { status, statusText: incoming.statusMessage, headers });
  // Response's constructor cannot set `url`; callers use it to see where redirects led.
  Object.defineProperty(response, 'url', { value: url.href });
  return response;
}
