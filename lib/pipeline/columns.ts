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
 * the catalogue's columns in the order served, then those it does not know (added by LeanKit after
 * our catalogue), in the order served: a new column LeanKit puts mid-row does not move the known
 * ones. With a list, its columns in its order; a listed column the report no longer serves, and a
 * served one the catalogue does not know that the list leaves out, are noted. A column the
 * catalogue does not know keeps its served header, human headers or not.
 */
export function planColumns(
  report: Report,
  header: readonly string[],
  recipe: ExportRecipe,
  customFieldLabels: readonly string[],
): ColumnPlan {
  const served = header.map((cell) => {
    const column = findColumn(report, cell);
    return { key: column?.id ?? cell, cell, column };
  });
  const notes: string[] = [];
  let chosen: typeof served;
  if (recipe.columns) {
    chosen = [];
    for (const id of recipe.columns) {
      const column = served.find((candidate) => candidate.key === id);
      if (column) chosen.push(column);
      else notes.push(`LeanKit no longer serves the column “${id}”; it was left out.`);
    }
    for (const { key, column } of served) {
      if (!column && !chosen.some((candidate) => candidate.key === key)) {
        notes.push(
          `LeanKit now serves a column “${key}” the chosen columns do not list; it was left out.`,
        );
      }
    }
  } else {
    chosen = [...served.filter(({ column }) => column), ...served.filter(({ column }) => !column)];
  }
  const columns: FileColumn[] = chosen.map(({ key, cell, column }) => ({
    key,
    header: recipe.humanHeaders && column ? columnLabel(key) : cell,
    type: column?.type ?? 'string',
  }));
  // Custom fields last, after the unknown columns too: they are ours, not LeanKit's row.
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
