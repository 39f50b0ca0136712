import { LeanKitError } from '../errors';
import { tokenClaims } from '../session';
import type { StoredSession } from '../storage/items';
import type { ExportJob, JobUser } from './jobRecords';

// An export is bound to the account and the user that started it. When the token expires
// mid-export, the job waits for a new sign-in and goes on with the new token; a processed export
// asks for the rest with `offset=rows`. Carried on by anyone else, the file would mix two people's
// views of the data (and skip or repeat rows, as their views differ), so the job fails instead.
// It does not start over either: the person now signed in never asked for it.

/** Who a session acts as: its token's user id claim and its email, as far as they are known. */
export function userOf(session: StoredSession): JobUser {
  const claims = tokenClaims(session.token);
  const email = (session.email || claims.email || '').trim().toLowerCase();
  return {
    ...(claims.id === undefined ? {} : { userId: claims.id }),
    ...(email === '' ? {} : { email }),
  };
}

/** The same person: by user id where both tokens carry one, else by email; unknown is not. */
function sameUser(a: JobUser, b: JobUser): boolean {
  if (a.userId !== undefined && b.userId !== undefined) return a.userId === b.userId;
  if (a.email !== undefined && b.email !== undefined) return a.email === b.email;
  return false;
}

/**
 * Why the signed-in session may not carry on this job, or undefined when it may. Jobs from older
 * versions, which recorded neither address nor user, are held to their account's name alone.
 */
export function ownerChange(job: ExportJob, session: StoredSession): LeanKitError | undefined {
  const sameAccount =
    job.origin === undefined
      ? session.accountName === job.accountName
      : session.origin === job.origin;
  if (!sameAccount) {
    const was = job.origin === undefined ? job.accountName : new URL(job.origin).host;
    return new LeanKitError(
      'bad-account',
      `You are now signed in to ${new URL(session.origin).host}, but this export is from ${was}. Sign in to ${was} and start it again.`,
    );
  }
  if (job.startedBy === undefined) return undefined;
  const now = userOf(session);
  if (sameUser(job.startedBy, now)) return undefined;
  const signedIn = now.email ?? 'another user';
  return new LeanKitError(
    'other-user',
    `${job.startedBy.email ?? 'Someone else'} started this export, but ${signedIn} is signed in now. It stopped, so that no file mixes what two people may see. Start it again to export as ${signedIn}.`,
  );
}
