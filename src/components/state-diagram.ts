/**
 * <state-diagram>: follows a <Scenario> player on the same page. On each `scenario-frame` from
 * that figure it reads the figure's state-change items up to the frame (`data-host`,
 * `data-socket`, `data-from`, `data-to` on the sequence diagram) and highlights the socket's
 * current state and the last transition taken. Standalone (no data-figure) it does nothing.
 */
class StateDiagram extends HTMLElement {
  private readonly onFrame = (e: Event): void => {
    const figure = (e.target as Element | null)?.closest('figure');
    if (figure?.id === this.dataset['figure']) this.show((e as CustomEvent<{ frame: number }>).detail.frame);
  };

  connectedCallback(): void {
    // Standalone, or the linked <Scenario> is not on this page: a plain diagram.
    if (!this.dataset['figure'] || !document.getElementById(this.dataset['figure'])) return;
    document.addEventListener('scenario-frame', this.onFrame);
    const status = this.querySelector<HTMLElement>('.sd-status');
    if (status) status.hidden = false;
    // The player may have started before this element: pick up where it stands now.
    const shown = [...this.changes()].filter((item) => !item.classList.contains('is-hidden'));
    this.show(Math.max(-1, ...shown.map((item) => Number(item.getAttribute('data-frame')))));
  }

  disconnectedCallback(): void {
    document.removeEventListener('scenario-frame', this.onFrame);
  }

  /** The followed socket's state changes in the linked sequence diagram, in frame order. */
  private changes(): Element[] {
    const figure = document.getElementById(this.dataset['figure'] ?? '');
    if (!figure) return [];
    const host = CSS.escape(this.dataset['host'] ?? '');
    const socket = CSS.escape(this.dataset['socket'] ?? '');
    return [...figure.querySelectorAll(`svg [data-frame][data-host="${host}"][data-socket="${socket}"][data-to]`)];
  }

  private show(frame: number): void {
    const changes = this.changes();
    const taken = changes.filter((item) => Number(item.getAttribute('data-frame')) <= frame);
    const last = taken.at(-1);
    // Before its first change the socket is in the state that change leaves (LISTEN for an accepted one).
    const state = last?.getAttribute('data-to') ?? changes[0]?.getAttribute('data-from') ?? 'CLOSED';
    const from = last?.getAttribute('data-from') ?? null;
    const svg = this.querySelector('svg');
    if (!svg) return;
    for (const node of svg.querySelectorAll('.sd-state'))
      node.classList.toggle('is-current', node.getAttribute('data-state') === state);
    const key = from === null ? null : `${from}>${state}`;
    for (const edge of svg.querySelectorAll<SVGGElement>('.sd-edge')) {
      const isLast = `${edge.getAttribute('data-from')}>${edge.getAttribute('data-to')}` === key;
      edge.classList.toggle('is-last', isLast);
      const marker = svg.getAttribute(isLast ? 'data-marker-last' : 'data-marker');
      edge.querySelector('path')?.setAttribute('marker-end', `url(#${marker})`);
      // Bus lines overlap: draw the last transition on top of its neighbours.
      if (isLast) edge.parentElement?.append(edge);
    }
    for (const label of svg.querySelectorAll('.sd-label'))
      label.classList.toggle('is-last', label.getAttribute('data-edge') === key);
    const status = this.querySelector('.sd-status');
    if (status) {
      const current = document.createElement('strong');
      current.textContent = (this.dataset['current'] ?? '{state}').replace('{state}', state);
      const step = document.createElement('span');
      step.textContent =
        from === null
          ? (this.dataset['none'] ?? '')
          : (this.dataset['last'] ?? '').replace('{from}', from).replace('{to}', state);
      status.replaceChildren(current, ' ', step);
    }
  }
}

if (!customElements.get('state-diagram')) customElements.define('state-diagram', StateDiagram);

// A module, for widgets.ts to import when the page has one.
export {};
