// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORTS } from '../../lib/reports';
import { simulatorFetch } from './fetch';
import { type Simulator, startSimulator } from './index';
import { bearer, EXPORT_URL, signIn } from './testing';

type JsonRow = Record<string, string | number | boolean | null>;

let sim: Simulator;
const data: Record<string, JsonRow[]> = {};
// Every report of the catalogue (whose list lib/__tests__/reports.test.ts pins down).
const PATHS = REPORTS.map((report) => report.path);

beforeAll(async () => {
  sim = await startSimulator({ boards: 3, cardsPerBoard: 120, seed: 5 });
  const fetch = simulatorFetch(sim);
  const token = await signIn(fetch, sim);
  for (const path of PATHS) {
    const response = await fetch(`${EXPORT_URL}/${path}.json`, bearer(token));
    data[path] = (await response.json()) as JsonRow[];
  }
});
afterAll(() => sim.close());

const rowsOf = (path: string): JsonRow[] => data[path] ?? [];
const cardsById = (): Map<unknown, JsonRow> => new Map(rowsOf('cards').map((c) => [c.cardId, c]));
const lanesById = (): Map<unknown, JsonRow> => new Map(rowsOf('lanes').map((l) => [l.laneId, l]));
/** Rows by card id, in row order (Map.groupBy needs Node 21). */
function groupByCard(rows: JsonRow[]): Map<unknown, JsonRow[]> {
  const groups = new Map<unknown, JsonRow[]>();
  for (const row of rows) groups.set(row.cardId, [...(groups.get(row.cardId) ?? []), row]);
  return groups;
}
/** Date-time text compares in time order. */
const time = (value: unknown): string => String(value);

