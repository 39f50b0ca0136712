import { describe, expect, it } from 'vitest';
import { findPlacement } from '../placement';

describe('findPlacement', () => {
  it.each([
    [
      'the simulator’s board header',
      '<header class="board-header"><h1>Sprint</h1><nav></nav></header>',
      'header',
    ],
    ['a header with a nested title', '<header><div><h1>Sprint</h1></div></header>', 'header'],
    ['renamed classes', '<header class="x9f2"><h1 class="q1">Sprint</h1></header>', 'header'],
    ['no header', '<h1>Sprint</h1><main></main>', 'floating'],
    ['a header without a title', '<header><h2>Sprint</h2></header>', 'floating'],
    ['an empty page', '', 'floating'],
  ])('%s → %s', (_name, html, kind) => {
    document.body.innerHTML = html;
    const placement = findPlacement(document);
    expect(placement.kind).toBe(kind);
    if (placement.kind === 'header') expect(placement.after.textContent).toBe('Sprint');
  });
});
