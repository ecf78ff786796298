/**
 * Whether this is the first time `key` is asked for while rendering the page `request` is for:
 * words every player on a page shares go into the page once, on the first player.
 */
const seen = new WeakMap<Request, Set<string>>();

export function firstOnPage(request: Request, key: string): boolean {
  const keys = seen.get(request) ?? new Set<string>();
  seen.set(request, keys);
  if (keys.has(key)) return false;
  keys.add(key);
  return true;
}
