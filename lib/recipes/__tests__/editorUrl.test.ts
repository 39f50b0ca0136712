import { describe, expect, it } from 'vitest';
import { type EditorTarget, editorPath, readEditorTarget } from '../editorUrl';

describe('editorPath and readEditorTarget', () => {
  it.each<EditorTarget>([
    { presetId: 'p-1' },
    { reportId: 'cardpositions', format: 'tab', boardIds: ['101', '102'] },
    { reportId: 'cards', format: 'csv', boardIds: [] },
  ])('reads back %j', (target) => {
    const path = editorPath(target);
    expect(path.startsWith('/recipes.html?')).toBe(true);
    expect(readEditorTarget(path.slice(path.indexOf('?')))).toEqual(target);
  });

  it.each([
    ['', { reportId: 'cards', format: 'csv', boardIds: [] }],
    ['?report=nope&format=xls', { reportId: 'cards', format: 'csv', boardIds: [] }],
    [
      '?report=lanes&format=json&boards=,7,',
      { reportId: 'lanes', format: 'json', boardIds: ['7'] },
    ],
  ])('falls back for what it cannot read: %s', (search, expected) => {
    expect(readEditorTarget(search)).toEqual(expected);
  });
});
