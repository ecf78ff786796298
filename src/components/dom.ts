/** Small DOM helpers shared by the custom elements. */

/** The element the markup promises, of the kind it promises; anything else is a build bug. */
export function el<T extends Element>(root: ParentNode, selector: string, kind: abstract new () => T): T {
  const found = root.querySelector(selector);
  if (!(found instanceof kind)) throw new Error(`missing ${selector}`);
  return found;
}

/** A drop zone: highlighted while files are dragged over it, handing the dropped files on. */
export function onDropFiles(zone: Element, take: (files: File[]) => void): void {
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('is-over');
  });
  zone.addEventListener('dragleave', () => {
    zone.classList.remove('is-over');
  });
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('is-over');
    take([...((e as DragEvent).dataTransfer?.files ?? [])]);
  });
}
