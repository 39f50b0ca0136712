import { describe, expect, it } from 'vitest';
import { parseBoardUrl } from '../boardUrl';

describe('parseBoardUrl', () => {
  it.each([
    ['https://acme.leankit.com/board/2494615425', 'acme', '2494615425'],
    ['https://acme.leankit.com/board/101/', 'acme', '101'],
    ['https://acme.leankit.com/board/101?filter=me', 'acme', '101'],
    ['https://acme.leankit.com/board/101#lane-3', 'acme', '101'],
    ['https://acme.leankit.com/board/101/card/55', 'acme', '101'],
    ['https://ACME.LeanKit.com/board/7', 'acme', '7'],
    ['https://my-team.leankit.com/Boards/View/42#workflow-view', 'my-team', '42'],
  ])('%s is board %s/%s', (url, accountName, boardId) => {
    expect(parseBoardUrl(url)).toEqual({
      origin: `https://${accountName}.leankit.com`,
      accountName,
      boardId,
    });
  });

  it.each([
    'https://acme.leankit.com/',
    'https://acme.leankit.com/card/55',
    'https://acme.leankit.com/board/',
    'https://acme.leankit.com/board/abc',
    'https://acme.leankit.com/board/12abc',
    'https://acme.leankit.com/boards/12',
    'http://acme.leankit.com/board/1',
    'https://acme.leankit.com.evil.example/board/1',
    'https://evil.example/board/1',
    'https://a.b.leankit.com/board/1',
    'not a url',
  ])('%s is not a board page', (url) => {
    expect(parseBoardUrl(url)).toBeNull();
  });
});
