import { describe, expect, it } from 'vitest';
import type { BoardList } from '../../boardOptions';
import type { Result } from '../../messaging';
import { boardTitlesOf } from '../flowBoardTitles';

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
