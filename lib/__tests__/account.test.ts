import { describe, expect, it } from 'vitest';
import { isLeanKitHost, parseAccount } from '../account';
import { LeanKitError } from '../errors';

/** The kind and message parseAccount throws for `input`. */
function refusal(input: string): { kind: string; message: string } {
  try {
    parseAccount(input);
  } catch (error) {
    if (error instanceof LeanKitError) return { kind: error.kind, message: error.message };
    throw error;
  }
  throw new Error(`${input} was accepted`);
}

describe('parseAccount', () => {
  it.each([
    ['acme', 'acme'],
    ['  Acme  ', 'acme'],
    ['acme.leankit.com', 'acme'],
    ['ACME.LeanKit.com', 'acme'],
    ['https://acme.leankit.com', 'acme'],
    ['https://acme.leankit.com/', 'acme'],
    ['https://acme.leankit.com/board/2494615425', 'acme'],
    ['acme.leankit.com/board/1?x=1#top', 'acme'],
    ['my-team-01.leankit.com', 'my-team-01'],
    ['HTTPS://ACME.leankit.com/board/1', 'acme'],
    ['acme.leankit.com/board/1?from=https://example.com', 'acme'],
    ['a.leankit.com', 'a'],
    [`${'a'.repeat(63)}.leankit.com`, 'a'.repeat(63)],
  ])('reads %j as the account %j', (input, accountName) => {
    expect(parseAccount(input)).toEqual({
      origin: `https://${accountName}.leankit.com`,
      host: `${accountName}.leankit.com`,
      accountName,
      onLeanKit: true,
    });
  });

  // A company's own AgilePlace address: any https host, asked for at runtime (lib/hostPermission.ts).
  it.each([
    ['boards.example.com', 'boards.example.com', 'boards'],
    ['https://Boards.Example.com/board/7', 'boards.example.com', 'boards'],
    ['https://acme.agileplace.example.co.uk', 'acme.agileplace.example.co.uk', 'acme'],
    ['https://xn--bcher-kva.example', 'xn--bcher-kva.example', 'xn--bcher-kva'],
    ['https://boards.xn--p1ai', 'boards.xn--p1ai', 'boards'],
    ['example.com', 'example.com', 'example'],
    ['https://münchen.example', 'xn--mnchen-3ya.example', 'xn--mnchen-3ya'],
    ['lean.example.com', 'lean.example.com', 'lean'],
    ['kit.example.com', 'kit.example.com', 'kit'],
  ])('reads %j as the host %j, account %j, off leankit.com', (input, host, accountName) => {
    expect(parseAccount(input)).toEqual({
      origin: `https://${host}`,
      host,
      accountName,
      onLeanKit: false,
    });
  });

  const notAddress = (text: string) =>
    `"${text}" is not a LeanKit address. Use your account name, for example acme.`;
  const notAccount = (host: string) =>
    `"${host}" is not a LeanKit account address. It should look like acme.leankit.com.`;
  const https = 'LeanKit addresses must start with https:// so your password travels encrypted.';
  const credentials = 'Leave the user name and password out of the account address.';
  const port = 'Leave the port out of the account address, for example acme.leankit.com.';

  const lookAlike = (host: string) =>
    `"${host}" looks like LeanKit's address but is not: LeanKit accounts end in .leankit.com. Your password is not sent there. Check the spelling, for example acme.leankit.com.`;
  const otherAlphabet = (shown: string) =>
    `"${shown}" is written with letters from another alphabet that look like "leankit", so it is not LeanKit's address. Your password is not sent there. Type the address in plain letters, for example acme.leankit.com.`;

  it.each([
    ['acme.leankit.co', lookAlike('acme.leankit.co')],
    ['https://acme.leankit.net/board/1', lookAlike('acme.leankit.net')],
    ['acme-leankit.com', lookAlike('acme-leankit.com')],
    ['acme.leankit.com.evil.com', lookAlike('acme.leankit.com.evil.com')],
    ['https://acme.leankit.com.evil.com/io/reporting', lookAlike('acme.leankit.com.evil.com')],
    ['evilleankit.com', lookAlike('evilleankit.com')],
    ['acme.evilleankit.com', lookAlike('acme.evilleankit.com')],
    ['acme.lean-kit.com', lookAlike('acme.lean-kit.com')],
    ['acme.1eankit.com', lookAlike('acme.1eankit.com')],
    ['acme.leank1t.com', lookAlike('acme.leank1t.com')],
    ['acme.leanklt.com', lookAlike('acme.leanklt.com')],
    ['LEANKIT.acme.example', lookAlike('leankit.acme.example')],
    // Cyrillic е; Cyrillic а and і; Greek κ; Latin é: typed, or pasted as punycode.
    ['acme.lеankit.com', otherAlphabet('acme.lеankit.com')],
    ['acme.xn--lankit-3of.com', otherAlphabet('acme.lеankit.com')],
    ['acme.leаnkіt.com', otherAlphabet('acme.leаnkіt.com')],
    ['https://acme.leanκit.com', otherAlphabet('acme.leanκit.com')],
    ['acme.léankit.com', otherAlphabet('acme.léankit.com')],
  ])('refuses the look-alike %j before any password is sent: %s', (input, message) => {
    expect(refusal(input)).toEqual({ kind: 'bad-account', message });
  });

  it.each([
    ['', 'Enter your LeanKit account, for example acme or acme.leankit.com.'],
    ['   ', 'Enter your LeanKit account, for example acme or acme.leankit.com.'],
    ['http://acme.leankit.com', https],
    ['http://boards.example.com', https],
    ['ftp://acme.leankit.com', https],
    ['https://user:pass@acme.leankit.com', credentials],
    ['https://user@acme.leankit.com', credentials],
    ['https://:pass@acme.leankit.com', credentials],
    ['https://acme.leankit.com:8443', port],
    ['acme:8443', port],
    ['https://localhost', notAccount('localhost')],
    ['https://intranet', notAccount('intranet')],
    ['https://127.0.0.1', notAccount('127.0.0.1')],
    ['https://[::1]', notAccount('[::1]')],
    ['https://under_score.example.com', notAccount('under_score.example.com')],
    ['boards.bad-.com', notAccount('boards.bad-.com')],
    ['https://boards.example.c', notAccount('boards.example.c')],
    ['https://leankit.com', notAccount('leankit.com')],
    ['a.b.leankit.com', notAccount('a.b.leankit.com')],
    ['acme-.leankit.com', notAccount('acme-.leankit.com')],
    [`${'a'.repeat(64)}.leankit.com`, notAccount(`${'a'.repeat(64)}.leankit.com`)],
    ['https://acme.leankit.com.', notAccount('acme.leankit.com.')],
    ['-acme', notAccount('-acme.leankit.com')],
    ['acme leankit', notAddress('acme leankit')],
    ['https://', notAddress('https://')],
  ])('rejects %j: %s', (input, message) => {
    let thrown: unknown;
    try {
      parseAccount(input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(LeanKitError);
    expect((thrown as LeanKitError).kind).toBe('bad-account');
    expect((thrown as LeanKitError).message).toBe(message);
  });
});

describe('isLeanKitHost', () => {
  it.each([
    ['acme.leankit.com', true],
    ['ACME.LeanKit.COM', true],
    ['leankit.com', false],
    ['evilleankit.com', false],
    ['acme.evilleankit.com', false],
    ['acme.leankit.com.evil.example', false],
  ])('%s → %s', (host, expected) => {
    expect(isLeanKitHost(host)).toBe(expected);
  });
});
