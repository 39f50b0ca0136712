import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { Preset } from '@/lib/recipes/recipe';
import { PresetSelect } from './PresetSelect';
import type { PresetStore } from './presetStore';

/** Where results are told: a polite live region, or an alert for failures. */
export interface Say {
  polite: (text: string) => void;
  alert: (text: string) => void;
}

/**
 * The page's presets: choose one, save what the page shows under a name, rename, duplicate or
 * delete (after a confirmation) the chosen one, and export or import presets as a JSON file.
 */
export function PresetManager({
  store,
  presets,
  selected,
  name,
  onName,
  current,
  unsaved,
  onSelect,
  say,
}: {
  store: PresetStore;
  presets: readonly Preset[];
  selected: Preset | undefined;
  /** The "Preset name" box: the chosen preset's name until the user types another. */
  name: string;
  onName: (name: string) => void;
  /** The preset the page shows, without id and name; a sentence when it cannot be saved. */
  current: () => Omit<Preset, 'id' | 'name'> | string;
  /** Whether the page differs from the chosen preset as saved. */
  unsaved: boolean;
  onSelect: (preset: Preset | null) => void;
  say: Say;
}) {
  // The preset whose deletion waits for a yes: a confirmation never carries over to another preset.
  const confirming = useSignal<string | null>(null);
  const select = useRef<HTMLSelectElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming.value) confirmButton.current?.focus();
  }, [confirming.value]);

  /** Runs a store change, telling its failure in the alert region. */
  async function attempt(work: () => Promise<void>) {
    try {
      await work();
    } catch (cause) {
      say.alert(cause instanceof Error ? cause.message : String(cause));
    }
  }

  const save = () =>
    attempt(async () => {
      const recipe = current();
      if (typeof recipe === 'string') return say.alert(recipe);
      // The chosen preset under its own name is updated; any other name saves a new preset.
      const id = selected && selected.name === name.trim() ? selected.id : undefined;
      const saved = await store.save({ ...recipe, name }, id);
      onSelect(saved);
      say.polite(`Saved preset “${saved.name}”.`);
    });

  const rename = (preset: Preset) =>
    attempt(async () => {
      const renamed = await store.rename(preset.id, name);
      onSelect(renamed);
      say.polite(`Renamed preset “${preset.name}” to “${renamed.name}”.`);
    });

  const duplicate = (preset: Preset) =>
    attempt(async () => {
      const copy = await store.duplicate(preset.id);
      onSelect(copy);
      say.polite(`Duplicated preset “${preset.name}” as “${copy.name}”.`);
    });

  const remove = (preset: Preset) =>
    attempt(async () => {
      await store.remove(preset.id);
      confirming.value = null;
      onSelect(null);
      select.current?.focus();
      say.polite(`Deleted preset “${preset.name}”.`);
    });

  const exportAll = () =>
    attempt(async () => {
      const text = await store.exportJson();
      const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = 'leankit-exporter-presets.json';
      link.click();
      // The download has its own copy once it starts; the page does not need the URL after.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      say.polite(
        `Exported ${presets.length} ${presets.length === 1 ? 'preset' : 'presets'} to leankit-exporter-presets.json.`,
      );
    });

  const importFile = (file: File) =>
    attempt(async () => {
      const { imported, refused } = await store.importJson(await file.text());
      say.polite(
        imported.length === 0
          ? 'No presets imported.'
          : `Imported ${imported.length} ${imported.length === 1 ? 'preset' : 'presets'}: ${imported
              .map((entry) =>
                entry.renamedFrom
                  ? `${entry.name} (renamed from ${entry.renamedFrom})`
                  : entry.name,
              )
              .join(', ')}.`,
      );
      if (refused.length > 0) {
        say.alert(
          `Not imported: ${refused.map((entry) => `${entry.name} (${entry.reason})`).join('; ')}.`,
        );
      }
    });

  return (
    <section class="presets" aria-labelledby="presets-title">
      <h2 id="presets-title">Presets</h2>
      <div class="preset-row">
        <PresetSelect
          id="preset"
          presets={presets}
          value={selected?.id ?? ''}
          onChange={onSelect}
          selectRef={select}
        />
        {/* Present from the start, so that screen readers hear it come and go. */}
        <span role="status" class="unsaved">
          {unsaved ? 'Unsaved changes' : ''}
        </span>
      </div>
      <div class="preset-row">
        <label for="preset-name">Preset name</label>
        <input
          id="preset-name"
          type="text"
          value={name}
          onInput={(event) => onName(event.currentTarget.value)}
        />
      </div>
      <div class="preset-actions">
        <button type="button" class="primary" onClick={() => void save()}>
          Save preset
        </button>
        {selected && (
          <>
            <button type="button" onClick={() => void rename(selected)}>
              Rename preset
            </button>
            <button type="button" onClick={() => void duplicate(selected)}>
              Duplicate preset
            </button>
            <button
              type="button"
              ref={deleteButton}
              aria-expanded={confirming.value === selected.id}
              onClick={() => {
                confirming.value = selected.id;
              }}
            >
              Delete preset
            </button>
          </>
        )}
      </div>
      {selected && confirming.value === selected.id && (
        <div class="notice confirm">
          <p id="confirm-delete">Delete the preset “{selected.name}”? This cannot be undone.</p>
          <button type="button" ref={confirmButton} onClick={() => void remove(selected)}>
            Delete “{selected.name}”
          </button>
          <button
            type="button"
            onClick={() => {
              confirming.value = null;
              deleteButton.current?.focus();
            }}
          >
            Keep it
          </button>
        </div>
      )}
      <div class="preset-actions">
        <button type="button" onClick={() => void exportAll()} disabled={presets.length === 0}>
          Export presets
        </button>
        <label class="file">
          <span>Import presets</span>
          <input
            type="file"
            accept=".json,application/json"
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              event.currentTarget.value = '';
              if (file) void importFile(file);
            }}
          />
        </label>
      </div>
    </section>
  );
}
