/**
 * The accounts the simulator knows, looked up by the request's Host header. Only the demo account
 * exists today; another kind of account (e.g. one without Advanced Reporting) is one more spec.
 */
import { type Account, createAccount } from './data';

/** The demo account's sign-in details, shown by the CLI and used by tests. */
export const DEMO = {
  account: 'acme',
  host: 'acme.leankit.com',
  email: 'demo@acme.test',
  password: 'correct-horse-battery',
  name: 'Dana Demo',
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
      login: { email: DEMO.email, password: DEMO.password, name: DEMO.name },
      boards: options.boards,
      cardsPerBoard: options.cardsPerBoard,
    },
    options.seed,
  );
  return new Map([[demo.name, demo]]);
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
