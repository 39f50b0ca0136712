import { describe, expect, it } from 'vitest';
import { parseAccount } from '../account';
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
  ])('reads %j as the host %j, account %j, off leankit.com', (input, host, accountName) => {
    expect(parseAccount(input)).toEqual({
      origin: `https://${host}`,
      host,
      accountName,
      onLeanKit: false,
    });
  });

  it.each([
    ['', /Enter your LeanKit account/],
    ['http://acme.leankit.com', /must start with https:\/\//],
    ['https://user:pass@acme.leankit.com', /user name and password/],
    ['https://acme.leankit.com:8443', /port/],
    ['https://localhost', /not a LeanKit account address/],
    ['https://127.0.0.1', /not a LeanKit account address/],
    ['https://[::1]', /not a LeanKit account address/],
    ['https://under_score.example.com', /not a LeanKit address|not a LeanKit account address/],
    ['http://boards.example.com', /must start with https:\/\//],
    ['https://leankit.com', /not a LeanKit account address/],
    ['a.b.leankit.com', /not a LeanKit account address/],
    ['-acme', /not a LeanKit account address/],
    ['acme leankit', /not a LeanKit address|not a LeanKit account address/],
    ['ftp://acme.leankit.com', /must start with https:\/\//],
  ])('rejects %j with a clear message', (input, message) => {
    let thrown: unknown;
    try {
      parseAccount(input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(LeanKitError);
    expect((thrown as LeanKitError).kind).toBe('bad-account');
    expect((thrown as LeanKitError).message).toMatch(message);
  });
});
