import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { columnDescription, columnLabel } from '../columnGuide';
import { REPORTS } from '../reports';

describe('columnLabel', () => {
  it.each([
    ['cardTitle', 'Card title'],
    ['cardId', 'Card ID'],
    ['externalCardId', 'External card ID'],
    ['cardExternalLinkUrl', 'Card external link URL'],
    ['isCardBlocked', 'Card blocked'],
    ['isTaskBlocked', 'Task blocked'],
    ['isTopLevelLane', 'Top-level lane'],
    ['wipLimit', 'WIP limit'],
    ['totalDurationMinusWeekendsDays', 'Total duration minus weekends (days)'],
    ['label', 'Custom field label'],
    ['canHoldCards', 'Can hold cards'],
    ['tag', 'Tag'],
    // Columns LeanKit may add later are spelled out the same way.
    ['sprintGoalUrl', 'Sprint goal URL'],
    ['snake_case_id', 'Snake case ID'],
    ['island', 'Island'],
  ])('%s → %s', (columnId, label) => {
    expect(columnLabel(columnId)).toBe(label);
  });
});

describe.each(REPORTS.map((report) => [report.id, report] as const))('%s', (_id, report) => {
  it('has a one-line description for every column', () => {
    for (const column of report.columns) {
      const line = columnDescription(report.id, column.id);
      expect(line, column.id).toMatch(/^[A-Z].*\.$/);
      expect(line, column.id).not.toMatch(/\n/);
    }
  });

  it('gives every column a label, none two alike', () => {
    const labels = report.columns.map((column) => columnLabel(column.id));
    for (const label of labels) expect(label).toMatch(/^[A-Z]/);
    expect(new Set(labels.map((label) => label.toLowerCase())).size).toBe(labels.length);
  });
});

describe('columnDescription', () => {
  it('tells task reports apart from card reports for the same column', () => {
    expect(columnDescription('userassignments-current', 'cardId')).toBe('ID of the card.');
    expect(columnDescription('usertaskassignments-current', 'cardId')).toBe('ID of the task card.');
  });

  it('knows nothing of unknown reports, unknown columns or inherited names', () => {
    expect(columnDescription('cards', 'sprintGoal')).toBeUndefined();
    expect(columnDescription('nope', 'cardId')).toBeUndefined();
    expect(columnDescription('cards', 'toString')).toBeUndefined();
  });
});

/** The source files a module pulls into its bundle: value imports, followed from `entry`. */
function bundledSources(entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [entry];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, typeOnly, specifier = ''] of source.matchAll(
      /^(?:import|export)\s+(type\s+)?[^'";]*?from\s+'([^']+)'/gm,
    )) {
      if (typeOnly) continue;
      const base = specifier.startsWith('@/')
        ? specifier.slice(2)
        : specifier.startsWith('.')
          ? join(dirname(file), specifier)
          : undefined;
      const candidates = base === undefined ? [] : ['.ts', '.tsx', '/index.ts'];
      const found = candidates
        .map((end) => normalize(`${base}${end}`))
        .find((path) => existsSync(path));
      if (found) pending.push(found);
    }
  }
  return seen;
}

describe('the content script', () => {
  it('leaves the column guide out of its bundle', () => {
    const bundled = bundledSources('entrypoints/content/index.tsx');
    // The walk reaches what the board button really imports, so it would reach the guide too.
    expect(bundled).toContain('lib/messaging.ts');
    expect(bundledSources('lib/__tests__/columnGuide.test.ts')).toContain('lib/columnGuide.ts');
    expect(bundled).not.toContain('lib/columnGuide.ts');
  });
});
