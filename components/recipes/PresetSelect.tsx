import type { Ref } from 'preact';
import type { Preset } from '@/lib/recipes/recipe';

/** The "Preset" select: "No preset", then every saved preset by name. */
export function PresetSelect({
  id,
  presets,
  value,
  onChange,
  describedBy,
  selectRef,
}: {
  id: string;
  presets: readonly Preset[];
  /** The chosen preset's id; empty for none. */
  value: string;
  onChange: (preset: Preset | null) => void;
  describedBy?: string;
  selectRef?: Ref<HTMLSelectElement>;
}) {
  return (
    <>
      <label for={id}>Preset</label>
      <select
        id={id}
        ref={selectRef}
        value={value}
        aria-describedby={describedBy}
        onChange={(event) => {
          const chosen = event.currentTarget.value;
          onChange(presets.find((preset) => preset.id === chosen) ?? null);
        }}
      >
        <option value="">No preset</option>
        {presets.map((preset) => (
          <option key={preset.id} value={preset.id}>
            {preset.name}
          </option>
        ))}
      </select>
    </>
  );
}
