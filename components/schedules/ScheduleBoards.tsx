import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { BoardOption } from '@/lib/boardOptions';
import { sendMessage } from '@/lib/messaging';
import { BoardPicker } from '../BoardPicker';

/**
 * The boards a scheduled report or snapshot covers: the popup's board picker, its list asked of
 * the background when the form first needs it (signed out, the picker says why it has none).
 */
export function ScheduleBoards({
  selected,
  onChange,
}: {
  selected: readonly string[];
  onChange: (boardIds: string[]) => void;
}) {
  const boards = useSignal<BoardOption[] | undefined>(undefined);
  const loadError = useSignal<string | null>(null);
  const complete = useSignal(true);
  const open = useSignal(false);

  useEffect(() => {
    void sendMessage('listBoards').then((result) => {
      if (result.ok) {
        boards.value = result.value.boards;
        complete.value = result.value.complete;
      } else loadError.value = result.error.message;
    });
  }, []);

  return (
    <BoardPicker
      boards={boards.value}
      loadError={loadError.value}
      complete={complete.value}
      selected={selected}
      onChange={onChange}
      open={open.value}
      onOpenChange={(next) => {
        open.value = next;
      }}
    />
  );
}
