/**
 * The HTTPS server: routes each request to its handler, streams the reply, and logs the request
 * once its response is over.
 */

import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import { gzipSync } from 'node:zlib';
import { type Accounts, accountForHost, hostnameOf } from './accounts';
import { adminReply, isAdminPath } from './admin';
import { authenticate, findToken, signIn, type Tokens } from './auth';
import { boardPageReply, rootRedirect } from './boardPage';
import type { Certificate } from './certificate';
import type { Conventions } from './conventions';
import { exportReply, findExport } from './exports';
import type { ExtraColumns } from './extraColumns';
import {
  type Fault,
  type FaultRules,
  jsonNoticeReply,
  redirectFaultReply,
  signInPageReply,
  statusFaultReply,
} from './faults';
import { carriesPassword, isOtherHost, otherHostReply } from './otherHost';
import {
  boom,
  type Delivery,
  notFound,
  type Progress,
  type Reply,
  replyBytes,
  sendReply,
  sleep,
} from './reply';
import { loggedQuery, type RequestLogEntry } from './requestLog';
import type { CardTouches } from './touches';

export interface ServerState {
  readonly accounts: Accounts;
  readonly tokens: Tokens;
  readonly requests: RequestLogEntry[];
  readonly conventions: Conventions;
  readonly faults: FaultRules;
  /** Cells that read this text whatever their column's type (SimulatorOptions.cellText). */
  readonly cellText?: Readonly<Record<string, string>>;
  /** Cards whose `lastActivityDate` a test moved to `now()` (POST /__simulator/touch-cards). */
  readonly touches: CardTouches;
  /** The simulator's clock (SimulatorOptions.now): token times and touched cards' activity. */
  readonly now: () => number;
  /** Columns a test added to reports, as LeanKit may add them (POST /__simulator/extra-columns). */
  readonly extraColumns: ExtraColumns;
}

/** A request as the router needs it, so replies can also be computed without a socket. */
export interface Call {
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  readonly url: URL;
  readBody(): Promise<Buffer>;
}

const AUTH_PATH = '/io/reporting/auth';
/** Only the path and query of a request URL are used; the base is a placeholder. */
const URL_BASE = 'https://simulator.invalid';
const MAX_BODY_BYTES = 1024 * 1024;

/** Routes a request; `fault` is the one fault (if any) that changes what is answered. */
export async function route(state: ServerState, call: Call, fault?: Fault): Promise<Reply> {
  if (fault?.kind === 'status') return statusFaultReply(fault);
  if (fault?.kind === 'html-page') return signInPageReply();
  if (fault?.kind === 'json-notice') return jsonNoticeReply(fault);
  if (fault?.kind === 'redirect') return redirectFaultReply(fault);
  if (fault?.kind === 'expire-tokens') state.tokens.expireAll();
  const account = accountForHost(state.accounts, call.headers.host);
  const { pathname } = call.url;

  if (pathname === AUTH_PATH) {
    if (call.method !== 'POST') return notFound();
    const body = await call.readBody();
    const { authExpires } = state.conventions;
    return signIn(state.tokens, account, call.headers['content-type'], body, authExpires);
  }

  // Route first, then authenticate, then validate: the order hapi runs them in (§6.2).
  const target = findExport(pathname);
  if (target) {
    if (call.method !== 'GET') return notFound();
    const auth = authenticate(state.tokens, account, call.headers, call.url.searchParams);
    if ('status' in auth) return auth;
    return exportReply({
      ...auth,
      target,
      query:
        fault?.kind === 'ignore-offset'
          ? withoutOffset(call.url.searchParams)
          : call.url.searchParams,
      conventions: state.conventions,
      empty: fault?.kind === 'empty',
      cellText: state.cellText,
      touched: state.touches.of(auth.account),
      ...(fault?.kind === 'bare-quote' ? { bareQuote: fault.column ?? 'cardTitle' } : {}),
      columns: state.extraColumns.of(target.report),
    });
  }

  if (!account || call.method !== 'GET') return notFound();
  if (pathname === '/') return rootRedirect(account);
  const board = /^\/board\/([^/]+)/.exec(pathname)?.[1];
  if (board !== undefined) return boardPageReply(account, safeDecode(board));
  return notFound();
}

export function createSimulatorServer(state: ServerState, certificate: Certificate): Server {
  const server = createServer({ cert: certificate.cert, key: certificate.key }, (req, res) => {
    void handle(state, req, res);
  });
  // Longer than any pause between a client's requests (backoff waits up to 4 s). With Node's
  // 5 s default, a retry sent as the server closed its idle connection failed as "Could not
  // reach" now and then, instead of getting the answer the test set up.
  server.keepAliveTimeout = 60_000;
  return server;
}

