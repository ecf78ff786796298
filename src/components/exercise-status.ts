/** The feedback region under a question, shared by the exercise widget and the assignment page. */

/** Fills a question's status region with one paragraph per line and, if given, a link to read more. */
export function showStatus(
  region: HTMLElement | null,
  lines: readonly string[],
  link?: { href: string; text: string },
): void {
  if (!region) return;
  region.replaceChildren(
    ...lines.map((line) => {
      const p = document.createElement('p');
      p.textContent = line;
      return p;
    }),
  );
  if (link === undefined) return;
  const p = document.createElement('p');
  const a = document.createElement('a');
  a.href = link.href;
  a.textContent = link.text;
  p.append(a);
  region.append(p);
}
