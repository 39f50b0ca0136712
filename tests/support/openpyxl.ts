/**
 * Reads a workbook with a reader we did not write: openpyxl (Debian's python3-openpyxl, which
 * .ci/run installs). Without python3 or openpyxl a caller fails: CI has them, so a missing one is a
 * broken setup.
 */
import { spawnSync } from 'node:child_process';

/** Debian's interpreter, which its python3-openpyxl is installed for (a pyenv or venv python3 earlier on PATH is not). */
const PYTHON = '/usr/bin/python3';

/**
 * Prints the workbook (at the path given, else read from stdin) as JSON: each sheet's name, frozen
 * cell, autofilter, header boldness and rows of [value, openpyxl's data type]; date-times as ISO
 * text to the millisecond. Text is decoded the way Excel decodes it (`_xHHHH_` escapes), once,
 * here: openpyxl leaves an inline string's escapes as they are, and of a shared string's removes
 * every `x005F_` (even where Excel shows one), so its shared strings are read without that step.
 */
const READER = `
import datetime, io, json, sys
import openpyxl
import openpyxl.reader.excel
from openpyxl.cell.text import Text
from openpyxl.utils.escape import unescape
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

def read_string_table(source):
    return [Text.from_tree(node).content for _, node in iterparse(source)
            if node.tag == "{%s}si" % SHEET_MAIN_NS]

openpyxl.reader.excel.read_string_table = read_string_table

def cell(c):
    v = c.value
    if isinstance(v, datetime.datetime):
        v = v.isoformat(timespec="milliseconds")
    elif isinstance(v, str):
        v = unescape(v)
    return [v, c.data_type]

# The rows first: asking an empty sheet for its first row (ws[1]) would make an empty cell in it.
def sheet(ws):
    rows = list(ws.iter_rows())
    return {
        "name": ws.title,
        "frozen": ws.freeze_panes,
        "filter": ws.auto_filter.ref,
        "bold": [c.font.b for c in rows[0]] if rows else [],
        "rows": [[cell(c) for c in row] for row in rows],
    }

source = sys.argv[1] if len(sys.argv) > 1 else io.BytesIO(sys.stdin.buffer.read())
print(json.dumps([sheet(ws) for ws in openpyxl.load_workbook(source).worksheets]))
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

/** Every sheet of a workbook, the file at `workbook` or these bytes, as openpyxl reads it. */
export function readWorkbook(workbook: string | Uint8Array): WorkbookSheet[] {
  return JSON.parse(runPython(READER, workbook)) as WorkbookSheet[];
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

/** Runs a reader script on a workbook, the file at `workbook` or these bytes; what it printed. */
function runPython(script: string, workbook: string | Uint8Array): string {
  const path = typeof workbook === 'string' ? workbook : undefined;
  const result = spawnSync(PYTHON, ['-c', script, ...(path === undefined ? [] : [path])], {
    encoding: 'utf8',
    input: path === undefined ? workbook : undefined,
    maxBuffer: 1 << 30,
  });
  if (result.error) {
    throw new Error(
      `${PYTHON} did not run (install python3-openpyxl, as .ci/run does): ${result.error.message}`,
    );
  }
  if (result.status !== 0) {
    throw new Error(`openpyxl could not read ${path ?? 'the workbook'}:\n${result.stderr}`);
  }
  return result.stdout;
}

/** A sheet with every cell as text: empty as '', booleans as true/false, numbers and date-times as read. */
export interface TextSheet {
  name: string;
  rows: string[][];
}

/** Every sheet of a workbook, as `readWorkbook` reads it, each cell as text. */
export function readWorkbookText(workbook: string | Uint8Array): TextSheet[] {
  return readWorkbook(workbook).map(({ name, rows }) => ({
    name,
    rows: rows.map((row) => row.map(([value]) => (value === null ? '' : String(value)))),
  }));
}
