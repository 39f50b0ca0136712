/**
 * What a journey does with a page, the same in every browser: find controls by role and accessible
 * name as a user would, type, click, read. Chromium implements it with Playwright, Firefox with
 * Puppeteer over WebDriver BiDi, so each journey is written once (docs/testing.md, "Firefox").
 * Names match exactly; both implementations look inside open shadow roots.
 */
export type Role =
  | 'alert'
  | 'button'
  | 'checkbox'
  | 'combobox'
  | 'heading'
  | 'link'
  | 'menu'
  | 'menuitem'
  | 'menuitemradio'
  | 'progressbar'
  | 'radio'
  | 'searchbox'
  | 'status'
  | 'textbox';

export interface WaitOptions {
  timeoutMs?: number;
}

export interface UiPage {
  /** The page's current URL. */
  url(): Promise<string>;
  goto(url: string): Promise<void>;
  /** Replaces the value of the field labelled `label`. */
  fill(label: string, value: string, options?: WaitOptions): Promise<void>;
  /** Chooses the option showing `option` in the select labelled `label`. */
  select(label: string, option: string, options?: WaitOptions): Promise<void>;
  /** Clicks the enabled, visible control with this role and name. */
  click(role: Role, name: string, options?: WaitOptions): Promise<void>;
  /** Presses a key on whatever has focus, e.g. 'Enter', 'Escape', 'ArrowDown'. */
  press(key: string): Promise<void>;
  /** Waits for a visible element with this role (and name, when given). */
  waitFor(role: Role, name?: string, options?: WaitOptions): Promise<void>;
  /** Waits until no element with this role (and name) is visible. */
  waitForGone(role: Role, name?: string, options?: WaitOptions): Promise<void>;
  /** Waits until some element with this role has text matching `text`, and returns that text. */
  waitForText(role: Role, text: string | RegExp, options?: WaitOptions): Promise<string>;
  /** Texts of every visible element with this role, in document order. */
  texts(role: Role): Promise<string[]>;
  /** Runs a function in the page and returns its (serialisable) result. */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

/** Polls `read` until it returns a value that is not undefined, or fails after the timeout. */
export async function poll<T>(
  what: string,
  read: () => Promise<T | undefined>,
  { timeoutMs = DEFAULT_TIMEOUT_MS }: WaitOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await read();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${reason}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function matches(text: string, expected: string | RegExp): boolean {
  return typeof expected === 'string' ? text.trim() === expected : expected.test(text);
}
