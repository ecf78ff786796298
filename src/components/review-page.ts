/** <review-page>: lists what the Leitner schedule brings back now, from stored progress. */
import { boxCounts, dueForReview } from '../progress/leitner.ts';
import { loadProgress, setAside } from './progress-storage.ts';

class ReviewPage extends HTMLElement {
  connectedCallback(): void {
    const items = JSON.parse(this.dataset['items'] ?? '{}') as Record<string, [string, string]>;
    const strings = JSON.parse(this.dataset['strings'] ?? '{}') as Record<string, string>;
    for (const el of this.querySelectorAll<HTMLElement>('[data-without-js]')) el.hidden = true;
    const progress = loadProgress();
    if (setAside() !== null) {
      const notice = this.querySelector<HTMLElement>('.ex-notice');
      if (notice) {
        notice.textContent = strings['notice'] ?? '';
        notice.hidden = false;
      }
    }
    // Only questions this build still has: an old key from a removed exercise is kept but not listed.
    const known = Object.fromEntries(Object.entries(progress.questions).filter(([k]) => k in items));
    const due = dueForReview(known, new Date());
    const list = this.querySelector('.rv-list');
    list?.replaceChildren(
      ...due.map((d) => {
        const [label, href] = items[d.key] ?? [d.key, '#'];
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = href;
        a.textContent = label;
        const box = (strings['box'] ?? '').replace('{n}', String(d.box));
        li.append(a, ` — ${box}${d.solved ? '' : `, ${strings['unsolved'] ?? ''}`}`);
        return li;
      }),
    );
    const count = this.querySelector('.rv-count');
    if (count) count.textContent = (strings['due'] ?? '').replace('{n}', String(due.length));
    const none = this.querySelector<HTMLElement>('.rv-none');
    if (none) none.hidden = due.length > 0;
    const counts = boxCounts(known);
    for (const n of [1, 2, 3, 4, 5] as const) {
      const td = this.querySelector(`[data-box="${n}"]`);
      if (td) td.textContent = String(counts[n]);
    }
  }
}

customElements.define('review-page', ReviewPage);
