import type { RefObject } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

/**
 * Keeps keyboard focus inside the board button as its controls come and go: when a render removes
 * the control that had focus (the menu toggle once an export starts, Cancel once it ends), focus
 * moves to `fallback` instead of dropping to the page's `<body>`. Focus the user moved elsewhere
 * is left alone. Spread the returned handlers on the element that wraps all the controls.
 */
export function useFocusKeeper(fallback: RefObject<HTMLElement | null>) {
  const focused = useRef<Element | null>(null);

  useLayoutEffect(() => {
    if (focused.current && !focused.current.isConnected) {
      focused.current = null;
      fallback.current?.focus();
    }
  });

  return {
    onFocusIn: (event: FocusEvent) => {
      focused.current = event.target as Element;
    },
    onFocusOut: (event: FocusEvent) => {
      const left = event.target as Element;
      // Decided after the event: a control being removed is gone by then, one the user left is not.
      queueMicrotask(() => {
        if (left.isConnected && focused.current === left) focused.current = null;
      });
    },
  };
}
