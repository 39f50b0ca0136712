import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchPageRedraws } from '../pageRedraws';

describe('watchPageRedraws', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    document.body.innerHTML = '<header><h1>Sprint</h1></header><main></main>';
  });
  afterEach(() => vi.useRealTimers());

  /** Lets the MutationObserver deliver its records (a microtask), then runs due timers. */
  async function settle(ms: number) {
    await Promise.resolve();
    await vi.advanceTimersByTimeAsync(ms);
  }

  it('calls back once for a burst of changes, after the interval', async () => {
    const onRedraw = vi.fn();
    watchPageRedraws(document.body, onRedraw, 100);
    for (let i = 0; i < 5; i++) document.querySelector('main')?.append(document.createElement('p'));
    await settle(99);
    expect(onRedraw).not.toHaveBeenCalled();
    await settle(1);
    expect(onRedraw).toHaveBeenCalledTimes(1);
  });

  it('sees elements removed deep in the page, and keeps calling back while changes go on', async () => {
    const onRedraw = vi.fn();
    watchPageRedraws(document.body, onRedraw, 100);
    document.querySelector('h1')?.remove();
    await settle(100);
    document.querySelector('header')?.remove();
    await settle(100);
    expect(onRedraw).toHaveBeenCalledTimes(2);
  });

  it('ignores attribute and text changes, which never move our button', async () => {
    const onRedraw = vi.fn();
    watchPageRedraws(document.body, onRedraw, 100);
    document.querySelector('main')?.setAttribute('class', 'busy');
    const title = document.querySelector('h1')?.firstChild;
    if (title) title.textContent = 'Renamed';
    await settle(200);
    expect(onRedraw).not.toHaveBeenCalled();
  });

  it('stops: no call back after, not even for a change already seen', async () => {
    const onRedraw = vi.fn();
    const stop = watchPageRedraws(document.body, onRedraw, 100);
    document.querySelector('main')?.append(document.createElement('p'));
    await Promise.resolve();
    stop();
    document.querySelector('main')?.append(document.createElement('p'));
    await settle(500);
    expect(onRedraw).not.toHaveBeenCalled();
  });
});
