import {
  deletePreset,
  duplicatePreset,
  exportPresets,
  importPresets,
  renamePreset,
  savePreset,
} from '@/lib/recipes/presetChanges';
import { listPresets, watchPresets } from '@/lib/recipes/savedPresets';
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
