import { type Format, isFormat } from '../formats';
import { findReportSummary } from '../reportList';

/** What the "Columns and filters" page opens on: a saved preset, or a report to start from. */
export type EditorTarget =
  | { presetId: string }
  | { reportId: string; format: Format; boardIds: string[] };

/** The page's path with its target as URL parameters (ids only: nothing secret goes in a URL). */
export function editorPath(target: EditorTarget): `/recipes.html?${string}` {
  const params = new URLSearchParams(
    'presetId' in target
      ? { preset: target.presetId }
      : { report: target.reportId, format: target.format, boards: target.boardIds.join(',') },
  );
  return `/recipes.html?${params}`;
}

/** The target in the page's URL parameters; the cards report as CSV for anything it cannot read. */
export function readEditorTarget(search: string): EditorTarget {
  const params = new URLSearchParams(search);
  const presetId = params.get('preset');
  if (presetId) return { presetId };
  const reportId = params.get('report') ?? '';
  const format = params.get('format');
  return {
    reportId: findReportSummary(reportId) ? reportId : 'cards',
    format: isFormat(format) ? format : 'csv',
    boardIds: (params.get('boards') ?? '').split(',').filter(Boolean),
  };
}
