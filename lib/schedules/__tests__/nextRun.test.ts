import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../flow/monteCarlo';
import { createOffsetFinder } from '../../timeZoneOffset';
import { catchUp, nextRunAfter } from '../nextRun';
import type { ScheduleWhen } from '../schedule';

const at = (iso: string) => Date.parse(iso);
const iso = (time: number) => new Date(time).toISOString();

describe('nextRunAfter', () => {
  it.each<[string, ScheduleWhen, string, string, string]>([
    // Plain days, in and out of summer time.
    [
      'daily, later today',
      { every: 'day', time: '07:30' },
      'Europe/Berlin',
      '2026-06-10T04:00:00Z',
      '2026-06-10T05:30:00.000Z',
    ],
    [
      'daily, tomorrow once passed',
      { every: 'day', time: '07:30' },
      'Europe/Berlin',
      '2026-06-10T05:30:00Z',
      '2026-06-11T05:30:00.000Z',
    ],
    [
      'daily in winter',
      { every: 'day', time: '07:30' },
      'Europe/Berlin',
      '2026-01-10T12:00:00Z',
      '2026-01-11T06:30:00.000Z',
    ],
    [
      'daily, New York',
      { every: 'day', time: '18:00' },
      'America/New_York',
      '2026-06-10T23:00:00Z',
      '2026-06-11T22:00:00.000Z',
    ],
    // Berlin springs forward on 2026-03-29 at 02:00 → 03:00, falls back on 2026-10-25 at 03:00 → 02:00.
    [
      'Berlin spring: the day before, CET',
      { every: 'day', time: '07:30' },
      'Europe/Berlin',
      '2026-03-28T07:00:00Z',
      '2026-03-29T05:30:00.000Z',
    ],
    [
      'Berlin spring: a skipped time runs as late as the jump',
      { every: 'day', time: '02:30' },
      'Europe/Berlin',
      '2026-03-28T12:00:00Z',
      '2026-03-29T01:30:00.000Z',
    ],
    [
      'Berlin spring: the day after, at 02:30 CEST',
      { every: 'day', time: '02:30' },
      'Europe/Berlin',
      '2026-03-29T01:30:00Z',
      '2026-03-30T00:30:00.000Z',
    ],
    [
      'Berlin autumn: a time that happens twice runs the first time',
      { every: 'day', time: '02:30' },
      'Europe/Berlin',
      '2026-10-24T12:00:00Z',
      '2026-10-25T00:30:00.000Z',
    ],
    [
      'Berlin autumn: not again the second time',
      { every: 'day', time: '02:30' },
      'Europe/Berlin',
      '2026-10-25T00:30:00Z',
      '2026-10-26T01:30:00.000Z',
    ],
    [
      'Berlin autumn: 07:30 in CET',
      { every: 'day', time: '07:30' },
      'Europe/Berlin',
      '2026-10-24T12:00:00Z',
      '2026-10-25T06:30:00.000Z',
    ],
    // New York springs forward on 2026-03-08 at 02:00 → 03:00, falls back on 2026-11-01 at 02:00 → 01:00.
    [
      'New York spring: skipped 02:15 runs at 03:15 EDT',
      { every: 'day', time: '02:15' },
      'America/New_York',
      '2026-03-07T12:00:00Z',
      '2026-03-08T07:15:00.000Z',
    ],
    [
      'New York autumn: 01:30 twice, the first (EDT)',
      { every: 'day', time: '01:30' },
      'America/New_York',
      '2026-10-31T12:00:00Z',
      '2026-11-01T05:30:00.000Z',
    ],
    [
      'New York autumn: the next day in EST',
      { every: 'day', time: '01:30' },
      'America/New_York',
      '2026-11-01T05:30:00Z',
      '2026-11-02T06:30:00.000Z',
    ],
    // Weekdays: 2026-06-12 is a Friday.
    [
      'weekdays, Friday → Monday',
      { every: 'weekday', time: '08:00' },
      'Europe/Berlin',
      '2026-06-12T07:00:00Z',
      '2026-06-15T06:00:00.000Z',
    ],
    [
      'weekdays, Saturday → Monday',
      { every: 'weekday', time: '08:00' },
      'Europe/Berlin',
      '2026-06-13T07:00:00Z',
      '2026-06-15T06:00:00.000Z',
    ],
    [
      'weekdays, Monday morning, same day',
      { every: 'weekday', time: '08:00' },
      'Europe/Berlin',
      '2026-06-15T05:00:00Z',
      '2026-06-15T06:00:00.000Z',
    ],
    // The local day, not the UTC day, decides: 23:30 Sunday in New York is Monday in UTC.
    [
      'weekdays, Sunday night in New York',
      { every: 'weekday', time: '23:30' },
      'America/New_York',
      '2026-06-14T12:00:00Z',
      '2026-06-16T03:30:00.000Z',
    ],
    [
      'weekly on Monday, from Monday after the time',
      { every: 'week', day: 1, time: '09:00' },
      'Europe/Berlin',
      '2026-06-15T08:00:00Z',
      '2026-06-22T07:00:00.000Z',
    ],
    [
      'weekly on Sunday across the Berlin spring change',
      { every: 'week', day: 0, time: '09:00' },
      'Europe/Berlin',
      '2026-03-23T12:00:00Z',
      '2026-03-29T07:00:00.000Z',
    ],
    [
      'weekly on Sunday across the New York autumn change',
      { every: 'week', day: 0, time: '09:00' },
      'America/New_York',
      '2026-10-26T12:00:00Z',
      '2026-11-01T14:00:00.000Z',
    ],
    // Hourly: every real hour at the minute, changes or not.
    [
      'hourly, later this hour',
      { every: 'hour', minute: 15 },
      'Europe/Berlin',
      '2026-06-10T10:05:00Z',
      '2026-06-10T10:15:00.000Z',
    ],
    [
      'hourly, next hour',
      { every: 'hour', minute: 15 },
      'Europe/Berlin',
      '2026-06-10T10:15:00Z',
      '2026-06-10T11:15:00.000Z',
    ],
    [
      'hourly, a half-hour zone',
      { every: 'hour', minute: 0 },
      'Asia/Kolkata',
      '2026-06-10T10:05:00Z',
      '2026-06-10T10:30:00.000Z',
    ],
    [
      'hourly across the Berlin autumn change',
      { every: 'hour', minute: 30 },
      'Europe/Berlin',
      '2026-10-25T00:31:00Z',
      '2026-10-25T01:30:00.000Z',
    ],
  ])('%s', (_name, when, zone, after, expected) => {
    expect(iso(nextRunAfter(when, zone, at(after)))).toBe(expected);
  });

  it('runs hourly every real hour through both Berlin changes', () => {
    for (const start of ['2026-03-28T22:30:00Z', '2026-10-24T22:30:00Z']) {
      let run = at(start);
      for (let hour = 0; hour < 8; hour++) {
        const next = nextRunAfter({ every: 'hour', minute: 30 }, 'Europe/Berlin', run);
        expect(next - run).toBe(3_600_000);
        run = next;
      }
    }
  });
});

