import { LeanKitError, toErrorInfo } from '../errors';
import { checkPreset, type PresetContent } from './checkPreset';
import { freeName, sameName } from './presetNames';
import type { Preset } from './recipe';

/** The presets file's marker and version: `{ "leankitExporterPresets": 1, "presets": [...] }`. */
const MARKER = 'leankitExporterPresets';
const VERSION = 1;

/** What an import did: each preset imported (and its name in the file, if it was renamed), each refused and why. */
export interface PresetImport {
  imported: { name: string; renamedFrom?: string }[];
  refused: { name: string; reason: string }[];
}

/** What a presets file adds to the existing presets: the presets to save, and those refused. */
export interface PresetFilePlan {
  add: { preset: PresetContent; renamedFrom?: string }[];
  refused: PresetImport['refused'];
}

/**
 * The text of a presets file, for a team to share. Ids stay out: they name presets in one user's
 * storage only. Board ids stay in: they are the account's, the same for everyone on it.
 */
export function writePresetFile(presets: readonly Preset[]): string {
  const file = {
    [MARKER]: VERSION,
    presets: presets.map(({ name, reportId, format, boardIds, recipe }) => ({
      name,
      reportId,
      format,
      boardIds,
      recipe,
    })),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * Reads a presets file against the presets there are. Each entry is checked strictly (lib/recipes/
 * checkPreset.ts) and refused, with the reason, when malformed. An entry with a name already in
 * use (case aside) is skipped when it is the same preset, and otherwise added as
 * "<name> (imported)". Throws, adding nothing, when the text is not a presets file at all.
 */
export function readPresetFile(text: string, existing: readonly Preset[]): PresetFilePlan {
  const entries = presetEntries(text);
  const plan: PresetFilePlan = { add: [], refused: [] };
  const known: PresetContent[] = existing.map(({ id: _id, ...content }) => content);
  entries.forEach((entry, index) => {
    let preset: PresetContent;
    try {
      preset = checkPreset(entry);
    } catch (cause) {
      plan.refused.push({ name: entryName(entry, index), reason: toErrorInfo(cause).message });
      return;
    }
    const namesake = known.find((other) => sameName(other.name, preset.name));
    if (namesake && sameSettings(namesake, preset)) {
      plan.refused.push({
        name: preset.name,
        reason: 'A preset with this name and the same settings is already there.',
      });
      return;
    }
    if (namesake) {
      const renamed = freeName(
        preset.name,
        'imported',
        known.map((other) => other.name),
      );
      plan.add.push({ preset: { ...preset, name: renamed }, renamedFrom: preset.name });
      known.push({ ...preset, name: renamed });
      return;
    }
    plan.add.push({ preset });
    known.push(preset);
  });
  return plan;
}

function presetEntries(text: string): unknown[] {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    throw notAPresetsFile();
  }
  if (typeof file !== 'object' || file === null || !(MARKER in file)) throw notAPresetsFile();
  const { [MARKER]: version, presets } = file as Record<string, unknown>;
  if (version !== VERSION) {
    throw new LeanKitError(
      'bad-request',
      'This presets file was written by a newer version of LeanKit Exporter. Update the extension, then import it again.',
    );
  }
  if (!Array.isArray(presets)) throw notAPresetsFile();
  return presets;
}

function notAPresetsFile(): LeanKitError {
  return new LeanKitError(
    'bad-request',
    'This is not a LeanKit Exporter presets file. Choose a file exported from the presets list.',
  );
}

/** An entry's name for the report: its own, if it has a readable one. */
function entryName(entry: unknown, index: number): string {
  const name = (entry as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name.trim() !== ''
    ? name.trim()
    : `Preset ${index + 1} of the file`;
}

/** Same report, format, boards and recipe: the same preset under another spelling of its name. */
function sameSettings(a: PresetContent, b: PresetContent): boolean {
  const settings = ({ reportId, format, boardIds, recipe }: PresetContent) =>
    canonical({ reportId, format, boardIds, recipe });
  return settings(a) === settings(b);
}

/** JSON with object keys in order, so that equal values compare equal as text. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    typeof inner === 'object' && inner !== null && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}
