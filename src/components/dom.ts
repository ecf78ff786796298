/** Small DOM helpers shared by the custom elements. */

/** The element the markup promises, of the kind it promises; anything else is a build bug. */
export function el<T extends Element>(root: ParentNode, selector: string, kind: abstract new () => T): T {
  const found = root.querySelector(selector);
  if (!(found instanceof kind)) throw new Error(`missing ${selector}`);
  return found;
}
