/**
 * The toolbar button's API. Chrome and Firefox MV3 call it `action`; Firefox's MV2 build has only
 * `browserAction`, which has every method we use (badge, title, openPopup) with promises, though
 * Chrome's typings describe its callback-era `browserAction`; hence the cast.
 */
export function toolbarAction<Action>(api: { action?: Action; browserAction?: unknown }): Action {
  const action = api.action ?? (api.browserAction as Action | undefined);
  if (!action) throw new Error('This browser has no toolbar button API.');
  return action;
}
