import { vi } from 'vitest';
import { type MessageType, type Protocol, sendMessage } from '@/lib/messaging';

type Answers = { [K in MessageType]?: (data: Protocol[K]['request']) => Protocol[K]['response'] };

/**
 * Answers the UI's messages as the background would, from a table; records what was asked.
 * Each test file mocks '@/lib/messaging' (vi.mock is hoisted per file) and calls this.
 */
export function answerMessages(answers: Answers) {
  const asked: { type: MessageType; data: unknown }[] = [];
  vi.mocked(sendMessage).mockImplementation((async (type: MessageType, data?: unknown) => {
    asked.push({ type, data });
    const answer = answers[type] as ((data: unknown) => unknown) | undefined;
    if (!answer) throw new Error(`Unexpected message ${type}`);
    return answer(data);
  }) as typeof sendMessage);
  return asked;
}
