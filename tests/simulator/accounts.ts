/**
 * The accounts the simulator knows, looked up by the request's Host header: the demo account
 * (`acme`, with a second user who sees only some boards) and an account without Advanced Reporting.
 */
import { type Account, createAccount } from './data';

/** The demo account's sign-in details, shown by the CLI and used by tests. Sees every board. */
export const DEMO = {
  account: 'acme',
  host: 'acme.leankit.com',
  email: 'demo@acme.test',
  password: 'correct-horse-battery',
  name: 'Dana Demo',
} as const;

/** A second user of the demo account who sees only the boards at even positions (1st, 3rd, …). */
export const VIEWER = {
  email: 'viewer@acme.test',
  password: 'correct-horse-battery',
  name: 'Vic Viewer',
} as const;

/** Sign-in works, but the subscription has no Advanced Reporting, so exports answer 403. */
export const NO_REPORTING = {
  account: 'noreporting',
  host: 'noreporting.leankit.com',
  email: 'demo@noreporting.test',
  password: 'correct-horse-battery',
} as const;

export interface AccountsOptions {
  seed: number;
  boards: number;
  cardsPerBoard: number;
}

export type Accounts = ReadonlyMap<string, Account>;

export function createAccounts(options: AccountsOptions): Accounts {
  const demo = createAccount(
    {
      name: DEMO.account,
      logins: [
        { email: DEMO.email, password: DEMO.password, name: DEMO.name },
        { ...VIEWER, sees: (boardIndex) => boardIndex % 2 === 0 },
      ],
      boards: options.boards,
      cardsPerBoard: options.cardsPerBoard,
      reporting: true,
    },
    options.seed,
  );
  const noReporting = createAccount(
    {
      name: NO_REPORTING.account,
      logins: [{ email: NO_REPORTING.email, password: NO_REPORTING.password, name: 'Nora Basic' }],
      boards: 1,
      cardsPerBoard: 5,
      reporting: false,
    },
    options.seed,
  );
  return new Map([
    [demo.name, demo],
    [noReporting.name, noReporting],
  ]);
}

/** The account a Host header names: its first DNS label (`acme.leankit.com:8443` → `acme`). */
export function accountForHost(accounts: Accounts, host: string | undefined): Account | undefined {
  const label = hostnameOf(host).split('.')[0];
  return label ? accounts.get(label) : undefined;
}

/** The Host header without its port, lower-cased. */
export function hostnameOf(host: string | undefined): string {
  return (host ?? '').replace(/:\d+$/, '').toLowerCase();
}
