/**
 * <scenario-player>: steps through a build-time sequence diagram one frame at a time.
 * It opens on the whole diagram (as it is without JavaScript); play and step start from the
 * first frame. Buttons and keys (wherever focus is inside the player) step, play, pause, go
 * to the start or the whole diagram; a speed choice (0.5×–4×) and chapter buttons for the
 * scenario's labelled steps. The current frame is highlighted in the diagram and in the trace
 * table after the player, and its caption is read out politely. Before printing, the trace
 * table opens. To show another trace, replace the element: a new one reads its frames when
 * it is connected.
 */
import { chaptersElement, controlsElement, keysElement, pagePlayerWords, type PlayerWords } from './player-controls.ts';

const STEP_MS = 900;

interface Chapter {
  label: string;
  text: string;
  frame: number;
}

class ScenarioPlayer extends HTMLElement {
  private frame = -1;
  private total = 0;
  /** True while the whole diagram is shown, before anyone plays or steps. */
  private overview = true;
  private speed = 1;
  private timer: number | undefined;
  private items: Element[] = [];
  private rows: Element[] = [];
  /** One list per host in the states panel, items in frame order. */
  private states: Element[] = [];
  private opened: HTMLDetailsElement[] = [];
  private words: PlayerWords | null = null;
  private readonly beforePrint = (): void => {
    this.opened = [...this.tables()].filter((d) => !d.open);
    for (const details of this.opened) details.open = true;
  };
  private readonly afterPrint = (): void => {
    for (const details of this.opened) details.open = false;
    this.opened = [];
  };

  connectedCallback(): void {
    this.total = Number(this.dataset['frames'] ?? 0);
    this.words = pagePlayerWords();
    this.addControls();
    this.items = [...this.querySelectorAll('svg [data-frame]')];
    this.rows = [...this.tables()].flatMap((table) => [...table.querySelectorAll('tr[data-frame]')]);
    this.chapters();
    for (const hidden of this.querySelectorAll<HTMLElement>(
      '.scenario-controls, .scenario-caption, .scenario-keys, .states-toggle',
    ))
      hidden.hidden = false;
    this.states = [...this.querySelectorAll('.scenario-states ol')];
    // The states panel folds behind its toggle on narrow screens once the player runs (CSS).
    if (this.states.length) this.dataset['ready'] = '';
    this.addEventListener('click', (e) => {
      const toggle = (e.target as Element).closest('.states-toggle');
      if (toggle) this.toggleStates(toggle);
      const button = (e.target as Element).closest('button[data-action]');
      if (!button) return;
      const action = button.getAttribute('data-action') ?? '';
      if (action === 'chapter') this.jump(Number(button.getAttribute('data-frame')));
      else this.act(action);
    });
    this.addEventListener('change', (e) => {
      const select = e.target as HTMLSelectElement;
      if (select.dataset['action'] === 'speed') this.setSpeed(Number(select.value) || 1);
    });
    this.addEventListener('keydown', (e) => this.key(e));
    window.addEventListener('beforeprint', this.beforePrint);
    window.addEventListener('afterprint', this.afterPrint);
    this.showAll();
  }

  disconnectedCallback(): void {
    this.pause();
    window.removeEventListener('beforeprint', this.beforePrint);
    window.removeEventListener('afterprint', this.afterPrint);
  }

  /**
   * The controls, chapter group and keys line, made here from the page's words; a player copied
   * from one already running (the playground's) has them.
   */
  private addControls(): void {
    const words = this.words;
    if (!words || this.querySelector('.scenario-controls')) return;
    this.prepend(controlsElement(words, 'scenario-controls', true), chaptersElement(words));
    this.append(keysElement(words));
    const diagram = this.querySelector('.scenario-diagram');
    diagram?.setAttribute('aria-label', `${diagram.getAttribute('aria-label') ?? ''} ${words.keys}`);
  }

  /** The trace tables that belong to this player: inside it, or the one right after it. */
  private tables(): HTMLDetailsElement[] {
    const next = this.nextElementSibling;
    const after = next instanceof HTMLDetailsElement && next.classList.contains('scenario-table') ? [next] : [];
    return [...this.querySelectorAll<HTMLDetailsElement>('details.scenario-table'), ...after];
  }

