import { FORMATS, type Format } from '@/lib/formats';

/** The formats (CSV, TAB, JSON, XLSX) as one radio group. */
export function FormatPicker({
  value,
  onChange,
  legend = 'Format',
  hint,
}: {
  value: Format;
  onChange: (format: Format) => void;
  legend?: string;
  /** A line under the choices saying what the choice is for. */
  hint?: string;
}) {
  return (
    <fieldset class="row-field formats" aria-describedby={hint ? 'format-hint' : undefined}>
      <legend>{legend}</legend>
      <div class="choices">
        {(Object.keys(FORMATS) as Format[]).map((format) => (
          <label key={format} class="choice">
            <input
              type="radio"
              name="format"
              value={format}
              checked={value === format}
              onChange={() => onChange(format)}
            />
            {FORMATS[format].label}
          </label>
        ))}
      </div>
      {hint && (
        <p id="format-hint" class="hint-inline format-hint">
          {hint}
        </p>
      )}
    </fieldset>
  );
}
