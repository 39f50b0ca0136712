/**
 * `GET /io/reporting/export/<report>[.csv|.tab|.json]` (§4): query validation, board filter,
 * paging, and the streamed body. Generic over the catalogue in lib/reports.ts.
 */
import type { ServedFormat } from '../../lib/formats';
import { type Column, findReportByPath, type Report } from '../../lib/reports';
import { type Conventions, columnLabel } from './conventions';
import { type Account, boardsVisibleTo, type User } from './data';
import { withExtraValues } from './extraColumns';
import { boom, jsonReply, type Reply } from './reply';
import { type Row, reportRows } from './rows';
import { CONTENT_TYPES, isServedFormat, serialize } from './serialize';

export const EXPORT_PREFIX = '/io/reporting/export/';

export interface ExportTarget {
  readonly report: Report;
  /** The format named by a `.csv`/`.tab`/`.json` suffix; it beats `?format=` (§9). */
  readonly suffixFormat: ServedFormat | undefined;
}

/** The report a path names, or undefined for a 404. */
export function findExport(pathname: string): ExportTarget | undefined {
  if (!pathname.startsWith(EXPORT_PREFIX)) return undefined;
  const rest = pathname.slice(EXPORT_PREFIX.length);
  const suffix = /\.(csv|tab|json)$/.exec(rest)?.[1];
  const suffixFormat = isServedFormat(suffix) ? suffix : undefined;
  const report = findReportByPath(suffixFormat ? rest.slice(0, -suffixFormat.length - 1) : rest);
  return report && { report, suffixFormat };
}

interface ExportParams {
  format: ServedFormat;
  /** Board ids to keep; undefined means every board of the user. */
  boardIds: ReadonlySet<string> | undefined;
  offset: number;
  limit: number | undefined;
  quoteAll: boolean;
}

/** Our assumption (§6.2 says the real answer is unknown): hapi's 403 with a plain message. */
export const NO_REPORTING_MESSAGE = 'Advanced Reporting is not enabled for this account.';

export interface ExportRequest {
  readonly account: Account;
  readonly user: User;
  readonly target: ExportTarget;
  readonly query: URLSearchParams;
  readonly conventions: Conventions;
  /** The `empty` fault: a valid export without rows. */
  readonly empty?: boolean;
  /** Cells that read this text whatever their column's type, by column id. */
  readonly cellText?: Readonly<Record<string, string>>;
  /** Cards touched by the test (card id → time): their `lastActivityDate` in the cards report. */
  readonly touched?: ReadonlyMap<string, number>;
  /** The `bare-quote` fault: this column of the first row holds a bare `"`, written unquoted. */
  readonly bareQuote?: string;
  /** The report's columns with those a test added (extraColumns.ts); absent: the catalogue's. */
  readonly columns?: readonly Column[];
}

/** The export's reply for an already authenticated request. */
export function exportReply(request: ExportRequest): Reply {
  const { account, user, target, conventions } = request;
  if (!account.reporting) {
    return jsonReply(403, { statusCode: 403, error: 'Forbidden', message: NO_REPORTING_MESSAGE });
  }
  const params = parseParams(target, request.query, conventions.quoteAll);
  if (typeof params === 'string') return boom(400, params);
  const boards = boardsVisibleTo(account, user).filter(
    (board) => !target.report.boardScoped || !params.boardIds || params.boardIds.has(board.id),
  );
  const generated = request.empty
    ? []
    : limited(
        reportRows(account, target.report, boards, params.offset, request.touched),
        params.limit,
      );
  const quoted = request.bareQuote ? withBareQuote(generated, request.bareQuote) : generated;
  const extended = request.columns
    ? withExtraValues(quoted, target.report, request.columns)
    : quoted;
  const { rows, columns } = withCellText(
    extended,
    request.columns ?? target.report.columns,
    request.cellText,
  );
  const header =
    conventions.columnHeaders === 'labels'
      ? columns.map((column) => columnLabel(target.report, column.id))
      : undefined;
  const disposition: Record<string, string> = conventions.contentDisposition
    ? {
        'content-disposition': `attachment; filename="${target.report.id}.${params.format}"`,
      }
    : {};
  return {
    status: 200,
    headers: { 'content-type': CONTENT_TYPES[params.format], ...disposition },
    body: serialize(params.format, columns, rows, {
      quoteAll: params.quoteAll && !request.bareQuote,
      bareQuotes: request.bareQuote !== undefined,
      header,
      booleans: conventions.booleans,
    }),
  };
}

/** Rows whose cells in `cellText`'s columns read its text; those columns are written as text. */
function withCellText(
  rows: Iterable<Row>,
  columns: readonly Column[],
  cellText: Readonly<Record<string, string>> | undefined,
): { rows: Iterable<Row>; columns: readonly Column[] } {
  if (!cellText) return { rows, columns };
  return {
    rows: (function* () {
      for (const row of rows) yield { ...row, ...cellText };
    })(),
    columns: columns.map((column) =>
      Object.hasOwn(cellText, column.id) ? { ...column, type: 'string' as const } : column,
    ),
  };
}

/** The parameters, or a message saying what is wrong. Empty values count as absent. */
function parseParams(
  target: ExportTarget,
  query: URLSearchParams,
  quoteAllByDefault: boolean,
): ExportParams | string {
  const format = query.get('format') || 'csv';
  if (!isServedFormat(format)) return `Unknown format "${format}": use csv, tab or json`;

  const boardId = query.get('boardId') || '0';
  const boardIds = boardId.split(',');
  if (!boardIds.every((id) => /^\d+$/.test(id))) {
    return 'boardId must be a numeric board id or a comma-separated list of them';
  }

  const offset = nonNegativeInteger(query.get('offset'));
  const limit = nonNegativeInteger(query.get('limit'));
  if (offset === null) return 'offset must be a non-negative integer';
  if (limit === null) return 'limit must be a non-negative integer';

  const quoted = query.get('quotedString')?.toLowerCase() || String(quoteAllByDefault);
  if (quoted !== 'true' && quoted !== 'false') return 'quotedString must be true or false';

  return {
    format: target.suffixFormat ?? format,
    boardIds: boardId === '0' ? undefined : new Set(boardIds),
    offset: offset ?? 0,
    limit,
    quoteAll: quoted === 'true',
  };
}

/** undefined when absent, null when invalid. */
function nonNegativeInteger(text: string | null): number | undefined | null {
  if (!text) return undefined;
  return /^\d{1,15}$/.test(text) ? Number(text) : null;
}

/** The first row with a value that holds a `"` and no delimiter (see the `bare-quote` fault). */
function* withBareQuote(rows: Iterable<Row>, column: string): Generator<Row> {
  let first = true;
  for (const row of rows) {
    yield first && column in row ? { ...row, [column]: BARE_QUOTE_VALUE } : row;
    first = false;
  }
}

export const BARE_QUOTE_VALUE = '27" monitor stand';

function* limited<T>(items: Iterable<T>, limit: number | undefined): Generator<T> {
  if (limit === 0) return;
  let count = 0;
  for (const item of items) {
    yield item;
    if (++count === limit) return;
  }
}
