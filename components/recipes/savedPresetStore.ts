import { watchPresets } from '@/lib/recipes/presetList';
import {
  deletePreset,
  duplicatePreset,
  exportPresets,
  importPresets,
  listPresets,
  renamePreset,
  savePreset,
} from '@/lib/recipes/presets';
import type { PresetStore } from './presetStore';

/** The presets in the extension's sync storage, as the pages use them. */
export const savedPresetStore: PresetStore = {
  list: listPresets,
  watch: watchPresets,
  save: savePreset,
  rename: renamePreset,
  duplicate: duplicatePreset,
  remove: deletePreset,
  exportJson: exportPresets,
  importJson: importPresets,
};