async function handle(
  state: ServerState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = requestUrl(req.url);
  const host = hostnameOf(req.headers.host);
  let received: Buffer | undefined;
  const call: Call = {
    method: req.method ?? 'GET',
    headers: req.headers,
    url,
    readBody: async () => {
      received ??= await readBody(req);
      return received;
    },
  };
  const progress: Progress = { bytes: 0, ending: () => {} };
  if (isAdminPath(url.pathname) && !isOtherHost(host)) {
    // Test controls, never logged.
    await sendReply(res, await adminReply(state, call), progress);
    return;
  }

  // Faults bend LeanKit's answers only; another server answers as itself.
  const fault = isOtherHost(host) ? undefined : state.faults.take(url.pathname);
  let logged = false;
  // Logged just before the response ends, so a client that has read the whole body always finds
  // its entry; or when the connection closes early.
  progress.ending = (): void => {
    if (logged) return;
    logged = true;
    state.requests.push({
      method: call.method,
      path: url.pathname,
      query: loggedQuery(url.searchParams),
      tokenTransport: findToken(req.headers, url.searchParams).transport,
      status: res.statusCode,
      bytes: progress.bytes,
      host,
      ...(received && carriesPassword(received) ? { passwordReceived: true } : {}),
      ...(fault ? { fault: fault.kind } : {}),
    });
  };
  res.once('close', progress.ending);
  try {
    if (fault?.kind === 'slow-first-byte') await sleep(fault.delayMs, res);
    if (res.destroyed) return;
    const reply = isOtherHost(host) ? await otherHostAnswer(call) : await route(state, call, fault);
    if (fault?.kind === 'gzip-cut' && reply.status === 200) {
      const { reply: cut, delivery: cutDelivery } = gzipCut(reply, fault);
      await sendReply(res, cut, progress, cutDelivery);
      return;
    }
    await sendReply(res, reply, progress, delivery(fault, state.faults));
  } catch {
    // A bug in the simulator: answer like hapi if nothing was sent yet, else cut the body short.
    if (res.headersSent) {
      res.destroy();
    } else {
      await sendReply(res, boom(500, 'An internal server error occurred'), progress);
    }
  }
}

/** Another server's answer; its body is read so the log can tell whether a password came. */
async function otherHostAnswer(call: Call): Promise<Reply> {
  await call.readBody();
  return otherHostReply(call.method);
}

function delivery(fault: Fault | undefined, faults: FaultRules): Delivery {
  if (fault?.kind === 'slow-body') return { bytesPerSecond: fault.bytesPerSecond };
  if (fault?.kind === 'drop-after-bytes') return { dropAfterBytes: fault.bytes };
  if (fault?.kind === 'hold-after-bytes') {
    return { hold: { afterBytes: fault.bytes, released: faults.whenReleased() } };
  }
  if (fault?.kind === 'stall-after-bytes') {
    return { hold: { afterBytes: fault.bytes, released: new Promise<void>(() => {}) } };
  }
  if (fault?.kind === 'close-after-bytes') return { closeAfterBytes: fault.bytes };
  return {};
}

/** The query as a server that ignores `offset` reads it. */
function withoutOffset(query: URLSearchParams): URLSearchParams {
  const kept = new URLSearchParams(query);
  kept.delete('offset');
  return kept;
}

/** The reply gzip-encoded and cut short, framed as the fault says (see faults.ts). */
function gzipCut(
  reply: Reply,
  fault: Extract<Fault, { kind: 'gzip-cut' }>,
): { reply: Reply; delivery: Delivery } {
  const compressed = gzipSync(replyBytes(reply));
  // Never the whole stream: at least the 8-byte trailer is missing.
  const bytes = Math.min(fault.bytes, compressed.length - 8);
  const headers = { ...reply.headers, 'content-encoding': 'gzip' };
  switch (fault.contentLength) {
    case 'none':
      return { reply: { ...reply, headers, body: [compressed.subarray(0, bytes)] }, delivery: {} };
    case 'sent':
      return {
        reply: {
          ...reply,
          headers: { ...headers, 'content-length': String(bytes) },
          body: [compressed.subarray(0, bytes)],
        },
        delivery: {},
      };
    case 'whole':
      return {
        reply: {
          ...reply,
          headers: { ...headers, 'content-length': String(compressed.length) },
          body: [compressed],
        },
        delivery: { dropAfterBytes: bytes },
      };
  }
}

/** The request body, read up to a limit (beyond it the handler sees a truncated body). */
async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    if (size <= MAX_BODY_BYTES) chunks.push(buffer);
    size += buffer.length;
  }
  return Buffer.concat(chunks);
}

/** Parses the request target; `//x/y` stays a path instead of becoming a host. */
function requestUrl(target = '/'): URL {
  try {
    return target.startsWith('/') ? new URL(`${URL_BASE}${target}`) : new URL(target, URL_BASE);
  } catch {
    return new URL('/invalid-request-target', URL_BASE);
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