  private chapters(): void {
    const box = this.querySelector<HTMLElement>('.scenario-chapters');
    let list: Chapter[];
    try {
      list = JSON.parse(this.dataset['chapters'] ?? '[]') as Chapter[];
    } catch {
      list = [];
    }
    if (!box) return;
    box.replaceChildren(
      ...list.map((chapter) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.dataset['action'] = 'chapter';
        button.dataset['frame'] = String(chapter.frame);
        const name = document.createElement('strong');
        name.textContent = chapter.label;
        const text = document.createElement('span');
        text.textContent = chapter.text;
        button.append(name, ' ', text);
        return button;
      }),
    );
    box.hidden = list.length === 0;
  }

  private key(e: KeyboardEvent): void {
    // In a <Compare>, the comparison's keys drive both players.
    if (this.closest('scenario-compare.is-linked')) return;
    const target = e.target as Element;
    // Form fields keep their own keys; buttons and summaries keep Space and Enter.
    if (target.closest('select, input, textarea')) return;
    if ((e.key === ' ' || e.key === 'Enter') && target.closest('button, summary, a')) return;
    const action = { ArrowRight: 'forward', ArrowLeft: 'back', ' ': 'play', Home: 'restart', End: 'end' }[e.key];
    if (!action || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    this.act(action);
  }

  /** What a button or key asks; <scenario-compare> calls it too ('play-on' plays, never pauses). */
  act(action: string): void {
    if (action === 'play' || action === 'play-on') {
      if (this.timer === undefined) this.play();
      else if (action === 'play') this.pause();
      return;
    }
    this.pause();
    if (action === 'forward') this.show(this.overview ? 0 : Math.min(this.total - 1, this.frame + 1));
    else if (action === 'back') this.show(this.overview ? this.total - 1 : Math.max(-1, this.frame - 1));
    else if (action === 'restart') this.show(-1);
    else if (action === 'end') this.showAll();
  }

  setSpeed(speed: number): void {
    this.speed = speed;
    const select = this.querySelector<HTMLSelectElement>('select[data-action="speed"]');
    if (select) select.value = String(speed);
    if (this.timer !== undefined) this.tick();
  }

  private jump(frame: number): void {
    this.pause();
    this.show(Math.min(this.total - 1, Math.max(-1, frame)));
  }

  private play(): void {
    // Play runs from the beginning unless a frame short of the end is already on show.
    if (this.overview || this.frame >= this.total - 1) this.show(0);
    this.setPlaying(true);
    this.tick();
  }

  /** (Re)start the interval at the chosen speed. */
  private tick(): void {
    if (this.timer !== undefined) window.clearInterval(this.timer);
    this.timer = window.setInterval(() => {
      if (this.frame >= this.total - 1) {
        this.pause();
        return;
      }
      this.show(this.frame + 1);
    }, STEP_MS / this.speed);
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
    if (label) label.textContent = (playing ? this.words?.pause : this.words?.play) ?? '';
  }

  /** The whole diagram, nothing singled out. */
  private showAll(): void {
    this.overview = true;
    this.frame = this.total - 1;
    for (const item of this.items) item.classList.remove('is-hidden', 'is-current');
    for (const row of this.rows) row.classList.remove('is-current');
    this.markStates(this.frame);
    this.say((this.words?.overview ?? '').replace('{total}', String(this.total)), '');
    this.dispatchEvent(new CustomEvent('scenario-frame', { bubbles: true, detail: { frame: this.frame } }));
  }

  private show(frame: number): void {
    this.overview = false;
    this.frame = frame;
    for (const item of this.items) {
      const n = Number(item.getAttribute('data-frame'));
      item.classList.toggle('is-hidden', n > frame);
      item.classList.toggle('is-current', n === frame);
    }
    for (const row of this.rows) row.classList.toggle('is-current', Number(row.getAttribute('data-frame')) === frame);
    this.markStates(frame);
    const position = (this.words?.position ?? '')
      .replace('{n}', String(frame + 1))
      .replace('{total}', String(this.total));
    this.say(position, this.captionOf(frame));
    this.dispatchEvent(new CustomEvent('scenario-frame', { bubbles: true, detail: { frame } }));
  }

  private toggleStates(toggle: Element): void {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    this.querySelector('.scenario-states')?.classList.toggle('is-open', open);
  }

  /** Each host's state after `frame`: its last change at or before it (the first item before any). */
  private markStates(frame: number): void {
    for (const list of this.states) {
      const items = [...list.children];
      const now = items.filter((li) => Number(li.getAttribute('data-frame')) <= frame).at(-1);
      for (const li of items) {
        if (li === now) li.setAttribute('aria-current', 'step');
        else li.removeAttribute('aria-current');
      }
    }
  }

  /** A frame in words: a burst's summary, or its trace-table row (what happens — why). */
  private captionOf(frame: number): string {
    const burst = this.querySelector(`.scenario-burst[data-frame="${frame}"] summary`);
    if (burst) return burst.textContent;
    const row = this.rows.find((r) => Number(r.getAttribute('data-frame')) === frame);
    if (!row) return '';
    const cells = [...row.children].slice(1).map((cell) => cell.textContent.trim());
    return cells.length > 2 ? `${cells[0] ?? ''} — ${cells[2] ?? ''}` : (cells[0] ?? '');
  }

  private say(position: string, caption: string): void {
    const where = this.querySelector('.scenario-position');
    if (where) where.textContent = position;
    const text = this.querySelector<HTMLElement>('.scenario-caption');
    if (text) text.textContent = caption;
  }
}

if (!customElements.get('scenario-player')) customElements.define('scenario-player', ScenarioPlayer);
