import type { Page } from 'puppeteer-core';
import {
  DEFAULT_TIMEOUT_MS,
  matches,
  poll,
  type Role,
  type UiPage,
  type WaitOptions,
} from './uiPage';

/** `UiPage` on a Puppeteer page (Firefox over WebDriver BiDi), through Puppeteer's ARIA queries. */
export function puppeteerUiPage(page: Page): UiPage {
  const aria = (role: Role, name?: string) =>
    name === undefined
      ? `::-p-aria([role="${role}"])`
      : `::-p-aria([name="${quote(name)}"][role="${role}"])`;
  const timeout = (options?: WaitOptions) => options?.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function visibleTexts(role: Role): Promise<string[]> {
    const texts: string[] = [];
    for (const handle of await page.$$(aria(role))) {
      if (await handle.isVisible()) {
        texts.push(((await handle.evaluate((el) => el.textContent)) ?? '').trim());
      }
      await handle.dispose();
    }
    return texts;
  }

  return {
    url: async () => page.evaluate(() => location.href),
    goto: async (url) => {
      await page.goto(url);
    },
    fill: async (label, value, options) => {
      // A label's accessible name matches both the <label> and its field: take the field.
      const field = await poll(
        `a field labelled ${label}`,
        async () => {
          for (const handle of await page.$$(`::-p-aria(${quote(label)})`)) {
            const isField = await handle.evaluate((el) => el.matches('input, textarea, select'));
            if (isField && (await handle.isVisible())) return handle;
          }
          return undefined;
        },
        options,
      );
      await field.evaluate((el) => {
        (el as HTMLInputElement).value = '';
      });
      await field.type(value);
    },
    click: (role, name, options) =>
      page.locator(aria(role, name)).setTimeout(timeout(options)).click(),
    press: (key) => page.keyboard.press(key as Parameters<Page['keyboard']['press']>[0]),
    waitFor: async (role, name, options) => {
      await page.waitForSelector(aria(role, name), { visible: true, timeout: timeout(options) });
    },
    waitForGone: async (role, name, options) => {
      await page.waitForSelector(aria(role, name), { hidden: true, timeout: timeout(options) });
    },
    waitForText: (role, text, options) =>
      poll(
        `a ${role} saying ${text}`,
        async () => (await visibleTexts(role)).find((t) => matches(t, text)),
        options,
      ),
    texts: visibleTexts,
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    screenshot: async (path) => {
      await page.screenshot({ path });
    },
    close: () => page.close(),
  };
}

/** Escapes a name for a `[name="…"]` ARIA attribute. */
function quote(name: string): string {
  return name.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}
