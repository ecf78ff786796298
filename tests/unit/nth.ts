/** The element at `k`; a missing one fails the test here instead of surfacing later as `undefined`. */
export function nth<T>(list: ArrayLike<T>, k: number): T {
  const item = list[k];
  if (item === undefined) throw new Error(`no element at ${k} (length ${list.length})`);
  return item;
}
