import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { DataTable } from '@/lib/flow/chartTables';
import { tableCsv } from '@/lib/flow/tableCsv';
import { DataTableView } from './DataTableView';
import { saveFile } from './saveFile';

/**
 * One chart: its title, its definition in words, the chart, and its data as a table (behind a
 * disclosure), as CSV and, where it is drawn, as PNG. A drawn chart's table is made and rendered
 * only once its disclosure is opened: a big board's cycle-time table has a row per finished card,
 * tens of thousands, which took longer to render than every chart took to draw.
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
  /** The chart's data as a table, made when it is shown or saved. */
  table: () => DataTable;
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
            saveFile(new Blob([tableCsv(table())], { type: 'text/csv' }), `${fileName}.csv`)
          }
        >
          Save CSV
        </button>
      </div>
      {children ? <TableDisclosure table={table} /> : <DataTableView table={table()} />}
    </section>
  );
}

/**
 * The chart's table behind "Show data table", made only while shown: a big board's tables run to
 * thousands of cells, which would slow the page (and Firefox's accessibility tree) for every
 * reader rather than the one who opens them.
 */
function TableDisclosure({ table }: { table: () => DataTable }) {
  const [shown, setShown] = useState(false);
  return (
    <details onToggle={(event) => setShown(event.currentTarget.open)}>
      <summary>Show data table</summary>
      {shown && <DataTableView table={table()} />}
    </details>
  );
}
