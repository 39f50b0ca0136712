/**
 * Reads a workbook with a reader we did not write: openpyxl (Debian's python3-openpyxl, which
 * .ci/run installs). Without python3 or openpyxl a caller fails: CI has them, so a missing one is a
 * broken setup.
 */
import { spawnSync } from 'node:child_process';

/** Debian's interpreter, which its python3-openpyxl is installed for (a pyenv or venv python3 earlier on PATH is not). */
const PYTHON = '/usr/bin/python3';

/**
 * Prints the workbook as JSON: each sheet's name, frozen cell, autofilter, header boldness and rows
 * of [value, openpyxl's data type]; date-times as ISO text to the millisecond. Text is decoded the
 * way Excel decodes it (`_xHHHH_` escapes, which openpyxl leaves as they are).
 */
const READER = `
import datetime, json, sys
import openpyxl
from openpyxl.utils.escape import unescape

def cell(c):
    v = c.value
    if isinstance(v, datetime.datetime):
        v = v.isoformat(timespec="milliseconds")
    elif isinstance(v, str):
        v = unescape(v)
    return [v, c.data_type]

wb = openpyxl.load_workbook(sys.argv[1])
print(json.dumps([{
    "name": ws.title,
    "frozen": ws.freeze_panes,
    "filter": ws.auto_filter.ref,
    "bold": [c.font.b for c in ws[1]],
    "rows": [[cell(c) for c in row] for row in ws.iter_rows()],
} for ws in wb.worksheets]))
`;

/** A cell as openpyxl reads it: its value and its type (`s` text, `n` number or empty, `b`, `d`). */
export type WorkbookCell = [string | number | boolean | null, string];

export interface WorkbookSheet {
  name: string;
  /** The top-left cell of the scrolling part (`A2`: the header row frozen). */
  frozen: string | null;
  /** The autofilter's range, e.g. `A1:G4`. */
  filter: string | null;
  /** Whether each cell of the first row is bold. */
  bold: boolean[];
  rows: WorkbookCell[][];
}

/** Every sheet of the workbook at `path`, as openpyxl reads it. */
export function readWorkbook(path: string): WorkbookSheet[] {
  return JSON.parse(runPython(READER, path)) as WorkbookSheet[];
}

/**
 * Counts each sheet's rows as openpyxl streams them (its read-only mode, for workbooks of a million
 * rows), with the values of the first data row and the last row.
 */
const ROW_COUNTER = `
import json, sys
import openpyxl

wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
sheets = []
for ws in wb.worksheets:
    rows, first, last = 0, None, None
    for row in ws.iter_rows(values_only=True):
        rows += 1
        if rows == 2:
            first = list(row)
        last = list(row)
    sheets.append({"name": ws.title, "rows": rows, "first": first, "last": last})
print(json.dumps(sheets))
`;

export interface SheetRowCount {
  name: string;
  /** Rows, the header row included. */
  rows: number;
  first: WorkbookCell[0][] | null;
  last: WorkbookCell[0][] | null;
}

/** Each sheet's name and row count as openpyxl streams the workbook at `path`. */
export function countSheetRows(path: string): SheetRowCount[] {
  return JSON.parse(runPython(ROW_COUNTER, path)) as SheetRowCount[];
}

/** Runs a reader script on the workbook at `path`; what it printed. */
function runPython(script: string, path: string): string {
  const result = spawnSync(PYTHON, ['-c', script, path], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (result.error) {
    throw new Error(
      `${PYTHON} did not run (install python3-openpyxl, as .ci/run does): ${result.error.message}`,
    );
  }
  if (result.status !== 0) throw new Error(`openpyxl could not read ${path}:\n${result.stderr}`);
  return result.stdout;
}
