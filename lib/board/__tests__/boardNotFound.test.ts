import { describe, expect, it, vi } from 'vitest';
import { answerNotFoundQuestion, showsBoardNotFound } from '../boardNotFound';
import { NOT_FOUND_QUESTION } from '../protocol';

describe('showsBoardNotFound', () => {
  it.each([
    [
      'the simulator’s not-found view',
      '<header><nav></nav></header><main><section><h1>Board not found</h1><p>This board doesn’t exist, or you don’t have access to it.</p></section></main>',
      true,
    ],
    ['a plain "Not Found" heading', '<main><h2>Not Found</h2></main>', true],
    ['"Page not found."', '<h1>Page not found.</h1>', true],
    ['spread over lines', '<h1>\n  Board\n  not found\n</h1>', true],
    [
      'a heading saying the board does not exist',
      '<div role="heading" aria-level="1">This board does not exist or was deleted</div>',
      true,
    ],
    ['no access', '<h2>You don’t have access to this board</h2>', true],
    ['a board', '<header><h1>Sprint</h1></header><main><h2>Doing</h2></main>', false],
    ['a board named like the message', '<header><h1>Not found bugs</h1></header>', false],
    ['a lane named like the message', '<main><h2>Customer reported: not found</h2></main>', false],
    ['the words in a card, not a heading', '<main><p>Board not found</p></main>', false],
    ['an empty page', '', false],
  ])('%s → %s', (_name, html, expected) => {
    document.body.innerHTML = html;
    expect(showsBoardNotFound(document)).toBe(expected);
  });
});

describe('answerNotFoundQuestion', () => {
  const answer = answerNotFoundQuestion(document);

  it('tells the background, at once through sendResponse, whether the page shows the not-found view', () => {
    const sendResponse = vi.fn();
    document.body.innerHTML = '<main><h1>Board not found</h1></main>';
    expect(answer(NOT_FOUND_QUESTION, {}, sendResponse)).toBeUndefined();
    document.body.innerHTML = '<header><h1>Sprint</h1></header>';
    answer({ type: 'boardShowsNotFound' }, {}, sendResponse);
    expect(sendResponse.mock.calls).toEqual([[true], [false]]);
  });

  it.each([
    [{ type: 'boardJobUpdate' }],
    [{ type: 'boardSessionChanged' }],
    [null],
    ['boardShowsNotFound'],
  ])('leaves %j to the other listeners', (message) => {
    const sendResponse = vi.fn();
    expect(answer(message, {}, sendResponse)).toBeUndefined();
    expect(sendResponse).not.toHaveBeenCalled();
  });
});
