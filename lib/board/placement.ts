/** Where the board button goes: after the board title in the header, or floating in a corner. */
export type Placement = { kind: 'header'; after: Element } | { kind: 'floating' };

/**
 * Looks for the board title by element names only (`header h1`), never LeanKit's class names,
 * which change with their releases; when it is not there the button floats, so it always shows.
 */
export function findPlacement(root: ParentNode): Placement {
  const title = root.querySelector('header h1');
  return title?.parentElement ? { kind: 'header', after: title } : { kind: 'floating' };
}
