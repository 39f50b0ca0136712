// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { nextTask, taskSlices } from '../nextTask';

describe('nextTask', () => {
  it('resolves in a task of its own, after every microtask queued before it ran', async () => {
    const order: string[] = [];
    const paused = nextTask().then(() => order.push('next task'));
    for (let i = 0; i < 100; i++) await Promise.resolve();
    order.push('microtasks');
    await paused;
    expect(order).toEqual(['microtasks', 'next task']);
  });
});

/** Whether `pause` settles among the microtasks that follow, without a task of its own. */
async function settlesAtOnce(pause: Promise<void>): Promise<boolean> {
  let settled = false;
  void pause.then(() => {
    settled = true;
  });
  for (let i = 0; i < 100; i++) await Promise.resolve();
  const atOnce = settled;
  await pause;
  return atOnce;
}

describe('taskSlices', () => {
  it('gives way to the next task only once the slice went by since it last did', async () => {
    let now = 0;
    const pause = taskSlices(10, () => now);
    now = 9;
    expect(await settlesAtOnce(pause())).toBe(true);
    now = 10;
    expect(await settlesAtOnce(pause())).toBe(false);
    now = 19;
    expect(await settlesAtOnce(pause())).toBe(true);
    now = 20;
    expect(await settlesAtOnce(pause())).toBe(false);
  });
});
