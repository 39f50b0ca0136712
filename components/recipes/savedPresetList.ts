import { listPresetChoices, watchPresets } from '@/lib/recipes/presetList';
import type { PresetList } from './presetStore';

/** The saved presets, listing only: what the popup needs, without the rest in its bundle. */
export const savedPresetList: PresetList = { list: listPresetChoices, watch: watchPresets };
