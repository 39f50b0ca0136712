/**
 * A function giving the offset of `timeZone` from UTC at an instant (epoch ms), in ms, as Intl
 * knows it: the zone's wall-clock time read as if it were UTC, less the instant (to the second).
 * The date stage of exports and the flow metrics' calendar days both ask it, sparingly.
 */
export function createOffsetFinder(timeZone: string): (time: number) => number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return (time) => {
    const local: Record<string, number> = {};
    for (const part of parts.formatToParts(time)) local[part.type] = Number(part.value);
    const asUtc = Date.UTC(
      local.year ?? 0,
      (local.month ?? 1) - 1,
      local.day ?? 1,
      local.hour ?? 0,
      local.minute ?? 0,
      local.second ?? 0,
    );
    return asUtc - (time - (((time % 1000) + 1000) % 1000));
  };
}
