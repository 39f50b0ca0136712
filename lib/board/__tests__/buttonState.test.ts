import { describe, expect, it } from 'vitest';
import { type ButtonEvent, type ButtonState, nextButtonState } from '../buttonState';
import type { BoardJob, BoardState } from '../protocol';

const job = (change: Partial<BoardJob> = {}): BoardJob => ({
  id: 'j1',
  boardId: '101',
  reportId: 'cards',
  format: 'csv',
  state: 'running',
  bytes: 0,
  ...change,
});
const running = (bytes = 0, jobId = 'j1'): ButtonState => ({
  kind: 'running',
  jobId,
  reportId: 'cards',
  bytes,
});
const done = (jobId = 'j1', change: { reportId?: string; empty?: boolean } = {}): ButtonState => ({
  kind: 'done',
  jobId,
  reportId: 'cards',
  empty: false,
  notes: [],
  ...change,
});
const options: Pick<BoardState, 'defaultFormat' | 'reports' | 'spreadsheetHint' | 'presets'> = {
  defaultFormat: 'csv',
  reports: [],
  spreadsheetHint: '',
  presets: [],
};
const expired = { kind: 'token-expired', message: 'Your LeanKit session expired.' } as const;
const signedOut = { kind: 'signed-out', message: 'Stopped because you signed out.' } as const;

