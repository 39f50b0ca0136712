import { storage } from 'wxt/utils/storage';
import { byteSize } from '../byteSize';
import { LeanKitError } from '../errors';
import type { StartExportRequest } from '../messaging';
import { presetIndexItem, presetKey } from '../storage/items';
import { updateItem } from '../storage/updateItem';
import { checkPreset, type PresetContent } from './checkPreset';
import { forgetPresetExports } from './lastExports';
import { type PresetImport, readPresetFile, writePresetFile } from './presetFile';
import { freeName, sameName } from './presetNames';
import type { Preset } from './recipe';

/*
 * Saved presets, for the extension's pages (popup, options, the editor) and the background. They
 * live in sync storage, which pages read directly: no message needed.
 *
 *   listPresets()                 every preset, in the user's order (broken entries left out)
 *   getPreset(id)                 one preset, or undefined
 *   savePreset(content, id?)      new (no id; appended) or updated (id); returns the saved preset
 *   renamePreset(id, name)        returns the renamed preset
 *   duplicatePreset(id)           "<name> (copy)", placed after the original; returns it
 *   deletePreset(id)              also forgets when it last exported
 *   watchPresets(callback)        calls back on any change (here or in another browser); returns unwatch
 *   exportPresets()               the presets file's text (lib/recipes/presetFile.ts)
 *   importPresets(text)           saves what the file holds; returns what was imported and refused
 *   withPreset(request)           (background) an export request with its preset's stored settings
 *
 * To export with a preset, send `startExport` with its `presetId` (lib/messaging.ts): the
 * background exports what is stored under that id.
 *
 * Names are trimmed, not empty, and unique whatever their case. Every failure is a
 * `LeanKitError` whose message can be shown as it is: `bad-request` (a name, a recipe, a size),
 * `not-found` (deleted meanwhile, e.g. in another browser), `disk` (the browser would not store it).
 */

/** Chrome's and Firefox's limit for one sync item: its key and its JSON together. */
export const SYNC_ITEM_BYTES = 8192;

/** Every preset, in the user's order. One that cannot be read (another version wrote it) is left out. */
export async function listPresets(): Promise<Preset[]> {
  const ids = await presetIndexItem.getValue();
  if (ids.length === 0) return [];
  const stored = await storage.getItems(ids.map(presetKey));
  return stored.flatMap(({ value }, index) => {
    const preset = readStored(ids[index] ?? '', value);
    return preset ? [preset] : [];
  });
}

export async function getPreset(id: string): Promise<Preset | undefined> {
  if (!(await presetIndexItem.getValue()).includes(id)) return undefined;
  return readStored(id, await storage.getItem(presetKey(id)));
}

/** Saves a new preset (without `id`) at the end of the list, or replaces the preset `id`. */
export async function savePreset(content: PresetContent, id?: string): Promise<Preset> {
  const checked = checkPreset(content);
  let saved!: Preset;
  await updateItem(presetIndexItem, async (ids) => {
    if (id !== undefined && !ids.includes(id)) throw gone();
    const preset = { id: id ?? crypto.randomUUID(), ...checked };
    const others = (await listPresets()).filter((other) => other.id !== preset.id);
    refuseTakenName(preset.name, others);
    await store([preset], id === undefined ? [...ids, preset.id] : undefined);
    saved = preset;
    return undefined;
  });
  return saved;
}

export async function renamePreset(id: string, name: string): Promise<Preset> {
  const preset = await requirePreset(id);
  return savePreset({ ...withoutId(preset), name }, id);
}

/** A copy named "<name> (copy)" (or "(copy 2)"…), right after the original. */
export async function duplicatePreset(id: string): Promise<Preset> {
  let copy!: Preset;
  await updateItem(presetIndexItem, async (ids) => {
    const all = await listPresets();
    const original = all.find((preset) => preset.id === id);
    if (!original) throw gone();
    copy = {
      ...structuredClone(original),
      id: crypto.randomUUID(),
      name: freeName(
        original.name,
        'copy',
        all.map((preset) => preset.name),
      ),
    };
    const at = ids.indexOf(id) + 1;
    await store([copy], [...ids.slice(0, at), copy.id, ...ids.slice(at)]);
    return undefined;
  });
  return copy;
}

export async function deletePreset(id: string): Promise<void> {
  await updateItem(presetIndexItem, (ids) => ids.filter((other) => other !== id));
  await storage.removeItem(presetKey(id));
  await forgetPresetExports(id);
}

