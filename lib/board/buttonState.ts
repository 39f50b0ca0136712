import type { ErrorInfo } from '../errors';
import type { SnapshotStep } from '../snapshot/snapshotJob';
import type { BoardJob, BoardState } from './protocol';

/** What the board button shows. */
export type ButtonState =
  | { kind: 'loading' }
  | { kind: 'signed-out'; message?: string }
  | { kind: 'ready' }
  /** `ended`: an export of this board that ended before the answer to "start" came (see `job`). */
  | { kind: 'starting'; ended?: BoardJob }
  /** `step`: a board snapshot's report being fetched. */
  | { kind: 'running'; jobId: string; reportId: string; bytes: number; step?: SnapshotStep }
  /**
   * `empty`: the export has no data rows (the file holds the header alone); `notes`: what the
   * user should know about the file.
   */
  | { kind: 'done'; jobId: string; reportId: string; empty: boolean; notes: string[] }
  | { kind: 'failed'; message: string };

export type ButtonEvent =
  /** The background's answer to "what is my state", on (re)mount or after a sign-in change. */
  | { type: 'loaded'; state: BoardState }
  | { type: 'start' }
  | { type: 'started'; jobId: string; reportId: string }
  | { type: 'start-failed'; error: ErrorInfo }
  /** An update of an export this tab started, pushed by the background. */
  | { type: 'job'; job: BoardJob }
  /** The user has seen the result (opened the file). */
  | { type: 'dismiss' }
  /** The finished file could not be shown (e.g. removed from the downloads list). */
  | { type: 'show-failed'; error: ErrorInfo };

export const initialButtonState: ButtonState = { kind: 'loading' };

/** The button's state machine for the board `boardId`. Pure, so every transition is unit-tested. */
export function nextButtonState(
  state: ButtonState,
  event: ButtonEvent,
  boardId: string,
): ButtonState {
  switch (event.type) {
    case 'loaded': {
      if (!event.state.signedIn)
        return state.kind === 'signed-out' ? state : { kind: 'signed-out' };
      // A reload mid-export shows its progress again; a finished one is old news by then.
      const job = event.state.job;
      if (job?.boardId === boardId && job.state === 'running') return fromJob(job);
      return isBusy(state) ? state : { kind: 'ready' };
    }
    case 'start':
      return state.kind === 'ready' || state.kind === 'done' || state.kind === 'failed'
        ? { kind: 'starting' }
        : state;
    case 'started':
      // An update of the same job may already have arrived and moved the button on.
      if ((state.kind === 'running' || state.kind === 'done') && state.jobId === event.jobId) {
        return state;
      }
      if (state.kind !== 'starting') return state;
      if (state.ended?.id === event.jobId) return fromJob(state.ended);
      return { kind: 'running', jobId: event.jobId, reportId: event.reportId, bytes: 0 };
    case 'start-failed':
      return state.kind === 'starting' ? fromError(event.error) : state;
    case 'job': {
      const { job } = event;
      if (job.boardId !== boardId || state.kind === 'loading') return state;
      // The sign-out may reach the tab before the news that it stopped this tab's export.
      if (state.kind === 'signed-out') return stoppedBySignOut(job) ? fromJob(job) : state;
      // Done is final: an update sent before the end may arrive after it.
      if (state.kind === 'done' && state.jobId === job.id) return state;
      // A new export of this tab (the keyboard shortcut) takes over the button when it starts.
      if (job.state === 'running' && state.kind !== 'running') return fromJob(job);
      if (state.kind === 'running' && state.jobId === job.id) return fromJob(job);
      // The updates and the answer to "start" travel apart: a quick export may end before its
      // answer arrives, and the button would otherwise wait for an update that never comes.
      if (state.kind === 'starting') return { kind: 'starting', ended: job };
      return state;
    }
    case 'dismiss':
      return state.kind === 'done' || state.kind === 'failed' ? { kind: 'ready' } : state;
    case 'show-failed':
      return state.kind === 'done' ? fromError(event.error) : state;
  }
}

function isBusy(state: ButtonState): boolean {
  return state.kind === 'starting' || state.kind === 'running';
}

function fromJob(job: BoardJob): ButtonState {
  switch (job.state) {
    case 'running':
      return {
        kind: 'running',
        jobId: job.id,
        reportId: job.reportId,
        bytes: job.bytes,
        ...(job.step ? { step: job.step } : {}),
      };
    case 'done':
      return {
        kind: 'done',
        jobId: job.id,
        reportId: job.reportId,
        empty: job.empty === true,
        notes: job.notes ?? [],
      };
    case 'cancelled':
      // Stopped because the user signed out: said where they will sign in again.
      return job.error?.kind === 'signed-out'
        ? { kind: 'signed-out', message: job.error.message }
        : { kind: 'ready' };
    case 'waiting-for-sign-in':
      // The export is paused, not lost: it goes on once the user signs in again.
      return {
        kind: 'signed-out',
        message: 'Your LeanKit session expired. Sign in again and the export continues.',
      };
    case 'failed':
      return fromError(job.error ?? { kind: 'server', message: 'The export failed.' });
  }
}

function stoppedBySignOut(job: BoardJob): boolean {
  return job.state === 'cancelled' && job.error?.kind === 'signed-out';
}

function fromError(error: ErrorInfo): ButtonState {
  // The background dropped the session: the only way on is to sign in again.
  if (error.kind === 'not-signed-in' || error.kind === 'token-expired') {
    return { kind: 'signed-out', message: error.message };
  }
  return { kind: 'failed', message: error.message };
}
