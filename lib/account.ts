import { LeanKitError } from './errors';

/** A LeanKit account, as the API client needs it. */
export interface Account {
  /** `https://acme.leankit.com` */
  origin: string;
  /** `acme.leankit.com` */
  host: string;
  /** `acme`: the first DNS label, which `/io/reporting/auth` expects as `accountName`. */
  accountName: string;
}

const LEANKIT_DOMAIN = 'leankit.com';
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Turns what a user types as their account into a normalised account: `acme`, `acme.leankit.com`,
 * `https://acme.leankit.com/board/1` all give `https://acme.leankit.com`.
 */
export function parseAccount(input: string): Account {
  const text = input.trim();
  if (text === '')
    throw invalid('Enter your LeanKit account, for example acme or acme.leankit.com.');

  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text)
    ? text
    : `https://${/^[^./:]+$/.test(text) ? `${text}.${LEANKIT_DOMAIN}` : text}`;

  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw invalid(`"${text}" is not a LeanKit address. Use your account name, for example acme.`);
  }
  if (url.protocol !== 'https:') {
    throw invalid('LeanKit addresses must start with https:// so your password travels encrypted.');
  }
  if (url.username !== '' || url.password !== '') {
    throw invalid('Leave the user name and password out of the account address.');
  }
  if (url.port !== '') {
    throw invalid('Leave the port out of the account address, for example acme.leankit.com.');
  }

  const host = url.hostname.toLowerCase();
  const accountName = host.endsWith(`.${LEANKIT_DOMAIN}`)
    ? host.slice(0, -LEANKIT_DOMAIN.length - 1)
    : '';
  if (!DNS_LABEL.test(accountName)) {
    throw invalid(
      `"${host}" is not a LeanKit account address. It should look like acme.leankit.com.`,
    );
  }
  return { origin: `https://${host}`, host, accountName };
}

function invalid(message: string): LeanKitError {
  return new LeanKitError('bad-account', message);
}
