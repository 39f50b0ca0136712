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
