import type { ComponentChildren } from 'preact';
import type { DataTable } from '@/lib/flow/chartTables';
import { tableCsv } from '@/lib/flow/tableCsv';
import { DataTableView } from './DataTableView';
import { saveFile } from './saveFile';

/**
 * One chart: its title, its definition in words, the chart, and its data as a table (behind a
 * disclosure), as CSV and, where it is drawn, as PNG.
 */
export function ChartPanel({
  id,
  title,
  definition,
  table,
  fileName,
  onSavePng,
  controls,
  children,
}: {
  id: string;
  title: string;
  definition: ComponentChildren;
  table: DataTable;
  /** The saved files' name, without extension. */
  fileName: string;
  onSavePng?: () => void;
  controls?: ComponentChildren;
  /** The chart; absent where the table is the whole result (the forecasts), shown as it is. */
  children?: ComponentChildren;
}) {
  const headingId = `${id}-title`;
  return (
    <section class="chart" aria-labelledby={headingId} data-chart={id}>
      <h2 id={headingId}>{title}</h2>
      <div class="definition">{definition}</div>
      {controls}
      {children}
      <div class="chart-actions">
        {onSavePng && (
          <button type="button" onClick={onSavePng} aria-label={`Save PNG of ${title}`}>
            Save PNG
          </button>
        )}
        <button
          type="button"
          aria-label={`Save CSV of ${title}`}
          onClick={() =>
            saveFile(new Blob([tableCsv(table)], { type: 'text/csv' }), `${fileName}.csv`)
          }
        >
          Save CSV
        </button>
      </div>
      {children ? (
        <details>
          <summary>Show data table</summary>
          <DataTableView table={table} />
        </details>
      ) : (
        <DataTableView table={table} />
      )}
    </section>
  );
}
