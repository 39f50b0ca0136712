import { describe, expect, it } from 'vitest';
import { createDayCounter, formatDay, mondayOf, parseLeanKitDate } from '../calendarDays';

describe('parseLeanKitDate', () => {
  it.each([
    ['2019-04-15', Date.UTC(2019, 3, 15)],
    ['2019-04-15T19:05:14Z', Date.UTC(2019, 3, 15, 19, 5, 14)],
    ['2019-04-15 19:05:14.9070000', Date.UTC(2019, 3, 15, 19, 5, 14, 907)],
    ['2019-04-15 19:05:14', Date.UTC(2019, 3, 15, 19, 5, 14)],
    ['2024-02-29', Date.UTC(2024, 1, 29)],
    ['2019-04-15T19:05:14.5Z', Date.UTC(2019, 3, 15, 19, 5, 14, 500)],
    ['2019-04-15 19:05:14.0409999', Date.UTC(2019, 3, 15, 19, 5, 14, 40)],
  ])('reads %s as UTC', (text, time) => {
    expect(parseLeanKitDate(text)).toBe(time);
  });

  it('counts days as Date.UTC does, every day from 1899 to 2101', () => {
    const wrong: string[] = [];
    for (let time = Date.UTC(1899, 0, 1); time <= Date.UTC(2101, 11, 31); time += 86_400_000) {
      const text = new Date(time).toISOString().slice(0, 10);
      if (parseLeanKitDate(text) !== time) wrong.push(text);
    }
    expect(wrong).toEqual([]);
  });

  it('reads a year under 100 as that year, not 19xx', () => {
    expect(parseLeanKitDate('0099-03-01')).toBe(new Date(Date.UTC(2000, 2, 1)).setUTCFullYear(99));
  });

  it.each([
    '',
    '15/04/2019',
    '2019-04-15 19:05',
    '2019-02-30',
    '2023-02-29',
    '2019-13-01',
    '2019-04-15 24:00:00',
    '2019-04-15 19:05:14.',
    '2019-04-15 19:05:14.5x',
    '2019-04-15Z',
    'null',
  ])('reads %j as no date', (text) => {
    expect(parseLeanKitDate(text)).toBeNaN();
  });

  it.each([
    ['2019-04-15 10:00:00', '2019-04-16 10:00:00', Date.UTC(2019, 3, 16, 10)],
    ['2019-04-15', '2018-04-15', Date.UTC(2018, 3, 15)],
    ['2019-04-15', '2019-05-15', Date.UTC(2019, 4, 15)],
    ['2019-04-15T00:00:00Z', '2019-04-15T23:59:59.999Z', Date.UTC(2019, 3, 15, 23, 59, 59, 999)],
    ['2024-02-29', '2023-02-29', Number.NaN],
    ['2019-02-28', '2019-02-29', Number.NaN],
    ['2019-04-15', '2019-04-15 24:00:00', Number.NaN],
    ['2019-04-15', '2019-04-1x', Number.NaN],
    ['2019-04-15', '2019-04-1/', Number.NaN],
  ])('after %s, reads %s as its own date', (before, text, time) => {
    parseLeanKitDate(before);
    expect(parseLeanKitDate(text)).toBe(time);
  });
});

describe('createDayCounter', () => {
  it.each([
    ['UTC', Date.UTC(2026, 2, 8, 23, 59), '2026-03-08'],
    // New York is UTC−5 until 07:00 UTC on 2026-03-08, then UTC−4.
    ['America/New_York', Date.UTC(2026, 2, 8, 4, 59), '2026-03-07'],
    ['America/New_York', Date.UTC(2026, 2, 8, 5, 0), '2026-03-08'],
    ['America/New_York', Date.UTC(2026, 2, 9, 3, 59), '2026-03-08'],
    ['America/New_York', Date.UTC(2026, 2, 9, 4, 0), '2026-03-09'],
    // Santiago goes from UTC−3 to UTC−4 at 03:00 UTC on 2026-04-05 (midnight, local time).
    ['America/Santiago', Date.UTC(2026, 3, 5, 2, 59), '2026-04-04'],
    ['America/Santiago', Date.UTC(2026, 3, 5, 3, 30), '2026-04-04'],
    ['America/Santiago', Date.UTC(2026, 3, 5, 4, 0), '2026-04-05'],
    // Lord Howe goes from UTC+10:30 to +11 at 15:30 UTC on 2026-10-03, 02:00 local.
    ['Australia/Lord_Howe', Date.UTC(2026, 9, 3, 13, 29), '2026-10-03'],
    ['Australia/Lord_Howe', Date.UTC(2026, 9, 3, 13, 30), '2026-10-04'],
    // Half-hour and +14 offsets.
    ['Asia/Kolkata', Date.UTC(2026, 1, 28, 18, 29), '2026-02-28'],
    ['Asia/Kolkata', Date.UTC(2026, 1, 28, 18, 30), '2026-03-01'],
    ['Pacific/Kiritimati', Date.UTC(2024, 1, 28, 10), '2024-02-29'],
  ])('in %s, %d is on %s', (zone, time, date) => {
    expect(formatDay(createDayCounter(zone)(time))).toBe(date);
  });

  it('counts days 1024 apart, one each side of a change of offset, in either order', () => {
    // New York: UTC−5 on 2026-01-15, UTC−4 on 2028-11-04 (until the 5th); the counter keeps the
    // offsets of days 1024 apart in the same place, so the second must not take the first's.
    const winter = Date.UTC(2026, 0, 15, 4, 30);
    const summer = winter + 1024 * 86_400_000;
    for (const [first, second, date] of [
      [winter, summer, '2028-11-04'],
      [summer, winter, '2026-01-14'],
    ] as const) {
      const dayOf = createDayCounter('America/New_York');
      dayOf(first);
      expect(formatDay(dayOf(second))).toBe(date);
    }
  });
});

describe('mondayOf', () => {
  const day = (text: string) => parseLeanKitDate(text) / 86_400_000;

  it.each([
    ['2026-03-01', '2026-02-23'],
    ['2026-03-02', '2026-03-02'],
    ['2026-03-08', '2026-03-02'],
    ['1970-01-01', '1969-12-29'],
  ])('the week of %s starts %s', (date, monday) => {
    expect(formatDay(mondayOf(day(date)))).toBe(monday);
  });
});
