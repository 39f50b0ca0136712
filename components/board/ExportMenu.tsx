import { useEffect, useRef, useState } from 'preact/hooks';
import type { BoardPreset, BoardReport } from '@/lib/board/protocol';
import type { Format } from '@/lib/formats';
import {
  SNAPSHOT_LABEL,
  SNAPSHOT_ZIP_LABEL,
  type SnapshotOutput,
} from '@/lib/snapshot/snapshotOutputs';
import { FORMAT_LABELS } from './formatLabels';
import { onUserClick } from './onUserClick';

const FORMAT_IDS = Object.keys(FORMAT_LABELS) as Format[];

interface Props {
  reports: readonly BoardReport[];
  presets: readonly BoardPreset[];
  /** Shown under the formats, and read with each of them. */
  spreadsheetHint: string;
  format: Format;
  onExport: (reportId: string) => void;
  onExportPreset: (preset: BoardPreset) => void;
  onFormat: (format: Format) => void;
  /** Opens the Flow charts page of this board. */
  onOpenFlow: () => void;
  /** A board snapshot: every report of the board in one file. */
  onSnapshot: (output: SnapshotOutput) => void;
}

/**
 * The menu beside the main button, following the WAI-ARIA menu button pattern: Enter, Space or the
 * arrow keys open it and focus an item, arrows move, Home/End jump, Escape closes and returns focus.
 */
export function ExportMenu({
  reports,
  presets,
  spreadsheetHint,
  format,
  onExport,
  onExportPreset,
  onFormat,
  onOpenFlow,
  onSnapshot,
}: Props) {
  const [open, setOpen] = useState<false | 'first' | 'last'>(false);
  const wrapper = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  const items = () =>
    Array.from(wrapper.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? []);

  useEffect(() => {
    if (open) (open === 'first' ? items()[0] : items().at(-1))?.focus();
  }, [open]);

  function close(returnFocus: boolean) {
    setOpen(false);
    if (returnFocus) toggle.current?.focus();
  }

  function onMenuKey(event: KeyboardEvent) {
    const list = items();
    const index = list.indexOf(event.target as HTMLElement);
    const moves: Record<string, number> = {
      ArrowDown: (index + 1) % list.length,
      ArrowUp: (index - 1 + list.length) % list.length,
      Home: 0,
      End: list.length - 1,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      list[target]?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
    } else if (event.key === 'Tab') {
      close(false);
    }
  }

  return (
    <div
      class="menu-wrapper"
      ref={wrapper}
      onFocusOut={(event) => {
        const next = event.relatedTarget as Node | null;
        if (!next || !wrapper.current?.contains(next)) setOpen(false);
      }}
    >
      <button
        ref={toggle}
        type="button"
        class="menu-toggle"
        aria-label="More export options"
        aria-haspopup="menu"
        aria-expanded={open !== false}
        onClick={onUserClick(() => (open ? close(false) : setOpen('first')))}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            setOpen(event.key === 'ArrowDown' ? 'first' : 'last');
          }
        }}
      >
        <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div class="menu" role="menu" aria-label="Export options" onKeyDown={onMenuKey}>
          {reports.map((report) => (
            <button
              key={report.id}
              type="button"
              role="menuitem"
              tabIndex={-1}
              title={report.description}
              onClick={onUserClick(() => {
                close(true);
                onExport(report.id);
              })}
            >
              {report.label}
            </button>
          ))}
          {(['xlsx', 'csv-zip'] as const).map((output) => (
            <button
              key={output}
              type="button"
              role="menuitem"
              tabIndex={-1}
              class="snapshot"
              title="Every report of this board in one file"
              onClick={onUserClick(() => {
                close(true);
                onSnapshot(output);
              })}
            >
              {output === 'xlsx' ? SNAPSHOT_LABEL : `${SNAPSHOT_LABEL} as ${SNAPSHOT_ZIP_LABEL}`}
            </button>
          ))}
          {presets.map((preset) => (
            <button
              key={preset.id}
              type="button"
              role="menuitem"
              tabIndex={-1}
              class="preset"
              onClick={onUserClick(() => {
                close(true);
                onExportPreset(preset);
              })}
            >
              Export with preset: {preset.name}
            </button>
          ))}
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            title="Cumulative flow, cycle time, throughput, aging work and forecasts of this board"
            onClick={onUserClick(() => {
              close(true);
              onOpenFlow();
            })}
          >
            Flow charts
          </button>
          <fieldset class="formats" aria-label="Format">
            {FORMAT_IDS.map((id) => (
              <button
                key={id}
                type="button"
                role="menuitemradio"
                aria-checked={id === format}
                aria-describedby="format-hint"
                tabIndex={-1}
                onClick={onUserClick(() => onFormat(id))}
              >
                {FORMAT_LABELS[id]}
              </button>
            ))}
            <p id="format-hint" class="format-hint">
              {spreadsheetHint}
            </p>
          </fieldset>
        </div>
      )}
    </div>
  );
}