/** The presets file (`{ "leankitExporterPresets": 1, "presets": [...] }`) of every preset. */
export async function exportPresets(): Promise<string> {
  return writePresetFile(await listPresets());
}

/**
 * Saves the presets of a presets file after the existing ones, in one write: duplicates are
 * skipped or renamed (lib/recipes/presetFile.ts), and a preset too large for sync storage is
 * refused. Throws when the file itself cannot be read, saving nothing.
 */
export async function importPresets(text: string): Promise<PresetImport> {
  const result: PresetImport = { imported: [], refused: [] };
  await updateItem(presetIndexItem, async (ids) => {
    const plan = readPresetFile(text, await listPresets());
    result.refused.push(...plan.refused);
    const fitting: Preset[] = [];
    for (const { preset: content, renamedFrom } of plan.add) {
      const preset = { id: crypto.randomUUID(), ...content };
      const tooLarge = sizeProblem(preset);
      if (tooLarge) {
        result.refused.push({ name: preset.name, reason: tooLarge });
        continue;
      }
      fitting.push(preset);
      result.imported.push(
        renamedFrom === undefined ? { name: preset.name } : { name: preset.name, renamedFrom },
      );
    }
    if (fitting.length > 0) await store(fitting, [...ids, ...fitting.map(({ id }) => id)]);
    return undefined;
  });
  return result;
}

/**
 * The export a request asks for: with a `presetId`, the stored preset's report, format, boards and
 * recipe, whatever the request says (a page may show an older copy of it); without, the request.
 */
export async function withPreset(request: StartExportRequest): Promise<StartExportRequest> {
  if (request.presetId === undefined) return request;
  const { id, reportId, format, boardIds, recipe } = await requirePreset(request.presetId);
  return { reportId, format, boardIds, recipe, presetId: id };
}

async function requirePreset(id: string): Promise<Preset> {
  const preset = await getPreset(id);
  if (!preset) throw gone();
  return preset;
}

function readStored(id: string, value: unknown): Preset | undefined {
  try {
    return { id, ...checkPreset(value) };
  } catch {
    return undefined;
  }
}

/** Writes presets (and the new order, when given) in one storage call, each within its limit. */
async function store(presets: Preset[], ids?: string[]): Promise<void> {
  for (const preset of presets) {
    const tooLarge = sizeProblem(preset);
    if (tooLarge) throw new LeanKitError('bad-request', tooLarge);
  }
  const items: { key: `sync:${string}`; value: unknown }[] = presets.map((preset) => ({
    key: presetKey(preset.id),
    value: withoutId(preset),
  }));
  if (ids) items.push({ key: 'sync:presetIndex', value: ids });
  try {
    await storage.setItems(items);
  } catch (cause) {
    throw storageRefusal(cause);
  }
}

/** Why a preset cannot be kept in one sync item, or undefined when it fits. */
function sizeProblem(preset: Preset): string | undefined {
  const key = presetKey(preset.id).slice('sync:'.length);
  const bytes = new TextEncoder().encode(key + JSON.stringify(withoutId(preset))).length;
  if (bytes <= SYNC_ITEM_BYTES) return undefined;
  return `The preset "${preset.name}" is too large to keep (${byteSize(bytes)}; the browser keeps at most ${byteSize(SYNC_ITEM_BYTES)} per preset). Choose fewer columns, lanes or card types.`;
}

function storageRefusal(cause: unknown): LeanKitError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  if (detail.includes('MAX_WRITE_OPERATIONS')) {
    return new LeanKitError(
      'disk',
      'The browser limits how often presets change. Wait a minute, then save again.',
    );
  }
  if (detail.includes('QUOTA_BYTES')) {
    return new LeanKitError(
      'disk',
      'The browser’s room for presets is full. Delete a preset you no longer use, then save again.',
    );
  }
  return new LeanKitError('disk', `The browser would not keep the preset: ${detail}`);
}

function refuseTakenName(name: string, others: readonly Preset[]): void {
  const taken = others.find((other) => sameName(other.name, name));
  if (taken) {
    throw new LeanKitError(
      'bad-request',
      `There is already a preset called "${taken.name}". Choose another name.`,
    );
  }
}

function withoutId({ id: _id, ...content }: Preset): PresetContent {
  return content;
}

function gone(): LeanKitError {
  return new LeanKitError(
    'not-found',
    'That preset no longer exists. It may have been deleted in another window.',
  );
}
