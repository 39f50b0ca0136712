import type { ElementHandle, Page } from 'puppeteer-core';
import {
  DEFAULT_TIMEOUT_MS,
  matches,
  poll,
  type Role,
  type UiPage,
  type WaitOptions,
} from './uiPage';

/**
 * `UiPage` on a Puppeteer page (Firefox over WebDriver BiDi). Puppeteer's ARIA queries find the
 * page's own controls; Firefox's accessibility look-up does not enter shadow roots, so controls
 * inside open shadow roots (our board button) are found by role and accessible name in the page.
 */
export function puppeteerUiPage(page: Page): UiPage {
  const aria = (role: Role, name?: string) =>
    name === undefined
      ? `::-p-aria([role="${role}"])`
      : `::-p-aria([name="${quote(name)}"][role="${role}"])`;
  const timeout = (options?: WaitOptions) => options?.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  /** Visible elements with this role (and exact name), in the page and in open shadow roots. */
  async function find(role: Role, name?: string): Promise<ElementHandle<Element>[]> {
    const found = await page.$$(aria(role, name));
    const inShadowRoots = await page.evaluateHandle(findInShadowRoots, role, name ?? null);
    const count = await inShadowRoots.evaluate((list) => list.length);
    for (let i = 0; i < count; i++) {
      const handle = await inShadowRoots.evaluateHandle((list, index) => list[index], i);
      found.push(handle as ElementHandle<Element>);
    }
    await inShadowRoots.dispose();
    const visible: ElementHandle<Element>[] = [];
    for (const handle of found) {
      if (await handle.isVisible()) visible.push(handle);
      else await handle.dispose();
    }
    return visible;
  }

  /** The visible form field labelled `label` (a label's name matches both it and its field). */
  function field(label: string, options?: WaitOptions) {
    return poll(
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
  }

  async function first(role: Role, name: string, options?: WaitOptions) {
    return poll(
      `a ${role} named ${name}`,
      async () => {
        const [handle] = await find(role, name);
        // As Playwright does: aria-disabled marks a control that stays focusable but does nothing.
        const enabled = await handle?.evaluate(
          (el) =>
            !(el as HTMLButtonElement).disabled && el.getAttribute('aria-disabled') !== 'true',
        );
        return enabled ? handle : undefined;
      },
      { timeoutMs: timeout(options) },
    );
  }

  async function texts(role: Role): Promise<string[]> {
    const result: string[] = [];
    for (const handle of await find(role)) {
      result.push(((await handle.evaluate((el) => el.textContent)) ?? '').trim());
      await handle.dispose();
    }
    return result;
  }

  return {
    url: async () => page.evaluate(() => location.href),
    goto: async (url) => {
      await page.goto(url);
    },
    fill: async (label, value, options) => {
      const input = await field(label, options);
      await input.evaluate((el) => {
        (el as HTMLInputElement).value = '';
      });
      await input.type(value);
    },
    select: async (label, option, options) => {
      const select = await field(label, options);
      const value = await poll(
        `an option ${option} in ${label}`,
        () =>
          select.evaluate(
            (el, text) =>
              [...(el as HTMLSelectElement).options].find((o) => o.text.trim() === text)?.value,
            option,
          ),
        options,
      );
      // Sets the value and fires input and change, as a user's choice does.
      await select.select(value);
    },
    click: async (role, name, options) => {
      await (await first(role, name, options)).click();
    },
    press: (key) => page.keyboard.press(key as Parameters<Page['keyboard']['press']>[0]),
    waitFor: async (role, name, options) => {
      await poll(
        `a ${role}${name ? ` named ${name}` : ''}`,
        async () => ((await find(role, name)).length > 0 ? true : undefined),
        { timeoutMs: timeout(options) },
      );
    },
    waitForGone: async (role, name, options) => {
      await poll(
        `no ${role}${name ? ` named ${name}` : ''}`,
        async () => ((await find(role, name)).length === 0 ? true : undefined),
        { timeoutMs: timeout(options) },
      );
    },
    waitForText: (role, text, options) =>
      poll(
        `a ${role} saying ${text}`,
        async () => (await texts(role)).find((t) => matches(t, text)),
        options,
      ),
    texts,
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

/**
 * Runs in the page: elements inside open shadow roots with this role and accessible name, from the
 * explicit `role` or the element's implicit one, and `aria-label` or the text as the name.
 */
function findInShadowRoots(role: string, name: string | null): Element[] {
  const implicit: Record<string, string> = {
    BUTTON: 'button',
    A: 'link',
    H1: 'heading',
    H2: 'heading',
    H3: 'heading',
    UL: 'list',
    LI: 'listitem',
  };
  const roleOf = (el: Element) => el.getAttribute('role') ?? implicit[el.tagName] ?? '';
  const nameOf = (el: Element) =>
    (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
  const found: Element[] = [];
  const visit = (root: ParentNode, inShadow: boolean) => {
    for (const el of root.querySelectorAll('*')) {
      if (inShadow && roleOf(el) === role && (name === null || nameOf(el) === name)) found.push(el);
      if (el.shadowRoot) visit(el.shadowRoot, true);
    }
  };
  visit(document, false);
  return found;
}
