/**
 * <scenario-playground>: the playground page's behaviour. Edits are parsed and simulated in
 * the browser (debounced) by a Web Worker, stopped if it runs too long; mistakes are listed
 * by line and marked in the gutter; the diagram, captions and table are redrawn by the same
 * view function as the build. The diagram is a <scenario-player>, replaced for each trace.
 */
import './scenario-player.ts';
import type { Trace } from '../model/trace.ts';
import { joinSentences, t, type Lang, type UiKey } from '../i18n/index.ts';
import { decodeShared, type Shared } from './playground-link.ts';
import { copyLink, downloadPcap } from './playground-share.ts';
import type { Believed, Problem, RunOutcome, RunRequest } from './playground-run.ts';
import { BELIEF_IDS, type BeliefId } from '../model/beliefs.ts';
import { BeliefComparison } from './playground-belief.ts';
import { StepBuilder } from './playground-builder.ts';
import { firstItems } from './trace-view.ts';
import { drawFigure } from './playground-figure.ts';
import { el } from './dom.ts';

const DEBOUNCE_MS = 250;
/** A run still going after this is stopped: the model is fast, so only a huge trace takes this long. */
const RUN_LIMIT_MS = 4000;

type RunReply = RunOutcome & { seq: number };

class ScenarioPlayground extends HTMLElement {
  /** Not `lang`: HTMLElement has one. */
  private uiLang: Lang = 'en';
  private editor!: HTMLTextAreaElement;
  private gutter!: HTMLElement;
  private profile!: HTMLSelectElement;
  private belief!: HTMLSelectElement;
  private comparison!: BeliefComparison;
  /** The belief the latest run was asked to compare with. */
  private asked: BeliefId | null = null;
  private status!: HTMLElement;
  private builder!: StepBuilder;
  private playerTemplate!: HTMLElement;
  private timer: number | undefined;
  private worker: Worker | null = null;
  /** The latest run asked for; replies to older ones are dropped. */
  private seq = 0;
  private deadline: number | undefined;
  /** The last trace that ran, and the scenario id for its file name. */
  private trace: Trace | null = null;
  private scenarioId = 'scenario';
  /** Lines with mistakes, and what is wrong with each. */
  private marks = new Map<number, string[]>();
  private notice = '';

  connectedCallback(): void {
    this.uiLang = this.dataset['lang'] === 'zh-CN' ? 'zh-CN' : 'en';
    this.editor = el(this, '#pg-text', HTMLTextAreaElement);
    this.gutter = el(this, '.pg-gutter', HTMLElement);
    this.profile = el(this, '#pg-profile', HTMLSelectElement);
    this.belief = el(this, '#pg-belief', HTMLSelectElement);
    this.status = el(this, '.pg-status', HTMLElement);
    this.builder = new StepBuilder(el(this, '.pg-builder', HTMLFormElement), this.uiLang, this.editor, () =>
      this.run(),
    );
    this.playerTemplate = el(this, 'scenario-player', HTMLElement).cloneNode(true) as HTMLElement;
    this.comparison = new BeliefComparison(this, this.uiLang, this.playerTemplate);
    // Nothing to download until the first run has drawn a trace (the worker answers later).
    el(this, '[data-pg="pcap"]', HTMLButtonElement).disabled = true;
    for (const part of this.querySelectorAll<HTMLElement>('[data-needs-js]')) part.hidden = false;
    for (const part of this.querySelectorAll<HTMLElement>('[data-without-js]')) part.hidden = true;

    this.editor.addEventListener('input', () => {
      this.drawGutter();
      window.clearTimeout(this.timer);
      this.timer = window.setTimeout(() => this.run(), DEBOUNCE_MS);
    });
    this.editor.addEventListener('scroll', () => {
      this.gutter.scrollTop = this.editor.scrollTop;
    });
    this.profile.addEventListener('change', () => this.run());
    this.belief.addEventListener('change', () => this.run());
    this.status.addEventListener('click', (e) => {
      const line = (e.target as Element).closest<HTMLElement>('[data-line]')?.dataset['line'];
      if (line !== undefined) this.goToLine(Number(line));
    });
    this.addEventListener('click', (e) => {
      const action = (e.target as Element).closest<HTMLElement>('[data-pg]')?.dataset['pg'];
      if (action === 'copy') void copyLink(this, this.uiLang, this.shared());
      else if (action === 'pcap' && this.trace) downloadPcap(this, this.uiLang, this.trace, this.scenarioId);
      else if (action === 'reset') {
        history.replaceState(history.state, '', location.pathname + location.search);
        this.load({ text: this.editor.defaultValue, profile: null, belief: null });
      }
    });
    window.addEventListener('hashchange', this.restore);
    this.restore();
  }

  disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.restore);
    window.clearTimeout(this.timer);
    window.clearTimeout(this.deadline);
    this.worker?.terminate();
    this.worker = null;
  }

  private readonly restore = (): void => {
    const shared = decodeShared(location.hash);
    if (shared === 'invalid') this.notice = this.say('playground.error.link');
    if (shared === null || shared === 'invalid') {
      this.run();
      return;
    }
    this.load(shared);
  };

  private load({ text, profile, belief }: Shared): void {
    this.editor.value = text;
    this.profile.value = profile ?? '';
    this.belief.value = belief ?? '';
    this.editor.scrollTop = 0;
    this.run();
  }

  private say(key: UiKey, vars: Record<string, string | number> = {}): string {
    return t(this.uiLang, key, vars);
  }

  /** What the controls hold: the editor's text, the chosen profile and the belief to compare with. */
  private shared(): Shared {
    const profile = this.profile.value;
    return {
      text: this.editor.value,
      profile: profile === 'linux' || profile === 'rfc9293' ? profile : null,
      belief: BELIEF_IDS.find((b) => b === this.belief.value) ?? null,
    };
  }

  /** Asks the worker to parse and simulate the editor's text; the reply is shown by `receive`. */
  private run(): void {
    window.clearTimeout(this.timer);
    const request: RunRequest = { seq: ++this.seq, ...this.shared() };
    this.asked = request.belief;
    this.worker ??= this.startWorker();
    this.worker.postMessage(request);
    window.clearTimeout(this.deadline);
    this.deadline = window.setTimeout(() => {
      // Stopping is the only way to interrupt a synchronous simulation; the next run starts a new worker.
      this.worker?.terminate();
      this.worker = null;
      this.showProblems([{ line: null, message: this.say('playground.error.slow', { seconds: RUN_LIMIT_MS / 1000 }) }]);
    }, RUN_LIMIT_MS);
  }

  private startWorker(): Worker {
    const worker = new Worker(new URL('./playground-worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (event: MessageEvent<RunReply>) => this.receive(event.data));
    worker.addEventListener('error', (event) => {
      // The worker could not load, or threw outside runScenario (which catches the model's errors).
      event.preventDefault();
      window.clearTimeout(this.deadline);
      this.worker = null;
      this.showProblems([{ line: null, message: this.say('playground.error.worker') }]);
    });
    return worker;
  }

  private receive(reply: RunReply): void {
    if (reply.seq !== this.seq) return;
    window.clearTimeout(this.deadline);
    if (reply.kind === 'problems') {
      this.showProblems(reply.problems);
      return;
    }
    if (reply.kind === 'crash') {
      this.showProblems([{ line: null, message: this.say('playground.error.crash', { message: reply.message }) }]);
      return;
    }
    const title = reply.title?.[this.uiLang] ?? this.say('playground.untitled');
    this.showTrace(title, reply.id, reply.hosts, reply.trace, reply.believed);
  }

  private showProblems(problems: readonly Problem[]): void {
    this.marks = new Map();
    for (const { line, message } of problems)
      if (line !== null) this.marks.set(line, [...(this.marks.get(line) ?? []), message]);
    this.drawGutter();
    this.editor.setAttribute('aria-invalid', 'true');
    const list = el(this.status, '.pg-errors', HTMLUListElement);
    list.replaceChildren(
      ...problems.map(({ line, message }) => {
        const item = document.createElement('li');
        if (line === null) {
          item.textContent = message;
          return item;
        }
        const button = document.createElement('button');
        button.type = 'button';
        button.dataset['line'] = String(line);
        button.title = this.say('playground.error.go', { line });
        button.textContent = this.say('playground.error.line', { line, message });
        item.append(button);
        return item;
      }),
    );
    list.hidden = false;
    el(this.status, '.pg-ok', HTMLElement).hidden = true;
    el(this.status, '.pg-stale', HTMLElement).hidden = this.trace === null;
    for (const figure of this.querySelectorAll('.pg-figure, .pg-belief-figure'))
      figure.classList.toggle('is-stale', this.trace !== null);
    el(this, '[data-pg="pcap"]', HTMLButtonElement).disabled = true;
  }

  private showTrace(
    title: string,
    id: string,
    hosts: readonly string[],
    trace: Trace,
    believed: Believed | null,
  ): void {
    this.trace = trace;
    this.scenarioId = id;
    this.marks = new Map();
    this.drawGutter();
    this.editor.removeAttribute('aria-invalid');
    const { trace: drawn, total } = firstItems(trace);
    const shown = drawn.segments.length + drawn.events.length;
    const compared = this.comparison.show(this.asked, trace, believed);
    const ok = el(this.status, '.pg-ok', HTMLElement);
    ok.textContent = joinSentences(this.uiLang, [
      this.notice,
      this.say('playground.ok', { segments: trace.segments.length, events: trace.events.length }),
      shown < total ? this.say('playground.truncated', { total, shown }) : '',
      compared.sentence,
    ]);
    this.notice = '';
    ok.hidden = false;
    const list = el(this.status, '.pg-errors', HTMLUListElement);
    list.replaceChildren();
    list.hidden = true;
    el(this.status, '.pg-stale', HTMLElement).hidden = true;
    const figure = el(this, '.pg-figure', HTMLElement);
    figure.classList.remove('is-stale');
    el(this, '[data-pg="pcap"]', HTMLButtonElement).disabled = false;

    const text = { title: compared.caption ?? title, profile: this.profileName(trace) };
    drawFigure(
      figure,
      this.playerTemplate,
      this.uiLang,
      drawn,
      text,
      'pg-seq',
      compared.marked ? { marked: compared.marked } : {},
    );
    this.builder.setHosts(hosts);
  }

  private profileName(trace: Trace): string {
    return this.say(trace.profile === 'rfc9293' ? 'scenario.profile.rfc9293' : 'scenario.profile.linux');
  }

  /** Line numbers beside the editor; lines with a mistake carry a mark and the message. */
  private drawGutter(): void {
    const count = this.editor.value.split('\n').length;
    const spans = Array.from({ length: count }, (_, i) => {
      const span = document.createElement('span');
      span.textContent = String(i + 1);
      const messages = this.marks.get(i + 1);
      if (messages) {
        span.className = 'is-bad';
        span.title = messages.join('\n');
      }
      return span;
    });
    this.gutter.replaceChildren(...spans);
    this.gutter.scrollTop = this.editor.scrollTop;
  }

  private goToLine(line: number): void {
    const lines = this.editor.value.split('\n');
    const start = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0);
    this.editor.focus();
    this.editor.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
    const height = parseFloat(getComputedStyle(this.editor).lineHeight) || 20;
    this.editor.scrollTop = Math.max(0, (line - 1) * height - this.editor.clientHeight / 2);
  }
}

if (!customElements.get('scenario-playground')) customElements.define('scenario-playground', ScenarioPlayground);
