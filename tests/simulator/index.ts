/**
 * The LeanKit Advanced Reporting API simulator: a real HTTPS server on 127.0.0.1 that follows
 * docs/reporting-api.md, including §9's choices where the real API is unknown.
 */
import type { AddressInfo } from 'node:net';
import { createAccounts, DEMO, NO_REPORTING, VIEWER } from './accounts';
import { Tokens } from './auth';
import { createCertificate } from './certificate';
import { type Conventions, DEFAULT_CONVENTIONS } from './conventions';
import { type ExtraColumn, ExtraColumns } from './extraColumns';
import { type FaultRule, FaultRules } from './faults';
import { replyBytes } from './reply';
import type { RequestLogEntry } from './requestLog';
import { createSimulatorServer, route, type ServerState } from './server';
import { CardTouches, type TouchRequest } from './touches';

export type { Conventions } from './conventions';
export type { ExtraColumn } from './extraColumns';
export type { Fault, FaultRule } from './faults';
export type { RequestLogEntry } from './requestLog';
export type { TouchRequest } from './touches';

/** The §10 switches (see conventions.ts); each defaults to our §9 reading. */
export interface SimulatorOptions extends Partial<Conventions> {
  /** 0 (default) = any free port; the server listens on 127.0.0.1. */
  port?: number;
  /** Default 1; all data is deterministic from it. */
  seed?: number;
  /** Number of boards of the demo account, default 3. */
  boards?: number;
  /** Default 40. */
  cardsPerBoard?: number;
  /** Default 600. */
  tokenLifetimeSeconds?: number;
  /** Clock in ms for token iat/exp checks and touched cards' activity, default Date.now. */
  now?: () => number;
  /**
   * Every row's cell in these columns (by id, in any report that has them) reads this text,
   * whatever the column's type: a server whose numbers, dates or booleans are not what the
   * catalogue says, e.g. `{ cardSize: '=HYPERLINK("x")' }` (tests of the formula guard).
   */
  cellText?: Readonly<Record<string, string>>;
}

export interface Simulator {
  port: number;
  /** PEM of the self-signed certificate (for *.leankit.com, leankit.com, localhost, 127.0.0.1), so Node clients can trust it. */
  certificate: string;
  demo: {
    account: 'acme';
    host: 'acme.leankit.com';
    email: string;
    password: string;
    name: string;
  };
  /** A second user of the demo account, who sees only the boards at even positions (1st, 3rd, …). */
  viewer: { email: string; password: string; name: string; boardIds: string[] };
  /** An account whose sign-in works but which has no Advanced Reporting: exports answer 403. */
  noReporting: {
    account: 'noreporting';
    host: 'noreporting.leankit.com';
    email: string;
    password: string;
  };
  /** Board ids and titles of the demo account, in board order. */
  boards: { id: string; title: string }[];
  /**
   * Switchable faults: rules are checked in the order added, and a request takes the first
   * matching rule that is not used up; `release()` lets every body held by `hold-after-bytes` so
   * far go on. Over HTTP: `POST`/`DELETE /__simulator/faults`, `POST /__simulator/faults/release`.
   */
  faults: { add(rule: FaultRule): void; clear(): void; release(): void };
  /** Appended as each response finishes (just before its last bytes are sent). */
  requests: RequestLogEntry[];
  /** Every token issued so far becomes invalid (401 Invalid token). */
  expireAllTokens(): void;
  /**
   * Cards of the demo account "worked on just now": these cards, or `count` cards spread evenly
   * over a board (or every board), get `now()` as their `lastActivityDate` in the cards report;
   * nothing else changes. Returns the touched card ids; throws a RangeError for unknown cards or
   * boards. Over HTTP: `POST /__simulator/touch-cards`.
   */
  touchCards(request: TouchRequest): string[];
  /**
   * Columns LeanKit adds after our catalogue: `add({ report: 'cards', name: 'cardHealth', after:
   * 'cardTitle' })` puts a text column there in every export of the report, CSV, TAB and JSON, with
   * a value in every row; throws a TypeError for an unknown report or `after` column, or a name the
   * report has. Over HTTP: `POST`/`DELETE /__simulator/extra-columns`.
   */
  extraColumns: { add(column: ExtraColumn): void; clear(): void };
  /**
   * Exactly the bytes the server sends for a GET of this path+query on the demo host with a valid
   * token, e.g. body('/io/reporting/export/cards?format=csv&boardId=101'). Computed by the same
   * router and serializer as real requests, without a socket, so it does not appear in `requests`.
   */
  body(pathAndQuery: string): Promise<Buffer>;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const lifetime = options.tokenLifetimeSeconds ?? 600;
  if (!(lifetime > 0)) throw new RangeError('tokenLifetimeSeconds must be positive');
  const accounts = createAccounts({
    seed: options.seed ?? 1,
    boards: options.boards ?? 3,
    cardsPerBoard: options.cardsPerBoard ?? 40,
  });
  const demoAccount = accounts.get(DEMO.account);
  const [demoLogin, viewerLogin] = demoAccount?.logins ?? [];
  if (!demoAccount || !demoLogin || !viewerLogin) throw new Error('The demo account is missing');

  const now = options.now ?? Date.now;
  const tokens = new Tokens(lifetime, now);
  const faults = new FaultRules();
  const conventions: Conventions = {
    columnHeaders: options.columnHeaders ?? DEFAULT_CONVENTIONS.columnHeaders,
    quoteAll: options.quoteAll ?? DEFAULT_CONVENTIONS.quoteAll,
    authExpires: options.authExpires ?? DEFAULT_CONVENTIONS.authExpires,
    booleans: options.booleans ?? DEFAULT_CONVENTIONS.booleans,
    contentDisposition: options.contentDisposition ?? DEFAULT_CONVENTIONS.contentDisposition,
  };
  const state: ServerState = {
    accounts,
    tokens,
    requests: [],
    conventions,
    faults,
    cellText: options.cellText,
    touches: new CardTouches(),
    now,
    extraColumns: new ExtraColumns(),
  };
  const certificate = await createCertificate();
  const server = createSimulatorServer(state, certificate);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });

  return {
    port: (server.address() as AddressInfo).port,
    certificate: certificate.cert,
    demo: { ...DEMO },
    viewer: { ...VIEWER, boardIds: viewerLogin.boards.map((board) => board.id) },
    noReporting: { ...NO_REPORTING },
    faults: {
      add: (rule) => faults.add(rule),
      clear: () => faults.clear(),
      release: () => faults.release(),
    },
    boards: demoAccount.boards.map(({ id, title }) => ({ id, title })),
    requests: state.requests,
    expireAllTokens: () => tokens.expireAll(),
    touchCards(request) {
      const touched = state.touches.touch(demoAccount, request, now());
      if (typeof touched === 'string') throw new RangeError(touched);
      return touched;
    },
    extraColumns: {
      add(column) {
        const problem = state.extraColumns.add(column);
        if (problem) throw new TypeError(`Invalid extra column: ${problem}`);
      },
      clear: () => state.extraColumns.clear(),
    },
    async body(pathAndQuery) {
      const { token } = tokens.issue(demoAccount, demoLogin.user);
      const reply = await route(state, {
        method: 'GET',
        headers: { host: DEMO.host, authorization: `Bearer ${token}` },
        url: new URL(pathAndQuery, `https://${DEMO.host}`),
        readBody: async () => Buffer.alloc(0),
      });
      return replyBytes(reply);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive and half-read streams would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
