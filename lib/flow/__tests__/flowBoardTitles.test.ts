import { describe, expect, it } from 'vitest';
import type { BoardList } from '../../boardOptions';
import type { Result } from '../../messaging';
import { boardTitlesOf, flowFileStem } from '../flowBoardTitles';

describe('flowFileStem', () => {
  it.each([
    [{ id: '101', title: 'Team Alpha' }, 'flow-team-alpha-cycle-time-2026-11-30'],
    [
      { id: '101', title: '  Ops / Support: 2nd line!  ' },
      'flow-ops-support-2nd-line-cycle-time-2026-11-30',
    ],
    [{ id: '101', title: 'Équipe Zürich' }, 'flow-équipe-zürich-cycle-time-2026-11-30'],
    [{ id: '101', title: '開発チーム' }, 'flow-開発チーム-cycle-time-2026-11-30'],
    [{ id: '101', title: '../../etc' }, 'flow-etc-cycle-time-2026-11-30'],
    [{ id: '101', title: '***' }, 'flow-board101-cycle-time-2026-11-30'],
    [{ id: '101' }, 'flow-board101-cycle-time-2026-11-30'],
  ])('names a file of %o by its board', (board, stem) => {
    expect(flowFileStem(board, 'cycle-time', '2026-11-30')).toBe(stem);
  });

  it('keeps a long title to 40 characters, without a dash at its end', () => {
    const title = `${'a'.repeat(39)} b${'c'.repeat(30)}`;
    expect(flowFileStem({ id: '1', title }, 'forecast', '2026-11-30')).toBe(
      `flow-${'a'.repeat(39)}-forecast-2026-11-30`,
    );
  });
});

describe('boardTitlesOf', () => {
  it('gives each board’s title by id, from the board list the background loads', () => {
    const list: Result<BoardList> = {
      ok: true,
      value: {
        boards: [
          { id: '101', title: 'Team Alpha' },
          { id: '102', title: 'Support' },
        ],
        complete: true,
      },
    };
    expect(boardTitlesOf(list)).toEqual(
      new Map([
        ['101', 'Team Alpha'],
        ['102', 'Support'],
      ]),
    );
  });

  it('gives no titles when the list cannot be had (the page keeps the boards’ ids)', () => {
    const failed: Result<BoardList> = {
      ok: false,
      error: { kind: 'not-signed-in', message: 'Sign in to LeanKit first.' },
    };
    expect(boardTitlesOf(failed)).toEqual(new Map());
  });
});
