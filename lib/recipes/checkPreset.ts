import { LeanKitError } from '../errors';
import { isFormat } from '../formats';
import { findReport } from '../reports';
import { checkRecipe } from './checkRecipe';
import { type Preset, recipeFormatProblem } from './recipe';

/** Longer names would not fit the popup's select, nor be told apart in it. */
export const PRESET_NAME_MAX = 80;

/** A preset without its id: what the user defines, what a presets file carries. */
export type PresetContent = Omit<Preset, 'id'>;

/** A preset name as kept: trimmed, not empty, not too long. Refused with a sentence otherwise. */
export function checkPresetName(value: unknown): string {
  const name = typeof value === 'string' ? value.trim() : '';
  if (name === '') refuse('Give the preset a name.');
  if (name.length > PRESET_NAME_MAX) {
    refuse(`A preset name can be at most ${PRESET_NAME_MAX} characters long.`);
  }
  return name;
}

/**
 * Checks a preset that came from outside the code (sync storage, a file, a page) and returns a
 * copy holding only what a preset defines (an `id`, if any, is the caller's business). A malformed
 * one is refused with a `bad-request` error saying what is wrong.
 */
export function checkPreset(value: unknown): PresetContent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    refuse('The preset is not in a form this version understands.');
  }
  const preset = value as Record<string, unknown>;
  const unknown = Object.keys(preset).find((key) => !PRESET_FIELDS.includes(key));
  if (unknown !== undefined)
    refuse(`The preset: "${unknown}" is not something this version knows.`);
  const name = checkPresetName(preset.name);
  const { reportId, format, boardIds } = preset;
  if (typeof reportId !== 'string' || !findReport(reportId)) {
    refuse(`There is no report called "${String(reportId)}".`);
  }
  if (typeof format !== 'string' || !isFormat(format)) {
    refuse(`"${String(format)}" is not a format LeanKit serves.`);
  }
  if (!Array.isArray(boardIds) || !boardIds.every((id) => typeof id === 'string' && id !== '')) {
    refuse('The preset’s boards must be a list of board ids.');
  }
  const recipe = checkRecipe(preset.recipe ?? {}, reportId);
  const problem = recipeFormatProblem(format, recipe);
  if (problem) refuse(problem);
  return { name, reportId, format, boardIds: [...boardIds], recipe };
}

const PRESET_FIELDS = ['id', 'name', 'reportId', 'format', 'boardIds', 'recipe'];

function refuse(message: string): never {
  throw new LeanKitError('bad-request', message);
}
