import type { Page } from 'playwright-core';
import {
  DEFAULT_TIMEOUT_MS,
  matches,
  poll,
  type Role,
  type UiPage,
  type WaitOptions,
} from './uiPage';

/** `UiPage` on a Playwright page (Chromium). */
export function playwrightUiPage(page: Page): UiPage {
  const byRole = (role: Role, name?: string) =>
    page.getByRole(role, name === undefined ? {} : { name, exact: true });
  const timeout = (options?: WaitOptions) => options?.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  return {
    url: async () => page.url(),
    goto: async (url) => {
      await page.goto(url);
    },
    fill: (label, value, options) =>
      page.getByLabel(label, { exact: true }).fill(value, { timeout: timeout(options) }),
    select: async (label, option, options) => {
      await page
        .getByLabel(label, { exact: true })
        .selectOption({ label: option }, { timeout: timeout(options) });
    },
    click: (role, name, options) => byRole(role, name).click({ timeout: timeout(options) }),
    press: (key) => page.keyboard.press(key),
    waitFor: (role, name, options) =>
      byRole(role, name)
        .first()
        .waitFor({ state: 'visible', timeout: timeout(options) }),
    waitForGone: (role, name, options) =>
      byRole(role, name)
        .first()
        .waitFor({ state: 'hidden', timeout: timeout(options) }),
    waitForText: (role, text, options) =>
      poll(
        `a ${role} saying ${text}`,
        async () => (await visibleTexts(page, role)).find((t) => matches(t, text)),
        options,
      ),
    texts: (role) => visibleTexts(page, role),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    screenshot: async (path) => {
      await page.screenshot({ path });
    },
    close: () => page.close(),
  };
}

async function visibleTexts(page: Page, role: Role): Promise<string[]> {
  const texts: string[] = [];
  for (const element of await page.getByRole(role).all()) {
    if (await element.isVisible()) texts.push(((await element.textContent()) ?? '').trim());
  }
  return texts;
}
