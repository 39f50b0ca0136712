import { LeanKitError } from './errors';
import { displayHost, hasNonLatinLetters, looksLikeLeanKit } from './lookAlikeHost';

/** A LeanKit account, as the API client needs it. */
export interface Account {
  /** `https://acme.leankit.com` */
  origin: string;
  /** `acme.leankit.com` */
  host: string;
  /** `acme`: the first DNS label, which `/io/reporting/auth` expects as `accountName`. */
  accountName: string;
  /**
   * True under leankit.com, which the extension may reach from install. Any other host (a
   * company's own AgilePlace domain) needs the user's permission at runtime (lib/hostPermission.ts).
   */
  onLeanKit: boolean;
}

export const LEANKIT_DOMAIN = 'leankit.com';
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** A top-level domain is letters (or punycode): this also turns away IP addresses. */
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** True for `acme.leankit.com` and any other name under leankit.com. */
export function isLeanKitHost(host: string): boolean {
  return host.toLowerCase().endsWith(`.${LEANKIT_DOMAIN}`);
}

/**
 * Turns what a user types as their account into a normalised account: `acme`, `acme.leankit.com`,
 * `https://acme.leankit.com/board/1` all give `https://acme.leankit.com`. Another https host, such
 * as `boards.example.com`, is taken as a company's own AgilePlace address; its account name is the
 * first DNS label, as LeanKit's own client derives it. A host off leankit.com that reads as
 * "leankit" (lib/lookAlikeHost.ts) is refused, before any password can be sent to it.
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
  const labels = host.split('.');
  // Stryker disable next-line StringLiteral: split() always gives one label; the default is for the type.
  const [accountName = ''] = labels;
  const onLeanKit = isLeanKitHost(host);
  const wellFormed =
    onLeanKit || host === LEANKIT_DOMAIN
      ? labels.length === 3 && DNS_LABEL.test(accountName)
      : labels.length >= 2 &&
        labels.every((label) => DNS_LABEL.test(label)) &&
        // Stryker disable next-line StringLiteral: there are at least two labels here; `??` is for the type.
        TOP_LEVEL.test(labels.at(-1) ?? '');
  if (!wellFormed) {
    throw invalid(
      `"${host}" is not a LeanKit account address. It should look like acme.leankit.com.`,
    );
  }
  if (!onLeanKit && looksLikeLeanKit(host)) {
    throw invalid(
      hasNonLatinLetters(host)
        ? `"${displayHost(host)}" is written with letters from another alphabet that look like "leankit", so it is not LeanKit's address. Your password is not sent there. Type the address in plain letters, for example acme.leankit.com.`
        : `"${host}" looks like LeanKit's address but is not: LeanKit accounts end in .leankit.com. Your password is not sent there. Check the spelling, for example acme.leankit.com.`,
    );
  }
  return { origin: `https://${host}`, host, accountName, onLeanKit };
}

function invalid(message: string): LeanKitError {
  return new LeanKitError('bad-account', message);
}
