import { checkFileNamePattern, isWindowsReservedName } from '../files';
import { isFormat } from '../formats';
import { findReportSummary } from '../reportList';
import { isSnapshotOutput } from '../snapshot/snapshotOutputs';
import type { ScheduleSetup, ScheduleWhat, ScheduleWhen, ScheduleWhere, Weekday } from './schedule';

/** The part of the form a problem is about, so the options page shows it beside that field. */
export type ScheduleField = 'name' | 'what' | 'when' | 'timeZone' | 'folder' | 'fileNamePattern';

export interface ScheduleProblem {
  field: ScheduleField;
  message: string;
}

const MAX_NAME = 80;
const MAX_FOLDER = 120;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const FOLDER_PART = /^[A-Za-z0-9 ._-]+$/;

/**
 * Checks a schedule's setup, from the options page or a message (so its shape is checked too), and
 * returns what is wrong with it, field by field, in words; an empty list when it can be saved.
 */
export function checkSchedule(value: unknown): ScheduleProblem[] {
  const setup = (typeof value === 'object' && value !== null ? value : {}) as Partial<
    Record<keyof ScheduleSetup, unknown>
  >;
  const problems: ScheduleProblem[] = [];
  const add = (field: ScheduleField, message: string | null) => {
    if (message !== null) problems.push({ field, message });
  };
  add('name', nameProblem(setup.name));
  add('what', whatProblem(setup.what));
  add('when', whenProblem(setup.when));
  add('timeZone', timeZoneProblem(setup.timeZone));
  const where = (
    typeof setup.where === 'object' && setup.where !== null ? setup.where : {}
  ) as Partial<Record<keyof ScheduleWhere, unknown>>;
  add('folder', folderProblem(where.folder));
  add('fileNamePattern', patternProblem(where.fileNamePattern, where.keep));
  return problems;
}

function nameProblem(name: unknown): string | null {
  if (typeof name !== 'string' || name.trim() === '') return 'Give the schedule a name.';
  if (name.length > MAX_NAME) return `Keep the name to ${MAX_NAME} characters.`;
  return null;
}

function whatProblem(what: unknown): string | null {
  const value = (typeof what === 'object' && what !== null ? what : {}) as Partial<
    Record<string, unknown>
  > & { kind?: ScheduleWhat['kind'] };
  switch (value.kind) {
    case 'preset':
      return isText(value.presetId) ? null : 'Choose a preset to export.';
    case 'report':
      if (!isText(value.reportId) || !findReportSummary(value.reportId)) {
        return 'Choose a report to export.';
      }
      if (!isFormat(value.format)) return 'Choose a format.';
      return boardsProblem(value.boardIds);
    case 'snapshot':
      if (!isSnapshotOutput(value.output)) {
        return 'Choose the snapshot file: an Excel workbook, or CSV files in a .zip.';
      }
      return boardsProblem(value.boardIds);
    default:
      return 'Choose what to export: a preset, a report or a board snapshot.';
  }
}

function boardsProblem(boardIds: unknown): string | null {
  return Array.isArray(boardIds) && boardIds.every(isText)
    ? null
    : 'Choose the boards to export, or all boards.';
}

function whenProblem(when: unknown): string | null {
  const value = (typeof when === 'object' && when !== null ? when : {}) as Partial<
    Record<string, unknown>
  > & { every?: ScheduleWhen['every'] };
  switch (value.every) {
    case 'hour':
      return Number.isInteger(value.minute) &&
        (value.minute as number) >= 0 &&
        (value.minute as number) <= 59
        ? null
        : 'Enter the minutes past the hour, from 0 to 59.';
    case 'week':
      if (!isWeekday(value.day)) return 'Choose the day of the week.';
      return timeProblem(value.time);
    case 'day':
    case 'weekday':
      return timeProblem(value.time);
    default:
      return 'Choose how often: every hour, every day, Monday to Friday, or once a week.';
  }
}

function timeProblem(time: unknown): string | null {
  return typeof time === 'string' && TIME.test(time)
    ? null
    : 'Enter the time as hours and minutes, for example 07:30.';
}

function isWeekday(day: unknown): day is Weekday {
  return Number.isInteger(day) && (day as number) >= 0 && (day as number) <= 6;
}

function timeZoneProblem(timeZone: unknown): string | null {
  if (typeof timeZone !== 'string' || timeZone === '') return 'Choose a time zone.';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return null;
  } catch {
    return `This browser does not know the time zone "${timeZone}".`;
  }
}

/**
 * A folder inside the downloads folder, as the browser's downloads take it: relative, parts
 * separated by `/`, none of them `.` or `..` (the browser refuses to leave the downloads folder),
 * a name Windows reserves, or a name ending in a dot or space (Windows drops those).
 */
export function folderProblem(folder: unknown): string | null {
  if (typeof folder !== 'string')
    return 'Enter a folder, or leave it empty for the downloads folder.';
  if (folder === '') return null;
  if (folder.length > MAX_FOLDER) return `Keep the folder to ${MAX_FOLDER} characters.`;
  if (folder.startsWith('/') || folder.includes('\\') || folder.includes(':')) {
    return 'Enter a folder inside the downloads folder, such as LeanKit/weekly, without a drive or a leading /.';
  }
  for (const part of folder.split('/')) {
    if (part === '' || part === '.' || part === '..') {
      return 'Separate folder names with a single /, and leave out . and .. (the files stay inside the downloads folder).';
    }
    if (!FOLDER_PART.test(part)) {
      return 'Folder names may use letters, digits, spaces, dots, dashes and underscores.';
    }
    if (/[. ]$/.test(part) || part.startsWith(' ')) {
      return 'A folder name cannot start with a space or end with a dot or a space.';
    }
    if (isWindowsReservedName(part))
      return `Windows keeps the name "${part}" for a device: choose another folder name.`;
  }
  return null;
}

function patternProblem(pattern: unknown, keep: unknown): string | null {
  if (typeof pattern !== 'string') return 'Enter a file name pattern.';
  const problem = checkFileNamePattern(pattern);
  if (problem) return problem;
  if (keep !== 'replace' && keep !== 'each-run') {
    return 'Choose whether each run replaces the previous file or keeps its own.';
  }
  if (keep === 'replace' && /\{(date|time)\}/.test(pattern)) {
    return 'To replace the previous file, leave {date} and {time} out of the file name pattern: with them every run gets a new name.';
  }
  return null;
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}
