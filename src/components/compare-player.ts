/**
 * <scenario-compare>: one set of controls for the two players of a <Compare>, made here from
 * the page's player words and the comparison's name for them (`data-label`). Its buttons, speed choice and keys (wherever focus is inside the
 * comparison) drive both players at once, frame for frame; the players' own step buttons are
 * hidden.
 */
import { controlsElement, pageControlWords, type ControlWords } from './player-controls.ts';

interface Steppable extends HTMLElement {
  act(action: string): void;
  setSpeed(speed: number): void;
}

class ScenarioCompare extends HTMLElement {
  private playing = false;
  private words: ControlWords | null = null;

  connectedCallback(): void {
    this.words = pageControlWords(this.dataset['label']);
    const section = this.querySelector('.compare');
    if (!this.words || !section || this.querySelector('.compare-controls')) return;
    const controls = controlsElement(this.words, 'compare-controls', false);
    section.prepend(controls);
    this.classList.add('is-linked');
    controls.addEventListener('click', (e) => {
      const button = (e.target as Element).closest('button[data-action]');
      if (button) this.act(button.getAttribute('data-action') ?? '');
    });
    controls.addEventListener('change', (e) => {
      const speed = Number((e.target as HTMLSelectElement).value) || 1;
      for (const player of this.players()) player.setSpeed(speed);
    });
    this.addEventListener('keydown', (e) => {
      const target = e.target as Element;
      if (target.closest('select, input, textarea')) return;
      if ((e.key === ' ' || e.key === 'Enter') && target.closest('button, summary, a')) return;
      const action = { ArrowRight: 'forward', ArrowLeft: 'back', ' ': 'play', Home: 'restart', End: 'end' }[e.key];
      if (!action || e.altKey || e.ctrlKey || e.metaKey) return;
      e.preventDefault();
      e.stopPropagation();
      this.act(action);
    });
  }

  private players(): Steppable[] {
    return [...this.querySelectorAll('scenario-player')].filter(
      (p): p is Steppable => typeof (p as Partial<Steppable>).act === 'function',
    );
  }

  private act(action: string): void {
    this.playing = action === 'play' ? !this.playing : false;
    const button = this.querySelector('.compare-controls button[data-action="play"]');
    button?.setAttribute('aria-pressed', String(this.playing));
    const label = button?.querySelector('.play-label');
    if (label) label.textContent = (this.playing ? this.words?.pause : this.words?.play) ?? '';
    for (const player of this.players()) player.act(action === 'play' ? (this.playing ? 'play-on' : 'pause') : action);
  }
}

if (!customElements.get('scenario-compare')) customElements.define('scenario-compare', ScenarioCompare);
