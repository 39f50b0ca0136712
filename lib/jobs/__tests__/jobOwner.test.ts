import { describe, expect, it } from 'vitest';
import type { StoredSession } from '../../storage/items';
import { ownerChange, userOf } from '../jobOwner';
import type { ExportJob, JobUser } from '../jobRecords';

/** A token with these claims; its signature is LeanKit's business, not ours. */
function token(claims: object): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.signature`;
}

const session = (change: Partial<StoredSession> = {}): StoredSession => ({
  origin: 'https://acme.leankit.com',
  accountName: 'acme',
  email: 'dana@acme.test',
  token: token({ id: '11', email: 'dana@acme.test' }),
  ...change,
});

const job = (change: Partial<ExportJob> = {}): ExportJob => ({
  id: 'j1',
  reportId: 'cards',
  format: 'csv',
  boardIds: [],
  accountName: 'acme',
  origin: 'https://acme.leankit.com',
  startedBy: { userId: '11', email: 'dana@acme.test' },
  fileName: 'x.csv',
  state: 'waiting-for-sign-in',
  bytes: 0,
  startedAt: 0,
  ...change,
});

describe('userOf', () => {
  it.each<[string, Partial<StoredSession>, JobUser]>([
    ['the token’s user id and the email', {}, { userId: '11', email: 'dana@acme.test' }],
    [
      'the email in lower case',
      { email: 'Dana@ACME.test' },
      { userId: '11', email: 'dana@acme.test' },
    ],
    [
      'a numeric user id as text',
      { token: token({ id: 11 }) },
      { userId: '11', email: 'dana@acme.test' },
    ],
    [
      'the token’s email when the session has none (a pasted token)',
      { email: '', token: token({ email: 'Dana@acme.test' }) },
      { email: 'dana@acme.test' },
    ],
    ['nothing known of an opaque token', { email: '', token: 'opaque' }, {}],
  ])('%s', (_name, change, expected) => {
    expect(userOf(session(change))).toEqual(expected);
  });
});

describe('ownerChange', () => {
  it.each<[string, Partial<ExportJob>, Partial<StoredSession>]>([
    ['the same user, with a new token', {}, { token: token({ id: '11', email: 'x@y.z' }) }],
    ['the same email, typed in another case', {}, { email: 'DANA@acme.test' }],
    [
      'the same email, where neither token has a user id',
      { startedBy: { email: 'dana@acme.test' } },
      { token: 'opaque' },
    ],
    [
      'a job from an older version, on the same account',
      { origin: undefined, startedBy: undefined },
      {},
    ],
  ])('lets %s go on', (_name, jobChange, sessionChange) => {
    expect(ownerChange(job(jobChange), session(sessionChange))).toBeUndefined();
  });

  it.each<[string, Partial<ExportJob>, Partial<StoredSession>, string]>([
    [
      'another user of the account',
      {},
      { email: 'vic@acme.test', token: token({ id: '12', email: 'vic@acme.test' }) },
      'other-user',
    ],
    [
      'another user id, whatever the email says',
      {},
      { token: token({ id: '12', email: 'dana@acme.test' }) },
      'other-user',
    ],
    [
      'a user nobody can tell apart (no id, no email)',
      { startedBy: {} },
      { email: '', token: 'opaque' },
      'other-user',
    ],
    [
      'another account',
      {},
      { origin: 'https://beta.leankit.com', accountName: 'beta' },
      'bad-account',
    ],
    [
      'the same account name at another address',
      {},
      { origin: 'https://acme.example.com' },
      'bad-account',
    ],
    [
      'another account, for a job from an older version',
      { origin: undefined, startedBy: undefined },
      { origin: 'https://beta.leankit.com', accountName: 'beta' },
      'bad-account',
    ],
  ])('stops %s', (_name, jobChange, sessionChange, kind) => {
    expect(ownerChange(job(jobChange), session(sessionChange))?.kind).toBe(kind);
  });

  it('says who started the export and who is signed in now', () => {
    const other = session({
      email: 'vic@acme.test',
      token: token({ id: '12', email: 'vic@acme.test' }),
    });
    expect(ownerChange(job(), other)?.message).toBe(
      'dana@acme.test started this export, but vic@acme.test is signed in now. It stopped, so that no file mixes what two people may see. Start it again to export as vic@acme.test.',
    );
    expect(
      ownerChange(job(), session({ origin: 'https://beta.leankit.com', accountName: 'beta' }))
        ?.message,
    ).toBe(
      'You are now signed in to beta.leankit.com, but this export is from acme.leankit.com. Sign in to acme.leankit.com and start it again.',
    );
  });
});