describe('catchUp', () => {
  const daily: ScheduleWhen = { every: 'day', time: '07:00' };

  it('does nothing before the run time', () => {
    expect(catchUp(daily, 'UTC', at('2026-06-10T07:00:00Z'), at('2026-06-10T06:59:00Z'))).toEqual({
      runNow: false,
      nextRunAt: at('2026-06-10T07:00:00Z'),
    });
  });

  it('runs once for a week of missed run times, then on the next one after now', () => {
    expect(catchUp(daily, 'UTC', at('2026-06-03T07:00:00Z'), at('2026-06-10T12:00:00Z'))).toEqual({
      runNow: true,
      nextRunAt: at('2026-06-11T07:00:00Z'),
    });
  });

  it('runs at the run time itself', () => {
    expect(catchUp(daily, 'UTC', at('2026-06-10T07:00:00Z'), at('2026-06-10T07:00:00Z'))).toEqual({
      runNow: true,
      nextRunAt: at('2026-06-11T07:00:00Z'),
    });
  });
});

/**
 * Properties on random schedules and moments (seeded, so a failure names a seed): the next run is
 * after the moment, on an allowed day at the set wall-clock time (or, where the clocks skipped it,
 * just after), and no run time lies between the moment and it.
 */
describe('nextRunAfter properties', () => {
  const ZONES = [
    'UTC',
    'Europe/Berlin',
    'America/New_York',
    'Australia/Lord_Howe',
    'Asia/Kathmandu',
    'Pacific/Chatham',
  ];
  const START = at('2025-01-01T00:00:00Z');
  const SPAN = 3 * 365 * 86_400_000;

  function randomCase(seed: number): { when: ScheduleWhen; zone: string; after: number } {
    const random = mulberry32(seed);
    const int = (max: number) => Math.floor(random() * max);
    const time = `${String(int(24)).padStart(2, '0')}:${String(int(60)).padStart(2, '0')}`;
    const kinds: ScheduleWhen[] = [
      { every: 'hour', minute: int(60) },
      { every: 'day', time },
      { every: 'weekday', time },
      { every: 'week', day: int(7) as 0, time },
    ];
    return {
      when: kinds[int(4)] as ScheduleWhen,
      zone: ZONES[int(ZONES.length)] as string,
      after: START + int(SPAN),
    };
  }

  const finders = new Map(ZONES.map((zone) => [zone, createOffsetFinder(zone)]));
  function localParts(time: number, zone: string) {
    const local = new Date(time + (finders.get(zone) as (time: number) => number)(time));
    return { day: local.getUTCDay(), minutes: local.getUTCHours() * 60 + local.getUTCMinutes() };
  }

  it.each(Array.from({ length: 300 }, (_, seed) => seed))('seed %i', (seed) => {
    const { when, zone, after } = randomCase(seed);
    const next = nextRunAfter(when, zone, after);
    expect(next).toBeGreaterThan(after);
    const { day, minutes } = localParts(next, zone);
    if (when.every === 'hour') {
      expect(minutes % 60).toBe(when.minute);
      expect(next - after).toBeLessThanOrEqual(3_600_000);
      return;
    }
    const [h, m] = when.time.split(':').map(Number) as [number, number];
    const wanted = h * 60 + m;
    // On the set time, or pushed past a skipped one by at most the size of the jump.
    expect(
      minutes - wanted === 0 ||
        (minutes > wanted && minutes - wanted <= 60) ||
        minutes + 1440 - wanted <= 60,
    ).toBe(true);
    const runDay = minutes >= wanted ? day : (day + 6) % 7;
    if (when.every === 'weekday') expect(runDay >= 1 && runDay <= 5).toBe(true);
    if (when.every === 'week') expect(runDay).toBe(when.day);
    expect(next - after).toBeLessThanOrEqual(8 * 86_400_000);
    // Nothing earlier: every zone here is offset by whole quarter hours, so looking back from
    // `next` in quarter hours meets every instant showing the set time.
    for (let earlier = next - 900_000; earlier > after; earlier -= 900_000) {
      const local = localParts(earlier, zone);
      const allowed =
        when.every === 'day' ||
        (when.every === 'weekday' && local.day >= 1 && local.day <= 5) ||
        (when.every === 'week' && local.day === when.day);
      expect(allowed && local.minutes === wanted, iso(earlier)).toBe(false);
    }
  });
});
