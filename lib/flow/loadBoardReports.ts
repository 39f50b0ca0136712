import type { LoadBoardReports } from './boardReports';

/**
 * Stand-in so the Flow charts page builds on this branch; the loading itself (through the
 * background) is another branch's, which replaces this file.
 */
export const loadBoardReports: LoadBoardReports = () =>
  Promise.reject(new Error('Loading a board’s reports is not built into this version yet.'));
