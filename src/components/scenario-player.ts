/**
 * <scenario-player>: reveals a build-time sequence diagram one item at a time.
 * Buttons and keys step, play, pause and restart; the caption of the current item is read
 * out politely. Without JavaScript the whole diagram stays visible. To show another trace,
 * replace the element: a new one reads its frames when it is connected.
 */
class ScenarioPlayer extends HTMLElement {
  private frame = -1;
  private total = 0;
  private timer: number | undefined;
  private items: Element[] = [];

  connectedCallback(): void {
    this.total = Number(this.dataset['frames'] ?? 0);
    this.items = [...this.querySelectorAll('svg [data-frame]')];
    for (const hidden of this.querySelectorAll<HTMLElement>('.scenario-controls, .scenario-caption, .scenario-keys'))
      hidden.hidden = false;
    this.addEventListener('click', (e) => {
      const button = (e.target as Element).closest('button[data-action]');
      if (button) this.act(button.getAttribute('data-action') ?? '');
    });
    this.querySelector('.scenario-diagram')?.addEventListener('keydown', (e) => this.key(e as KeyboardEvent));
    // Hide the diagram without a fade the first time, then let transitions play.
    this.classList.add('is-starting');
    // `data-start="end"` (the playground) opens on the whole diagram; lessons start before the first item.
    this.show(this.dataset['start'] === 'end' ? this.total - 1 : -1);
    requestAnimationFrame(() => requestAnimationFrame(() => this.classList.remove('is-starting')));
  }

  disconnectedCallback(): void {
    this.pause();
  }

  private key(e: KeyboardEvent): void {
    const action = { ArrowRight: 'forward', ArrowLeft: 'back', ' ': 'play', Home: 'restart', End: 'end' }[e.key];
    if (!action) return;
    e.preventDefault();
    this.act(action);
  }

  private act(action: string): void {
    if (action === 'play') {
      if (this.timer === undefined) this.play();
      else this.pause();
      return;
    }
    this.pause();
    if (action === 'forward') this.show(Math.min(this.total - 1, this.frame + 1));
    else if (action === 'back') this.show(Math.max(-1, this.frame - 1));
    else if (action === 'restart') this.show(-1);
    else if (action === 'end') this.show(this.total - 1);
  }

  private play(): void {
    if (this.frame >= this.total - 1) this.show(-1);
    this.setPlaying(true);
    this.timer = window.setInterval(() => {
      if (this.frame >= this.total - 1) {
        this.pause();
        return;
      }
      this.show(this.frame + 1);
    }, 900);
  }

  private pause(): void {
    if (this.timer !== undefined) window.clearInterval(this.timer);
    this.timer = undefined;
    this.setPlaying(false);
  }

  private setPlaying(playing: boolean): void {
    const button = this.querySelector('button[data-action="play"]');
    button?.setAttribute('aria-pressed', String(playing));
    const label = button?.querySelector('.play-label');
    if (label) label.textContent = (playing ? this.dataset['pause'] : this.dataset['play']) ?? '';
  }

  private show(frame: number): void {
    this.frame = frame;
    for (const item of this.items) {
      const n = Number(item.getAttribute('data-frame'));
      item.classList.toggle('is-hidden', n > frame);
      item.classList.toggle('is-current', n === frame);
    }
    const position = this.querySelector('.scenario-position');
    if (position)
      position.textContent = (this.dataset['position'] ?? '')
        .replace('{n}', String(frame + 1))
        .replace('{total}', String(this.total));
    const caption = this.querySelector<HTMLElement>('.scenario-caption');
    const text = this.querySelector(`.scenario-captions [data-frame="${frame}"]`)?.textContent ?? '';
    if (caption) caption.textContent = text;
    this.dispatchEvent(new CustomEvent('scenario-frame', { bubbles: true, detail: { frame } }));
  }
}

if (!customElements.get('scenario-player')) customElements.define('scenario-player', ScenarioPlayer);
