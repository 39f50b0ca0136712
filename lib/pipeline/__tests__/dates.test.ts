import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createZoneConverter, isKnownTimeZone, parseUtcDateTime, resolveTimeZone } from '../dates';

describe('createZoneConverter', () => {
  it.each([
    ['Europe/Paris', '2026-01-15 12:00:00.0000000', '2026-01-15 13:00:00.0000000'],
    ['Europe/Paris', '2026-07-15 12:00:00', '2026-07-15 14:00:00'],
    ['America/New_York', '2026-01-01 03:30:15.1230000', '2025-12-31 22:30:15.1230000'],
    ['Asia/Kolkata', '2026-02-28 20:00:00.5', '2026-03-01 01:30:00.5'],
    ['Australia/Lord_Howe', '2026-01-10 00:00:00', '2026-01-10 11:00:00'],
    ['Pacific/Kiritimati', '2024-02-28 12:00:00', '2024-02-29 02:00:00'],
    // Daylight saving time in Paris starts at 01:00 UTC on 2026-03-29 and ends at 01:00 UTC on 2026-10-25.
    ['Europe/Paris', '2026-03-29 00:59:59.9990000', '2026-03-29 01:59:59.9990000'],
    ['Europe/Paris', '2026-03-29 01:00:00.0000000', '2026-03-29 03:00:00.0000000'],
    ['Europe/Paris', '2026-10-25 00:59:59', '2026-10-25 02:59:59'],
    ['Europe/Paris', '2026-10-25 01:00:00', '2026-10-25 02:00:00'],
    // New York springs forward at 07:00 UTC on 2026-03-08.
    ['America/New_York', '2026-03-08 06:30:00', '2026-03-08 01:30:00'],
    ['America/New_York', '2026-03-08 07:30:00', '2026-03-08 03:30:00'],
    ['UTC', '2026-03-08 07:30:00', '2026-03-08 07:30:00'],
    ['Europe/Paris', '2026-01-15T12:00:00Z', '2026-01-15 13:00:00'],
  ])('%s: %s → %s', (zone, utc, local) => {
    expect(createZoneConverter(zone)(utc)).toBe(local);
  });

  it.each(['', '2026-01-15', 'not a date', '=1+1', '2026-01-15 12:00'])(
    'leaves %j as it is',
    (text) => {
      expect(createZoneConverter('Europe/Paris')(text)).toBe(text);
    },
  );

  it.each(['Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham'])(
    '%s: agrees with Intl at every hour of 2026, minutes and fraction kept',
    (zone) => {
      const convert = createZoneConverter(zone);
      const intl = new Intl.DateTimeFormat('sv-SE', {
        timeZone: zone,
        dateStyle: 'short',
        timeStyle: 'medium',
      });
      for (let hour = 0; hour < 365 * 24; hour += 1) {
        const time = Date.UTC(2026, 0, 1) + hour * 3_600_000 + 17 * 60_000 + 42_000;
        const utc = new Date(time).toISOString().replace('T', ' ').slice(0, 19);
        expect(convert(`${utc}.1234567`)).toBe(`${intl.format(time)}.1234567`);
      }
    },
  );

  it('agrees with Intl minute by minute across a transition inside a UTC hour (Adelaide, UTC+10:30 → +9:30)', () => {
    const convert = createZoneConverter('Australia/Adelaide');
    const intl = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Australia/Adelaide',
      dateStyle: 'short',
      timeStyle: 'medium',
    });
    // Adelaide ends DST at 03:00 local on 2026-04-05: 16:30 UTC on 2026-04-04.
    for (let minute = -90; minute <= 90; minute += 1) {
      const time = Date.UTC(2026, 3, 4, 16, 30) + minute * 60_000;
      const utc = new Date(time).toISOString().replace('T', ' ').slice(0, 19);
      expect(convert(utc)).toBe(intl.format(time));
    }
  });
  it.each([
    ['Europe/Paris', '2026-01-15 12:34:56.1234567', '2026-01-15 13'],
    ['Europe/Paris', '2026-07-15 23:00:00', '2026-07-16 01'],
    ['America/New_York', '2026-01-01 03:30:15.5', '2025-12-31 22'],
    // The first UTC hour of Paris summer time, on the day it starts.
    ['Europe/Paris', '2026-03-29 01:00:00', '2026-03-29 03'],
    // Where the shortcut does not hold: an offset of half an hour, a change within the hour.
    ['Asia/Kolkata', '2026-01-15 12:00:00', ''],
    ['Australia/Adelaide', '2026-04-04 16:30:00', ''],
    // Other shapes than LeanKit's own.
    ['Europe/Paris', '2026-01-15T12:00:00', ''],
    ['Europe/Paris', '2026-01-15 12:00:00Z', ''],
    ['Europe/Paris', '2026-01-15 12:00:00.', ''],
    ['Europe/Paris', '2026-01-15 12:00:00.12a', ''],
    ['Europe/Paris', '2026-01-15 12:00', ''],
    ['Europe/Paris', '2026-13-15 12:00:00', ''],
    ['Europe/Paris', '2026-01-15 24:00:00', ''],
    ['Europe/Paris', '2026-01-15', ''],
    ['Europe/Paris', '', ''],
  ])('%s: the local hour of %j where it lies in a record is %j', (zone, cell, local) => {
    const record = `"x","${cell}","9"`;
    const start = record.indexOf(cell, 4);
    expect(createZoneConverter(zone).localHour(record, start, start + cell.length)).toBe(local);
  });

  it('keeps no chunk of the report alive, whatever the hours it has converted', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const convert = createZoneConverter('Europe/Paris');
    const chunks = 300;
    const chunkLength = 50_000;
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let hour = 0; hour < chunks; hour++) {
      const utc = new Date(Date.UTC(2026, 0, 1) + hour * 3_600_000).toISOString();
      const cell = `${utc.replace('T', ' ').slice(0, 19)}.1234567`;
      // A chunk of the report as the decoder makes it: one string, the cell a slice of it.
      const chunk = [cell, 'é'.repeat(chunkLength)].join('');
      expect(convert(chunk.slice(0, cell.length))).toMatch(/^2026-/);
    }
    gc();
    const kept = process.memoryUsage().heapUsed - before;
    // The chunks together are chunks × chunkLength bytes (one byte a character); a tenth of that
    // would already be far more than the converter's own tables.
    expect(kept).toBeLessThan((chunks * chunkLength) / 10);
  });
});

describe('time zones', () => {
  it('resolves local to this computer’s zone', () => {
    expect(resolveTimeZone('local')).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(resolveTimeZone('Europe/Paris')).toBe('Europe/Paris');
  });

  it.each([
    ['Europe/Paris', true],
    ['UTC', true],
    ['Mars/Olympus_Mons', false],
  ])('%s is known: %s', (zone, known) => {
    expect(isKnownTimeZone(zone)).toBe(known);
  });
});

describe('parseUtcDateTime', () => {
  it.each([
    ['2019-04-15 19:05:14.9070000', Date.UTC(2019, 3, 15, 19, 5, 14, 907)],
    ['2019-04-15 19:05:14', Date.UTC(2019, 3, 15, 19, 5, 14)],
    ['2019-04-15T19:05:14Z', Date.UTC(2019, 3, 15, 19, 5, 14)],
    ['2019-04-15', Number.NaN],
    ['', Number.NaN],
  ])('%j', (text, time) => {
    expect(parseUtcDateTime(text)).toBe(time);
  });
});