describe('nextButtonState', () => {
  it.each<[string, ButtonState, ButtonEvent, ButtonState]>([
    // Mounting: the background says who is signed in and what this tab is exporting.
    [
      'signed out',
      { kind: 'loading' },
      { type: 'loaded', state: { ...options, signedIn: false, job: null } },
      { kind: 'signed-out' },
    ],
    [
      'signed in, nothing running',
      { kind: 'loading' },
      { type: 'loaded', state: { ...options, signedIn: true, job: null } },
      { kind: 'ready' },
    ],
    [
      'remounted mid-export',
      { kind: 'loading' },
      { type: 'loaded', state: { ...options, signedIn: true, job: job({ bytes: 5 }) } },
      running(5),
    ],
    [
      'remounted after it finished',
      { kind: 'loading' },
      { type: 'loaded', state: { ...options, signedIn: true, job: job({ state: 'done' }) } },
      { kind: 'ready' },
    ],
    [
      'remounted after a cancel',
      { kind: 'loading' },
      { type: 'loaded', state: { ...options, signedIn: true, job: job({ state: 'cancelled' }) } },
      { kind: 'ready' },
    ],
    [
      'another board’s job on load',
      { kind: 'loading' },
      { type: 'loaded', state: { ...options, signedIn: true, job: job({ boardId: '102' }) } },
      { kind: 'ready' },
    ],
    [
      'signed in from the popup',
      { kind: 'signed-out', message: 'x' },
      { type: 'loaded', state: { ...options, signedIn: true, job: null } },
      { kind: 'ready' },
    ],
    [
      'signed out keeps its reason',
      { kind: 'signed-out', message: 'Expired.' },
      { type: 'loaded', state: { ...options, signedIn: false, job: null } },
      { kind: 'signed-out', message: 'Expired.' },
    ],
    [
      'a reload while starting',
      { kind: 'starting' },
      { type: 'loaded', state: { ...options, signedIn: true, job: null } },
      { kind: 'starting' },
    ],
    // Starting.
    ['click when ready', { kind: 'ready' }, { type: 'start' }, { kind: 'starting' }],
    ['click after done', done('j0'), { type: 'start' }, { kind: 'starting' }],
    [
      'click after a failure',
      { kind: 'failed', message: 'x' },
      { type: 'start' },
      { kind: 'starting' },
    ],
    ['no second start while running', running(), { type: 'start' }, running()],
    [
      'no start while signed out',
      { kind: 'signed-out' },
      { type: 'start' },
      { kind: 'signed-out' },
    ],
    [
      'the background took it',
      { kind: 'starting' },
      { type: 'started', jobId: 'j1', reportId: 'lanes' },
      { kind: 'running', jobId: 'j1', reportId: 'lanes', bytes: 0 },
    ],
    [
      'the answer after its first update',
      running(7),
      { type: 'started', jobId: 'j1', reportId: 'cards' },
      running(7),
    ],
    [
      'the answer after it already finished',
      done(),
      { type: 'started', jobId: 'j1', reportId: 'cards' },
      done(),
    ],
    [
      'refused: signed out',
      { kind: 'starting' },
      { type: 'start-failed', error: { kind: 'not-signed-in', message: 'Sign in.' } },
      { kind: 'signed-out', message: 'Sign in.' },
    ],
    [
      'refused: other reason',
      { kind: 'starting' },
      { type: 'start-failed', error: { kind: 'bad-request', message: 'No.' } },
      { kind: 'failed', message: 'No.' },
    ],
    // Updates pushed by the background.
    ['progress', running(0), { type: 'job', job: job({ bytes: 2048 }) }, running(2048)],
    ['finished', running(10), { type: 'job', job: job({ state: 'done', bytes: 20 }) }, done()],
    [
      'finished with no rows',
      running(10),
      { type: 'job', job: job({ state: 'done', bytes: 20, empty: true }) },
      done('j1', { empty: true }),
    ],
    [
      'another report finished with no rows',
      { kind: 'running', jobId: 'j1', reportId: 'lanes', bytes: 10 },
      { type: 'job', job: job({ reportId: 'lanes', state: 'done', bytes: 20, empty: true }) },
      done('j1', { reportId: 'lanes', empty: true }),
    ],
    [
      'a new export after an empty one starts afresh',
      done('j1', { empty: true }),
      { type: 'start' },
      { kind: 'starting' },
    ],
    ['an empty one seen', done('j1', { empty: true }), { type: 'dismiss' }, { kind: 'ready' }],
    [
      'failed',
      running(10),
      {
        type: 'job',
        job: job({ state: 'failed', error: { kind: 'server', message: 'LeanKit had a problem.' } }),
      },
      { kind: 'failed', message: 'LeanKit had a problem.' },
    ],
    [
      'token expired',
      running(10),
      { type: 'job', job: job({ state: 'failed', error: expired }) },
      { kind: 'signed-out', message: expired.message },
    ],
    [
      'cancelled',
      running(10),
      { type: 'job', job: job({ state: 'cancelled' }) },
      { kind: 'ready' },
    ],
    [
      'the shortcut started one',
      { kind: 'ready' },
      { type: 'job', job: job({ id: 'j9' }) },
      running(0, 'j9'),
    ],
    [
      'another board’s job',
      running(3),
      { type: 'job', job: job({ boardId: '102', bytes: 99 }) },
      running(3),
    ],
    [
      'an older job of this tab',
      running(3, 'j2'),
      { type: 'job', job: job({ state: 'done' }) },
      running(3, 'j2'),
    ],
    [
      'a finished job it does not track',
      { kind: 'ready' },
      { type: 'job', job: job({ state: 'done' }) },
      { kind: 'ready' },
    ],
    [
      'a job while loading: the background’s answer comes first',
      { kind: 'loading' },
      { type: 'job', job: job({ bytes: 8 }) },
      { kind: 'loading' },
    ],
    [
      'a finished job while loading',
      { kind: 'loading' },
      { type: 'job', job: job({ state: 'done' }) },
      { kind: 'loading' },
    ],
    [
      'another running job does not take over a running one',
      running(3, 'j2'),
      { type: 'job', job: job({ bytes: 50 }) },
      running(3, 'j2'),
    ],
    [
      'another running job after this one finished takes over',
      done('j2'),
      { type: 'job', job: job({ bytes: 50 }) },
      running(50),
    ],
    [
      'stopped because the user signed out',
      running(10),
      { type: 'job', job: job({ state: 'cancelled', error: signedOut }) },
      { kind: 'signed-out', message: signedOut.message },
    ],
    [
      'stopped because the user signed out, heard after the sign-out itself',
      { kind: 'signed-out' },
      { type: 'job', job: job({ state: 'cancelled', error: signedOut }) },
      { kind: 'signed-out', message: signedOut.message },
    ],
    [
      'signed out, then the sign-out heard',
      { kind: 'signed-out', message: signedOut.message },
      { type: 'loaded', state: { ...options, signedIn: false, job: null } },
      { kind: 'signed-out', message: signedOut.message },
    ],
    [
      'another board’s export stopped by the sign-out',
      { kind: 'signed-out' },
      { type: 'job', job: job({ boardId: '102', state: 'cancelled', error: signedOut }) },
      { kind: 'signed-out' },
    ],
    [
      'a job while signed out',
      { kind: 'signed-out' },
      { type: 'job', job: job() },
      { kind: 'signed-out' },
    ],
    // Seen.
    ['file shown', done(), { type: 'dismiss' }, { kind: 'ready' }],
    [
      'the file is gone',
      done(),
      { type: 'show-failed', error: { kind: 'not-found', message: 'Gone.' } },
      { kind: 'failed', message: 'Gone.' },
    ],
    ['dismiss while running', running(1), { type: 'dismiss' }, running(1)],
    [
      'a stale progress update after it finished',
      done(),
      { type: 'job', job: job({ bytes: 0 }) },
      done(),
    ],
  ])('%s', (_name, state, event, expected) => {
    expect(nextButtonState(state, event, '101')).toEqual(expected);
  });

  // The background's updates and its answer to "export" travel apart: a quick export can end
  // before the answer arrives (tests/e2e/boardButton.spec.ts, two tabs exporting at once).
  it.each<[string, BoardJob, ButtonState]>([
    ['done', job({ state: 'done', bytes: 20 }), done()],
    [
      'done with no rows',
      job({ state: 'done', bytes: 20, empty: true }),
      done('j1', { empty: true }),
    ],
    [
      'failed',
      job({ state: 'failed', error: { kind: 'server', message: 'LeanKit had a problem.' } }),
      { kind: 'failed', message: 'LeanKit had a problem.' },
    ],
    ['cancelled', job({ state: 'cancelled' }), { kind: 'ready' }],
  ])(
    'shows a job that ended (%s) before the answer to its start arrived',
    (_name, ended, expected) => {
      const events: ButtonEvent[] = [
        { type: 'start' },
        { type: 'job', job: ended },
        { type: 'started', jobId: 'j1', reportId: 'cards' },
      ];
      const state = events.reduce<ButtonState>(
        (current, event) => nextButtonState(current, event, '101'),
        { kind: 'ready' },
      );
      expect(state).toEqual(expected);
    },
  );

  it('ignores an older job’s end arriving before the answer to a new start', () => {
    const events: ButtonEvent[] = [
      { type: 'start' },
      { type: 'job', job: job({ id: 'j0', state: 'done' }) },
      { type: 'started', jobId: 'j1', reportId: 'cards' },
    ];
    const state = events.reduce<ButtonState>(
      (current, event) => nextButtonState(current, event, '101'),
      { kind: 'ready' },
    );
    expect(state).toEqual(running());
  });
});
