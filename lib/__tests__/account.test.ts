import { describe, expect, it } from 'vitest';
import { isLeanKitHost, parseAccount } from '../account';
import { LeanKitError } from '../errors';

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
    // Names that merely end in "leankit.com" are not LeanKit's.
    ['evilleankit.com', 'evilleankit.com', 'evilleankit'],
    ['acme.evilleankit.com', 'acme.evilleankit.com', 'acme'],
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
