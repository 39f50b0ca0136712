import { fireEvent } from '@testing-library/preact';

/**
 * A click as the browser makes it for the user: trusted. happy-dom has no `isTrusted`, and
 * `fireEvent.click` stands for a script's click, so the user's is marked here.
 */
export function userClick(element: Element): void {
  const event = new MouseEvent('click', { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'isTrusted', { value: true });
  fireEvent(element, event);
}
