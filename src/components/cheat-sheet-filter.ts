/**
 * <cheat-sheet>: the filter of lesson 11's lookup. The page lists every case; this shows the
 * form "what did you see?" and keeps only the cases whose data-saw names the chosen symptom,
 * hides lesson groups left empty, marks the matching symptom on each card, says how many
 * cases are left in a status line (read out by screen readers), and keeps the choice in the
 * URL (?saw=ECONNRESET) so it can be linked.
 */
class CheatSheet extends HTMLElement {
  connectedCallback(): void {
    const form = this.querySelector('form');
    const status = this.querySelector('.cs-count');
    if (!form || !status) return;
    const apply = (saw: string) => {
      let shown = 0;
      for (const item of this.querySelectorAll<HTMLElement>('.cs-case')) {
        const match = saw === '' || (item.dataset['saw'] ?? '').split(' ').includes(saw);
        item.hidden = !match;
        if (match) shown++;
      }
      for (const group of this.querySelectorAll<HTMLElement>('.cs-group')) {
        group.hidden = group.querySelector('.cs-case:not([hidden])') === null;
      }
      for (const chip of this.querySelectorAll<HTMLElement>('.cs-chip')) {
        chip.classList.toggle('is-match', saw !== '' && chip.dataset['symptom'] === saw);
      }
      const input = form.querySelector<HTMLInputElement>(`input[name="saw"][value="${CSS.escape(saw)}"]`);
      status.textContent =
        saw === ''
          ? (this.dataset['all'] ?? '')
          : (this.dataset['some'] ?? '')
              .replace('{n}', String(shown))
              .replace('{what}', input?.dataset['label'] ?? saw);
    };
    const choose = (saw: string, remember: boolean) => {
      apply(saw);
      if (!remember) return;
      const url = new URL(window.location.href);
      if (saw === '') url.searchParams.delete('saw');
      else url.searchParams.set('saw', saw);
      history.replaceState(history.state, '', url);
    };
    form.addEventListener('change', (event) => {
      if (event.target instanceof HTMLInputElement && event.target.name === 'saw') choose(event.target.value, true);
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
    });
    const asked = new URL(window.location.href).searchParams.get('saw') ?? '';
    const radio = form.querySelector<HTMLInputElement>(`input[name="saw"][value="${CSS.escape(asked)}"]`);
    if (radio) radio.checked = true;
    choose(radio ? asked : '', false);
    form.hidden = false;
  }
}

customElements.define('cheat-sheet', CheatSheet);

// A module, for widgets.ts to import when the page has one.
export {};
