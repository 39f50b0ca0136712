/**
 * A raw file's Blob parts, told on a `BroadcastChannel` as the build makes them, so a reader in
 * another of the extension's pages can read the file while it downloads: the Flow charts page
 * parses each report as it arrives, not once it is whole. A channel reaches only pages of the
 * extension's own origin (never a content script), and its name is the reader's random one. No
 * byte is copied: a Blob crosses as a reference to the same data.
 */

/**
 * What a parts channel carries, in order: `reset` as each attempt starts (a retry starts the file
 * afresh, so what was read of it is void), each part as it is made, `end` once the file is whole.
 */
export type PartsMessage = { reset: true } | { part: Blob } | { end: true };

/**
 * Tells the parts of the attempt starting now: `parts()` is the build's list of parts, which the
 * attempt replaces with its own before it adds any; call `told` after each piece of progress and
 * `ended` when the attempt ended.
 */
export function partsTeller(name: string, parts: () => readonly Blob[]) {
  const channel = new BroadcastChannel(name);
  const before = parts();
  let sent = 0;
  const post = (message: PartsMessage) => channel.postMessage(message);
  post({ reset: true });
  const told = () => {
    const now = parts();
    if (now === before) return;
    for (; sent < now.length; sent++) post({ part: now[sent] as Blob });
  };
  return {
    told,
    ended(whole: boolean) {
      if (whole) {
        told();
        post({ end: true });
      }
      channel.close();
    },
  };
}