describe('cross-report consistency', () => {
  it('every report has rows, and the optional ones have some empty values', () => {
    for (const path of PATHS) expect(rowsOf(path).length, path).toBeGreaterThan(0);
  });

  it('cardpositions: existing cards, lanes of their own board, in order, ending in the current lane', () => {
    const cards = cardsById();
    const lanes = lanesById();
    const byCard = groupByCard(rowsOf('cardpositions'));
    expect([...byCard.keys()].sort()).toEqual([...cards.keys()].sort());
    for (const [cardId, stays] of byCard) {
      const card = cards.get(cardId) as JsonRow;
      for (const stay of stays) {
        expect(lanes.get(stay.laneId)?.boardId).toBe(card.currentBoardId);
        expect(lanes.get(stay.laneId)?.canHoldCards).toBe(true);
        expect(stay.boardId).toBe(card.currentBoardId);
        expect(stay.cardTitle).toBe(card.cardTitle);
      }
      stays.forEach((stay, i) => {
        const next = stays[i + 1];
        if (!next) return;
        expect(stay.laneExitDate).not.toBeNull();
        expect(time(stay.laneEntryDate) < time(stay.laneExitDate)).toBe(true);
        expect(next.laneEntryDate).toBe(stay.laneExitDate);
      });
      const current = stays.at(-1) as JsonRow;
      expect(current.laneExitDate).toBeNull();
      expect(current.laneId).toBe(card.currentLaneId);
      expect(current.laneEntryDate).toBe(card.lastMovedDate);
      expect(stays[0]?.laneEntryDate).toBe(card.creationDate);
    }
  });

  it('cards: lane fields match the lanes report, and dates follow the card through its lanes', () => {
    const lanes = lanesById();
    for (const card of rowsOf('cards')) {
      const lane = lanes.get(card.currentLaneId) as JsonRow;
      expect(lane.laneTitle).toBe(card.currentLaneTitle);
      expect(lane.boardId).toBe(card.currentBoardId);
      expect(lane.parentLaneId).toBe(card.parentLaneId);
      expect(lane.laneClass).toBe(card.currentLaneClass);
      expect(card.archivedDate !== null).toBe(card.currentLaneClass === 'archive');
      if (card.actualStartDate !== null) {
        expect(time(card.creationDate) < time(card.actualStartDate)).toBe(true);
      }
      if (card.actualFinishDate !== null) {
        expect(time(card.actualStartDate) < time(card.actualFinishDate)).toBe(true);
      }
      expect(time(card.lastActivityDate) >= time(card.lastMovedDate)).toBe(true);
    }
  });

  it('tags, assignments, comments, custom fields and blocked history name existing cards of their board', () => {
    const cards = cardsById();
    const checks: [string, string][] = [
      ['tags', 'boardId'],
      ['userassignments/current', 'currentBoardId'],
      ['userassignments/history', 'currentBoardId'],
      ['cards/blockedhistory', 'currentBoardId'],
      ['customfields', 'currentBoardId'],
    ];
    for (const [path, boardColumn] of checks) {
      for (const row of rowsOf(path)) {
        const card = cards.get(row.cardId);
        expect(card, `${path} ${row.cardId}`).toBeDefined();
        expect(row[boardColumn]).toBe(card?.currentBoardId);
        if ('cardTitle' in row) expect(row.cardTitle).toBe(card?.cardTitle);
      }
    }
    for (const row of rowsOf('comments')) expect(cards.has(row.cardId)).toBe(true);
  });

  it('tags are distinct per card', () => {
    const pairs = rowsOf('tags').map((row) => `${row.cardId}/${row.tag}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it('assignment users are users of the account; current assignments are the open history periods', () => {
    const users = new Map<unknown, string>();
    for (const row of rowsOf('userassignments/history')) {
      users.set(row.assignedUserId, String(row.assignedUserEmailAddress));
    }
    for (const email of users.values()) expect(email).toMatch(/@acme\.test$/);
    const open = rowsOf('userassignments/history')
      .filter((row) => row.assignedFromDate === null)
      .map((row) => `${row.cardId}/${row.assignedUserId}/${row.assignedToDate}`);
    const current = rowsOf('userassignments/current').map(
      (row) => `${row.cardId}/${row.assignedUserId}/${row.assignedToDate}`,
    );
    expect(current).toEqual(open);
    expect(rowsOf('userassignments/history').some((row) => row.assignedFromDate !== null)).toBe(
      true,
    );
  });

  it('blocked history: one open period exactly for the blocked cards', () => {
    const cards = cardsById();
    const open = rowsOf('cards/blockedhistory').filter((row) => row.blockedEndDate === null);
    const blocked = rowsOf('cards').filter((card) => card.isCardBlocked);
    expect(blocked.length).toBeGreaterThan(0);
    expect(open.map((row) => row.cardId)).toEqual(blocked.map((card) => card.cardId));
    for (const card of rowsOf('cards')) {
      expect(card.currentBlockedReason !== null).toBe(card.isCardBlocked);
    }
    for (const row of rowsOf('cards/blockedhistory')) {
      expect(cards.get(row.cardId)).toBeDefined();
      expect(row.unblockedByUserId === null).toBe(row.blockedEndDate === null);
      expect(row.totalDurationMinusWeekendsDays as number).toBeLessThanOrEqual(
        row.totalDurationDays as number,
      );
    }
  });

  it('comments: exactly commentsCount per card, the last at lastCommentDate, with nasty text', () => {
    const byCard = groupByCard(rowsOf('comments'));
    for (const card of rowsOf('cards')) {
      const comments = byCard.get(card.cardId) ?? [];
      expect(comments.length).toBe(card.commentsCount);
      if (comments.length > 0) expect(comments.at(-1)?.commentDate).toBe(card.lastCommentDate);
    }
    const texts = rowsOf('comments').map((row) => String(row.commentText));
    for (const pattern of [/<p>/, /,/, /"/, /\n/, /[é日]/, /^=/, /^\+/, /^-/, /^@/]) {
      expect(
        texts.some((text) => pattern.test(text)),
        String(pattern),
      ).toBe(true);
    }
  });

  it('connections: one per card with a parent, matching cards.parentCardId', () => {
    const withParent = rowsOf('cards')
      .filter((card) => card.parentCardId !== null)
      .map((card) => [card.cardId, card.parentCardId]);
    expect(withParent.length).toBeGreaterThan(0);
    expect(rowsOf('connections').map((row) => [row.cardId, row.parentCardId])).toEqual(withParent);
    const cards = cardsById();
    for (const [, parent] of withParent) expect(cards.has(parent)).toBe(true);
  });

  it('tasks: containing cards exist; task assignments are on tasks', () => {
    const cards = cardsById();
    const tasks = new Map(rowsOf('tasks').map((task) => [task.taskId, task]));
    for (const task of tasks.values()) {
      const card = cards.get(task.containingCardId);
      expect(card?.cardTitle).toBe(task.containingCardTitle);
      expect(cards.has(task.taskId)).toBe(false);
    }
    for (const path of ['usertaskassignments/current', 'usertaskassignments/history']) {
      expect(rowsOf(path).length, path).toBeGreaterThan(0);
      for (const row of rowsOf(path)) expect(tasks.get(row.cardId)?.taskTitle).toBe(row.cardTitle);
    }
  });

  it('custom fields: one value per field and card, with a field id per board', () => {
    const keys = rowsOf('customfields').map((row) => `${row.cardId}/${row.customFieldId}`);
    expect(new Set(keys).size).toBe(keys.length);
    const labels = new Set(rowsOf('customfields').map((row) => row.label));
    expect(labels.size).toBeGreaterThan(1);
  });

  it('boards lists exactly the boards every other report uses', () => {
    const boards = new Set(rowsOf('boards').map((row) => row.boardId));
    expect(new Set(rowsOf('cards').map((card) => card.currentBoardId))).toEqual(boards);
    expect(new Set(rowsOf('lanes').map((lane) => lane.boardId))).toEqual(boards);
  });
});
