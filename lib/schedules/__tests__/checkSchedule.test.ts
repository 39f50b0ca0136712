import { describe, expect, it } from 'vitest';
import { checkSchedule, folderProblem } from '../checkSchedule';
import type { ScheduleSetup } from '../schedule';

const valid: ScheduleSetup = {
  name: 'weekly cards',
  what: { kind: 'report', reportId: 'cards', format: 'csv', boardIds: [] },
  when: { every: 'week', day: 1, time: '07:30' },
  timeZone: 'Europe/Berlin',
  where: { folder: 'LeanKit/weekly', fileNamePattern: 'cards-{board}', keep: 'replace' },
};

describe('checkSchedule', () => {
  it('passes a complete schedule', () => {
    expect(checkSchedule(valid)).toEqual([]);
  });

  it.each<ScheduleSetup['what']>([
    { kind: 'snapshot', output: 'xlsx', boardIds: ['101', '102'] },
    { kind: 'snapshot', output: 'csv-zip', boardIds: [] },
    { kind: 'report', reportId: 'lanes', format: 'xlsx', boardIds: ['101'] },
  ])('passes what to export: %j', (what) => {
    expect(checkSchedule({ ...valid, what })).toEqual([]);
  });

  it.each<[string, unknown, string, string]>([
    ['no name', { ...valid, name: '  ' }, 'name', 'Give the schedule a name.'],
    ['a long name', { ...valid, name: 'x'.repeat(81) }, 'name', 'Keep the name to 80 characters.'],
    [
      'no preset',
      { ...valid, what: { kind: 'preset', presetId: '' } },
      'what',
      'Choose a preset to export.',
    ],
    [
      'an unknown report',
      { ...valid, what: { ...valid.what, reportId: 'nope' } },
      'what',
      'Choose a report to export.',
    ],
    [
      'an unknown format',
      { ...valid, what: { ...valid.what, format: 'xml' } },
      'what',
      'Choose a format.',
    ],
    [
      'boards not a list',
      { ...valid, what: { ...valid.what, boardIds: '1' } },
      'what',
      'Choose the boards to export, or all boards.',
    ],
    [
      'a snapshot without its file',
      { ...valid, what: { kind: 'snapshot', output: 'pdf', boardIds: [] } },
      'what',
      'Choose the snapshot file: an Excel workbook, or CSV files in a .zip.',
    ],
    [
      'a snapshot whose boards are not a list',
      { ...valid, what: { kind: 'snapshot', output: 'xlsx', boardIds: [1] } },
      'what',
      'Choose the boards to export, or all boards.',
    ],
    [
      'nothing to export',
      { ...valid, what: undefined },
      'what',
      'Choose what to export: a preset, a report or a board snapshot.',
    ],
    [
      'a time of 24:00',
      { ...valid, when: { every: 'day', time: '24:00' } },
      'when',
      'Enter the time as hours and minutes, for example 07:30.',
    ],
    [
      'a time without a leading zero',
      { ...valid, when: { every: 'weekday', time: '7:30' } },
      'when',
      'Enter the time as hours and minutes, for example 07:30.',
    ],
    [
      'a day 7',
      { ...valid, when: { every: 'week', day: 7, time: '07:30' } },
      'when',
      'Choose the day of the week.',
    ],
    [
      'minute 60',
      { ...valid, when: { every: 'hour', minute: 60 } },
      'when',
      'Enter the minutes past the hour, from 0 to 59.',
    ],
    [
      'monthly',
      { ...valid, when: { every: 'month' } },
      'when',
      'Choose how often: every hour, every day, Monday to Friday, or once a week.',
    ],
    [
      'an unknown time zone',
      { ...valid, timeZone: 'Mars/Olympus' },
      'timeZone',
      'This browser does not know the time zone "Mars/Olympus".',
    ],
    [
      'a pattern with an unknown part',
      { ...valid, where: { ...valid.where, fileNamePattern: 'x-{nope}' } },
      'fileNamePattern',
      '{nope} is not a name part. Use {account} {report} {board} {date} {time} {format}.',
    ],
    [
      'replace with a date in the name',
      { ...valid, where: { ...valid.where, fileNamePattern: 'cards-{date}' } },
      'fileNamePattern',
      'To replace the previous file, leave {date} and {time} out of the file name pattern: with them every run gets a new name.',
    ],
    [
      'no choice of keeping',
      { ...valid, where: { ...valid.where, keep: 'maybe' } },
      'fileNamePattern',
      'Choose whether each run replaces the previous file or keeps its own.',
    ],
  ])('%s', (_name, setup, field, message) => {
    expect(checkSchedule(setup)).toEqual([{ field, message }]);
  });

  it('keeps each run with a dated name', () => {
    const each = {
      ...valid,
      where: { ...valid.where, fileNamePattern: 'cards-{date}-{time}', keep: 'each-run' },
    };
    expect(checkSchedule(each)).toEqual([]);
  });

  it('says everything wrong with something that is not a schedule at all', () => {
    expect(checkSchedule(null).map((problem) => problem.field)).toEqual([
      'name',
      'what',
      'when',
      'timeZone',
      'folder',
      'fileNamePattern',
    ]);
  });
});

describe('folderProblem', () => {
  it.each(['', 'LeanKit', 'LeanKit/weekly', 'Reports 2026/team_a.v2'])('takes "%s"', (folder) => {
    expect(folderProblem(folder)).toBeNull();
  });

  it.each<[string, string]>([
    [
      '/etc',
      'Enter a folder inside the downloads folder, such as LeanKit/weekly, without a drive or a leading /.',
    ],
    [
      'C:/Users',
      'Enter a folder inside the downloads folder, such as LeanKit/weekly, without a drive or a leading /.',
    ],
    [
      'LeanKit\\weekly',
      'Enter a folder inside the downloads folder, such as LeanKit/weekly, without a drive or a leading /.',
    ],
    [
      '../outside',
      'Separate folder names with a single /, and leave out . and .. (the files stay inside the downloads folder).',
    ],
    [
      'LeanKit//weekly',
      'Separate folder names with a single /, and leave out . and .. (the files stay inside the downloads folder).',
    ],
    [
      'LeanKit/',
      'Separate folder names with a single /, and leave out . and .. (the files stay inside the downloads folder).',
    ],
    ['Lean*Kit', 'Folder names may use letters, digits, spaces, dots, dashes and underscores.'],
    ['LeanKit./x', 'A folder name cannot start with a space or end with a dot or a space.'],
    [' LeanKit', 'A folder name cannot start with a space or end with a dot or a space.'],
    ['LeanKit/con', 'Windows keeps the name "con" for a device: choose another folder name.'],
    ['x'.repeat(121), 'Keep the folder to 120 characters.'],
  ])('turns away "%s"', (folder, message) => {
    expect(folderProblem(folder)).toBe(message);
  });
});
