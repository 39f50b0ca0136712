import { describe, expect, it, vi } from 'vitest';
import { createSignInBadge } from '../signInBadge';
import { toolbarAction } from '../toolbarAction';

function fakeAction() {
  return {
    setBadgeText: vi.fn(async () => {}),
    setBadgeBackgroundColor: vi.fn(async () => {}),
    setTitle: vi.fn(async () => {}),
  };
}

describe('toolbarAction', () => {
  it('uses `action` where the browser has it (Chrome, Firefox MV3)', () => {
    const action = fakeAction();
    expect(toolbarAction({ action, browserAction: fakeAction() })).toBe(action);
  });

  it('falls back to `browserAction` in Firefox’s MV2 build, and the badge works through it', async () => {
    const browserAction = fakeAction();
    const badge = createSignInBadge(
      toolbarAction<ReturnType<typeof fakeAction>>({ browserAction }),
    );
    await badge.show();
    expect(browserAction.setBadgeText).toHaveBeenCalledWith({ text: '!' });
    expect(browserAction.setTitle).toHaveBeenCalledWith({
      title: 'LeanKit Exporter: sign in again',
    });
  });

  it('says so when there is neither', () => {
    expect(() => toolbarAction({})).toThrow(/no toolbar button API/);
  });
});
