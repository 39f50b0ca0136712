/**
 * Resolves in a task of its own, after what the browser already queued (messages among them).
 * Reads of a stream that is already buffered resolve as microtasks, so a long parse or conversion
 * never gives way by itself; and the extension's pages share one main thread (Chrome runs them in
 * one process). A message, not `setTimeout`, which Chrome delays by 4 ms once nested and throttles
 * in a hidden document.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

/**
 * A pause that gives way (`nextTask`) only once `sliceMs` went by since it last did: a report
 * comes in hundreds of pieces, and each task given away also lets the page render a frame.
 */
export function taskSlices(
  sliceMs: number,
  now: () => number = () => performance.now(),
): () => Promise<void> {
  let sliceStart = now();
  return async () => {
    if (now() - sliceStart < sliceMs) return;
    await nextTask();
    sliceStart = now();
  };
}
