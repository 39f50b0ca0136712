import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { sendMessage } from '@/lib/messaging';
import type { LaneOption } from '@/lib/recipes/laneOptions';

/** Where the lane picker's list stands. */
export type LaneLookup =
  | { state: 'no-boards' }
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; lanes: LaneOption[] };

const NO_ANSWER = 'The LeanKit Exporter extension did not answer. Reload the page and try again.';

/**
 * The lanes of these boards, asked of the background whenever the boards change (`wanted`: only
 * for a report with a lane filter). An answer for boards no longer chosen is dropped.
 */
export function useBoardLanes(boardIds: readonly string[], wanted: boolean): LaneLookup {
  const lookup = useSignal<LaneLookup>({ state: 'no-boards' });
  const key = wanted ? boardIds.join(',') : '';
  useEffect(() => {
    if (!key) {
      lookup.value = { state: 'no-boards' };
      return;
    }
    let current = true;
    lookup.value = { state: 'loading' };
    void (async () => {
      let next: LaneLookup;
      try {
        const result = await sendMessage('listLanes', { boardIds: key.split(',') });
        next = result.ok
          ? { state: 'ready', lanes: result.value }
          : { state: 'failed', message: result.error.message };
      } catch {
        next = { state: 'failed', message: NO_ANSWER };
      }
      if (current) lookup.value = next;
    })();
    return () => {
      current = false;
    };
  }, [key]);
  return lookup.value;
}
