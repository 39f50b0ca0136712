import { FORMATS, type Format } from '@/lib/reports';

/** CSV / TAB / JSON as one radio group. */
export function FormatPicker({
  value,
  onChange,
}: {
  value: Format;
  onChange: (format: Format) => void;
}) {
  return (
    <fieldset class="row-field formats">
      <legend>Format</legend>
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
    </fieldset>
  );
}
