import { findReport, isFormat } from '../reports';
import { updateItem } from '../storage/updateItem';
import type { Preset } from './recipe';
import { listPresets, savedPresetsItem } from './savedPresets';

// Save, rename, duplicate, delete, and a JSON file's text to share presets. Failures throw an
// Error whose message is for the user.

/** Saves a new preset (no id), or replaces the one with that id. Names are unique. */
export async function savePreset(content: Omit<Preset, 'id'>, id?: string): Promise<Preset> {
  const name = checkedName(content.name);
  const saved: Preset = { ...content, name, id: id ?? crypto.randomUUID() };
  await change((all) => {
    refuseTakenName(all, name, saved.id);
    return [...all.filter((other) => other.id !== saved.id), saved];
  });
  return saved;
}

export async function renamePreset(id: string, name: string): Promise<Preset> {
  const preset = await found(id);
  const { id: _id, ...content } = preset;
  return savePreset({ ...content, name }, id);
}

/** A copy under the first free name "<name> (copy)", "<name> (copy 2)"… */
export async function duplicatePreset(id: string): Promise<Preset> {
  const preset = await found(id);
  const taken = new Set((await savedPresetsItem.getValue()).map((other) => other.name));
  let name = `${preset.name} (copy)`;
  for (let n = 2; taken.has(name); n++) name = `${preset.name} (copy ${n})`;
  const { id: _old, ...copy } = preset;
  return savePreset({ ...copy, name });
}

export async function deletePreset(id: string): Promise<void> {
  await change((all) => all.filter((preset) => preset.id !== id));
}

/** Every preset as the text of a JSON file. */
export async function exportPresets(): Promise<string> {
  const presets = (await listPresets()).map(({ id: _id, ...preset }) => preset);
  return `${JSON.stringify({ leankitExporterPresets: 1, presets }, null, 2)}\n`;
}

/** What an import added, and what it refused, with why. */
export interface PresetImport {
  imported: { name: string }[];
  refused: { name: string; reason: string }[];
}

/** Adds the presets of a JSON file made by `exportPresets`; a name already in use is refused. */
export async function importPresets(text: string): Promise<PresetImport> {
  let entries: unknown;
  try {
    entries = (JSON.parse(text) as { presets?: unknown }).presets;
  } catch {
    throw new Error('This file is not a presets file: it is not JSON.');
  }
  if (!Array.isArray(entries))
    throw new Error('This file is not a presets file: it has no presets.');
  const result: PresetImport = { imported: [], refused: [] };
  await change((all) => {
    const added: Preset[] = [];
    for (const entry of entries as unknown[]) {
      const name = nameOf(entry);
      const reason = refusal(entry, [...all, ...added]);
      if (reason) result.refused.push({ name, reason });
      else {
        added.push({
          ...(entry as Omit<Preset, 'id'>),
          name: name.trim(),
          id: crypto.randomUUID(),
        });
        result.imported.push({ name: name.trim() });
      }
    }
    return [...all, ...added];
  });
  return result;
}

function nameOf(entry: unknown): string {
  const name = (entry as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name.trim() ? name : 'A preset without a name';
}

function refusal(entry: unknown, all: Preset[]): string | undefined {
  if (typeof entry !== 'object' || entry === null) return 'it is not a preset';
  const { name, reportId, format, boardIds, recipe } = entry as Record<string, unknown>;
  if (typeof name !== 'string' || !name.trim()) return 'it has no name';
  if (typeof reportId !== 'string' || !findReport(reportId)) return 'its report is unknown';
  if (!isFormat(format)) return 'its format is unknown';
  if (!Array.isArray(boardIds) || !boardIds.every((id) => typeof id === 'string'))
    return 'its boards are not a list of ids';
  if (typeof recipe !== 'object' || recipe === null) return 'it has no columns and filters';
  if (all.some((other) => other.name === name.trim())) return 'a preset with this name exists';
  return undefined;
}

function checkedName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new Error('Give the preset a name.');
  return trimmed;
}

function refuseTakenName(all: Preset[], name: string, id: string): void {
  if (all.some((other) => other.name === name && other.id !== id)) {
    throw new Error(`A preset named “${name}” already exists. Choose another name.`);
  }
}

async function found(id: string): Promise<Preset> {
  const preset = (await savedPresetsItem.getValue()).find((other) => other.id === id);
  if (!preset) throw new Error('That preset no longer exists. It may have been deleted.');
  return preset;
}

function change(update: (all: Preset[]) => Preset[]): Promise<void> {
  return updateItem(savedPresetsItem, update);
}
