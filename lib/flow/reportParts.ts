import type { PartsMessage } from '../jobs/partsChannel';

/** What the page needs of a `BroadcastChannel`. */
export interface PartsChannel {
  onmessage: ((event: MessageEvent) => void) | null;
  close(): void;
}

/** A retry started the report's file afresh: what was read of it is void (never shown). */
export class PartsRestarted extends Error {
  override readonly name = 'PartsRestarted';
}

/**
 * One report's file as its build tells it part by part (lib/jobs/partsChannel.ts): `stream()`
 * gives the bytes of the attempt under way as they come, and ends with the file; it fails with
 * `PartsRestarted` when a retry starts the file afresh after bytes of it were given, and the next
 * `stream()` goes on with the new attempt's bytes.
 */
export class ReportParts {
  private readonly queue: PartsMessage[] = [];
  private wake: (() => void) | undefined;

  constructor(private readonly channel: PartsChannel) {
    channel.onmessage = (event) => {
      this.queue.push(event.data as PartsMessage);
      this.wake?.();
    };
  }

  stream(): ReadableStream<Uint8Array> {
    let part: ReadableStreamDefaultReader<Uint8Array> | undefined;
    let given = false;
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        for (;;) {
          if (part) {
            const { done, value } = await part.read();
            if (!done) {
              given = true;
              controller.enqueue(value);
              return;
            }
            part = undefined;
          }
          const message = await this.next();
          if ('part' in message) part = message.part.stream().getReader();
          else if ('end' in message) return controller.close();
          else if (given) return controller.error(new PartsRestarted());
        }
      },
      cancel: () => part?.cancel(),
    });
  }

  close(): void {
    this.channel.onmessage = null;
    this.channel.close();
  }

  private async next(): Promise<PartsMessage> {
    while (this.queue.length === 0) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = undefined;
    }
    return this.queue.shift() as PartsMessage;
  }
}
