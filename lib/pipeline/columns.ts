/**
 * The column stage: which columns the file has, in what order, under what headers, and where each
 * one's cells come from in a response's records.
 */
import { columnLabel } from '../columnGuide';
import type { ExportRecipe } from '../recipes/recipe';
import { type ColumnType, findColumn, type Report } from '../reports';

export interface FileColumn {
  /** The column id for a catalogue column, the served header for one LeanKit added later, or the custom field's label. */
  readonly key: string;
  readonly header: string;
  readonly type: ColumnType;
  /** A custom field's column: its cells come from the custom field table, not the record. */
  readonly customField?: number;
}

export interface ColumnPlan {
  readonly columns: readonly FileColumn[];
  /** Every served column in the order served, nothing added: rows can be written field by field. */
  readonly asServed: boolean;
  readonly notes: readonly string[];
}

/** The key of a served header cell: the catalogue's column id, or the cell itself. */
export function columnKey(report: Report, header: string): string {
  return findColumn(report, header)?.id ?? header;
}

/**
 * The file's columns, from the first response's header row and the recipe. Without a column list,
 * every served column in the order served: LeanKit adds new columns at the end, so those it added
 * after our catalogue come after the known ones, and a column whose header the catalogue cannot
 * name (a label spelled unlike its id) stays where LeanKit put it. With a list, its columns in its
 * order; a column the report no longer serves is left out with a note. Custom field columns come
 * last.
 */
export function planColumns(
  report: Report,
  header: readonly string[],
  recipe: ExportRecipe,
  customFieldLabels: readonly string[],
): ColumnPlan {
  const served = header.map((cell) => ({ key: columnKey(report, cell), cell }));
  const notes: string[] = [];
  let chosen = served;
  if (recipe.columns) {
    chosen = [];
    for (const id of recipe.columns) {
      const column = served.find((candidate) => candidate.key === id);
      if (column) chosen.push(column);
      else notes.push(`LeanKit no longer serves the column “${id}”; it was left out.`);
    }
  }
  const columns: FileColumn[] = chosen.map(({ key, cell }) => ({
    key,
    header: recipe.humanHeaders ? columnLabel(key) : cell,
    type: findColumn(report, cell)?.type ?? 'string',
  }));
  customFieldLabels.forEach((label, index) => {
    columns.push({ key: label, header: label, type: 'string', customField: index });
  });
  const asServed =
    customFieldLabels.length === 0 &&
    chosen.length === served.length &&
    chosen.every((column, index) => column === served[index]);
  return { columns, asServed, notes };
}

/** Where each file column's cells are in a response whose header row is `header` (-1: nowhere). */
export function fieldsOf(
  report: Report,
  columns: readonly FileColumn[],
  header: readonly string[],
): Int32Array {
  const keys = header.map((cell) => columnKey(report, cell));
  return Int32Array.from(columns, (column) =>
    column.customField === undefined ? keys.indexOf(column.key) : -1,
  );
}
