import { describe, expect, it } from 'vitest';
import {
  resultText,
  scheduleNews,
  stateText,
  whatText,
  whenText,
  whereText,
} from '../describeSchedule';
import type { Schedule, ScheduleWhen } from '../schedule';

const schedule: Schedule = {
  id: 's1',
  name: 'weekly cards',
  what: { kind: 'report', reportId: 'cards', format: 'csv', boardIds: [] },
  when: { every: 'week', day: 1, time: '07:30' },
  timeZone: 'Europe/Berlin',
  where: { folder: 'LeanKit/weekly', fileNamePattern: 'cards', keep: 'replace' },
  enabled: true,
  results: [],
};

describe('how a schedule reads', () => {
  it.each<[ScheduleWhen, string]>([
    [{ every: 'hour', minute: 5 }, 'Every hour at :05'],
    [{ every: 'day', time: '07:30' }, 'Every day at 07:30'],
    [{ every: 'weekday', time: '07:30' }, 'Monday to Friday at 07:30'],
    [{ every: 'week', day: 1, time: '07:30' }, 'Every Monday at 07:30'],
  ])('%o', (when, text) => {
    expect(whenText(when)).toBe(text);
  });

  it('says what and where', () => {
    expect(whatText(schedule.what)).toBe('Cards as CSV, all boards');
    expect(
      whatText({ kind: 'report', reportId: 'cards', format: 'tab', boardIds: ['1', '2'] }),
    ).toBe('Cards as TAB, 2 boards');
    expect(whatText({ kind: 'preset', presetId: 'p' }, 'Open cards')).toBe("Preset 'Open cards'");
    expect(whatText({ kind: 'snapshot', output: 'xlsx', boardIds: [] })).toBe(
      'Board snapshot as XLSX, all boards',
    );
    expect(
      whatText({ kind: 'snapshot', output: 'csv-zip', boardIds: ['101'] }, undefined, (id) =>
        id === '101' ? 'Sprint board' : undefined,
      ),
    ).toBe('Board snapshot as CSV (.zip), Sprint board');
    expect(whatText({ kind: 'report', reportId: 'lanes', format: 'csv', boardIds: ['7'] })).toBe(
      'Lanes as CSV, board 7',
    );
    expect(whereText(schedule)).toBe('LeanKit/weekly, replacing the previous file');
    expect(
      whereText({ ...schedule, where: { ...schedule.where, folder: '', keep: 'each-run' } }),
    ).toBe('the downloads folder, keeping each run');
  });

  it.each<[Partial<Schedule>, boolean, string]>([
    [{}, true, 'On'],
    [{}, false, 'Cannot run'],
    [{ enabled: false }, true, 'Paused'],
    [{ enabled: false, pausedAfterFailures: true }, true, 'Paused after 3 failed runs in a row'],
    [{ waitingForSignIn: true }, true, 'Waiting for you to sign in'],
    [{ runningJobId: 'j' }, true, 'Running'],
  ])('state of %o (stay signed in: %s)', (change, stay, state) => {
    expect(stateText({ ...schedule, ...change }, stay).state).toBe(state);
  });

  it('gives a result its time in the schedule’s zone', () => {
    const at = Date.parse('2026-12-01T06:30:00Z');
    expect(
      resultText({ at, outcome: 'failed', message: 'LeanKit had a problem.' }, 'Europe/Berlin'),
    ).toBe('Failed Tue 1 Dec, 07:30: LeanKit had a problem.');
  });
});

describe('scheduleNews', () => {
  const at = Date.parse('2026-12-01T06:30:00Z');

  it('announces a finished run politely, a failure and a pause as alerts, once', () => {
    const done = {
      ...schedule,
      results: [{ at, outcome: 'done' as const, message: 'Saved cards.csv' }],
    };
    expect(scheduleNews([schedule], [done])).toEqual({
      polite: ["'weekly cards': Done Tue 1 Dec, 07:30: Saved cards.csv"],
      alert: [],
    });
    expect(scheduleNews([done], [structuredClone(done)])).toEqual({ polite: [], alert: [] });
    const failed = {
      ...done,
      enabled: false,
      pausedAfterFailures: true,
      results: [{ at: at + 1, outcome: 'failed' as const, message: 'Boom.' }, ...done.results],
    };
    expect(scheduleNews([done], [failed]).alert).toEqual([
      "'weekly cards': Failed Tue 1 Dec, 07:30: Boom.",
      "'weekly cards' paused after 3 failed runs in a row.",
    ]);
  });
});
