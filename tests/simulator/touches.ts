/**
 * Cards "worked on just now", for tests of "changed since my last export": a touch sets a card's
 * `lastActivityDate` to the simulator's clock. It changes nothing else: the `cards` report is the
 * only one that shows a card's last activity (a task card's is its own), and every other value,
 * in every report, stays what the seed makes it.
 */
import { type Account, type Board, cardIdOf, MAX_CARDS_PER_BOARD } from './data';

/** What a test asks to touch: these cards, or `count` cards spread over a board (or every board). */
export type TouchRequest =
  | { readonly cardIds: readonly string[] }
  | { readonly count: number; readonly boardId?: string };

/** Touched cards per account: card id → the time of its latest touch (epoch ms). */
export class CardTouches {
  private readonly byAccount = new Map<string, Map<string, number>>();

  /** Touches the cards the request names, at `now`; their ids, or what is wrong with the request. */
  touch(account: Account, request: TouchRequest, now: number): string[] | string {
    const cardIds = cardsToTouch(account, request);
    if (typeof cardIds === 'string') return cardIds;
    let touched = this.byAccount.get(account.name);
    if (!touched) {
      touched = new Map();
      this.byAccount.set(account.name, touched);
    }
    for (const cardId of cardIds) touched.set(cardId, now);
    return cardIds;
  }

  /** The account's touched cards, or undefined when none was touched (the common, fast case). */
  of(account: Account): ReadonlyMap<string, number> | undefined {
    return this.byAccount.get(account.name);
  }
}

function cardsToTouch(account: Account, request: TouchRequest): string[] | string {
  if ('cardIds' in request) {
    const unknown = request.cardIds.filter((cardId) => !isCardOf(account, cardId));
    if (unknown.length > 0) return `Unknown card ids: ${unknown.join(', ')}`;
    return [...new Set(request.cardIds)];
  }
  const boards = request.boardId
    ? account.boards.filter((board) => board.id === request.boardId)
    : account.boards;
  if (boards.length === 0) return `Unknown board id: ${request.boardId}`;
  const total = boards.reduce((sum, board) => sum + board.cardCount, 0);
  if (!Number.isInteger(request.count) || request.count < 1 || request.count > total) {
    return `count must be an integer from 1 to ${total}, the cards there are`;
  }
  // Evenly spread, so touched cards sit in different lanes, months and boards.
  return Array.from({ length: request.count }, (_, i) =>
    cardAtPosition(account, boards, Math.floor((i * total) / request.count)),
  );
}

/** The id of the card at `position` when the boards' cards are laid end to end. */
function cardAtPosition(account: Account, boards: readonly Board[], position: number): string {
  let rest = position;
  for (const board of boards) {
    if (rest < board.cardCount) return cardIdOf(account, board, rest);
    rest -= board.cardCount;
  }
  throw new RangeError(`No card at position ${position}`);
}

function isCardOf(account: Account, cardId: string): boolean {
  if (!/^\d+$/.test(cardId)) return false;
  const offset = Number(cardId) - account.cardIdBase;
  const board = account.boards[Math.floor(offset / MAX_CARDS_PER_BOARD)];
  return offset >= 0 && board !== undefined && offset % MAX_CARDS_PER_BOARD < board.cardCount;
}
