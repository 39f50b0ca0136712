import { createAccounts, DEMO } from '../simulator/accounts';
import { cardRecordAt } from '../simulator/data';

/**
 * How many cards the simulator's first board (`startSimulator`'s, same seed) needs for about
 * `positionRows` rows in its card positions report: each card's lane stays counted as the
 * simulator generates them, rather than an average assumed (it moves when the histories do).
 */
export function cardsForPositionRows(positionRows: number, seed = 1): number {
  const account = createAccounts({ seed, boards: 1, cardsPerBoard: positionRows }).get(
    DEMO.account,
  );
  const board = account?.boards[0];
  if (!account || !board) throw new Error('The demo account has no board');
  let cards = 0;
  for (let rows = 0; rows < positionRows; cards++) {
    rows += cardRecordAt(account, board, cards).stays.length;
  }
  return cards;
}
