import { flowSettingsItem } from '../storage/items';
import { updateItem } from '../storage/updateItem';
import { type FlowSettings, readFlowSettings } from './flowSettings';

/** Where the Flow charts page remembers each board's workflow settings. */
export interface FlowSettingsStore {
  load(boardId: string): Promise<FlowSettings>;
  save(boardId: string, settings: FlowSettings): Promise<void>;
}

/** The settings in extension storage, one entry per board. */
export const storedFlowSettings: FlowSettingsStore = {
  async load(boardId) {
    const all = await flowSettingsItem.getValue();
    return readFlowSettings(Object.hasOwn(all, boardId) ? all[boardId] : undefined);
  },
  save(boardId, settings) {
    return updateItem(flowSettingsItem, (all) => ({ ...all, [boardId]: settings }));
  },
};
