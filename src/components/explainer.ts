/**
 * <capture-explainer>: the /explain/ page's behaviour. A file (chosen or dropped) or pasted
 * text goes to a Web Worker, started on first use, which explains it; the report is shown
 * as one section per connection, its diagram drawn when the section opens.
 */
import type { Report } from '../explain/report.ts';
import { t, type Lang, type UiKey } from '../i18n/index.ts';
import { connectionHtml, diagramHtml, ordered, summaryHtml, summaryText, type Links } from './explain-view.ts';
import type { ExplainReply, ExplainRequest } from './explainer-run.ts';
import { onDropFiles } from './dom.ts';

/** Connections shown at most; a capture can hold millions. */
const SHOWN = 100;
/** A run still going after this is stopped (the worker is the only way to interrupt it). */
const RUN_LIMIT_MS = 10 * 60_000;

function el(root: ParentNode, selector: string): HTMLElement {
  const found = root.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`explainer: missing ${selector}`);
  return found;
}

class CaptureExplainer extends HTMLElement {
  private uiLang: Lang = 'en';
  private links: Links = { base: '/', locale: 'en' };
  private worker: Worker | null = null;
  private seq = 0;
  private deadline: number | undefined;
  private report: Report | null = null;

  connectedCallback(): void {
    this.uiLang = this.dataset['lang'] === 'zh-CN' ? 'zh-CN' : 'en';
    this.links = { base: this.dataset['base'] ?? '/', locale: this.uiLang === 'zh-CN' ? 'zh-cn' : 'en' };
    for (const part of this.querySelectorAll<HTMLElement>('[data-needs-js]')) part.hidden = false;
    for (const part of this.querySelectorAll<HTMLElement>('[data-without-js]')) part.hidden = true;

    const input = el(this, '#ex-file') as HTMLInputElement;
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (file) this.run({ kind: 'file', file });
    });
    onDropFiles(el(this, '.ex-drop'), ([file]) => {
      if (file) this.run({ kind: 'file', file });
    });
    const text = el(this, '#ex-text') as HTMLTextAreaElement;
    this.addEventListener('click', (e) => {
      const action = (e.target as Element).closest<HTMLElement>('[data-ex]')?.dataset['ex'];
      if (action === 'example')
        text.value = (el(this, '#ex-example') as HTMLTemplateElement).content.textContent.trim() + '\n';
      if (action === 'example' || action === 'text') {
        this.run({ kind: 'text', name: this.say('explain.pasted'), text: text.value });
      }
    });
    // A connection's diagram is drawn when its section is first opened.
    this.addEventListener(
      'toggle',
      (e) => {
        this.drawOpened(e.target as HTMLElement);
      },
      true,
    );
  }

  disconnectedCallback(): void {
    window.clearTimeout(this.deadline);
    this.worker?.terminate();
    this.worker = null;
  }

  private say(key: UiKey, vars: Record<string, string | number> = {}): string {
    return t(this.uiLang, key, vars);
  }

  private status(text: string, problem = false): void {
    const status = el(this, '.ex-status');
    status.textContent = text;
    status.classList.toggle('is-problem', problem);
  }

  private run(input: { kind: 'file'; file: File } | { kind: 'text'; name: string; text: string }): void {
    const request: ExplainRequest = { seq: ++this.seq, lang: this.uiLang, ...input };
    this.worker ??= this.startWorker();
    this.status(this.say('explain.working'));
    this.worker.postMessage(request);
    window.clearTimeout(this.deadline);
    this.deadline = window.setTimeout(() => {
      this.worker?.terminate();
      this.worker = null;
      this.status(this.say('explain.slow', { seconds: RUN_LIMIT_MS / 1000 }), true);
    }, RUN_LIMIT_MS);
  }

  private startWorker(): Worker {
    const worker = new Worker(new URL('./explainer-worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (event: MessageEvent<ExplainReply>) => {
      this.receive(event.data);
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      window.clearTimeout(this.deadline);
      this.worker = null;
      this.status(this.say('explain.worker'), true);
    });
    return worker;
  }

  private receive(reply: ExplainReply): void {
    if (reply.seq !== this.seq) return;
    if (reply.kind === 'progress') {
      const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;
      this.status(this.say('explain.reading', { file: '', done: mb(reply.done), total: mb(reply.total) }));
      return;
    }
    window.clearTimeout(this.deadline);
    if (reply.kind !== 'report') {
      this.status(
        this.say(reply.kind === 'error' ? 'explain.error' : 'explain.worker', { message: reply.message }),
        true,
      );
      return;
    }
    this.show(reply.report);
  }

  private show(report: Report): void {
    this.report = report;
    const list = ordered(report).slice(0, SHOWN);
    const results = el(this, '.ex-results');
    results.innerHTML =
      summaryHtml(report, this.uiLang, SHOWN) +
      list.map((conn, k) => connectionHtml(conn, this.uiLang, this.links, k === 0)).join('');
    this.status(summaryText(report, this.uiLang));
    const first = results.querySelector<HTMLElement>('details.ex-conn[open]');
    if (first) this.drawOpened(first);
  }

  private drawOpened(target: HTMLElement): void {
    if (!target.matches('details.ex-conn') || !(target as HTMLDetailsElement).open) return;
    const slot = target.querySelector<HTMLElement>('.ex-diagram-slot');
    const id = Number(target.dataset['conn']);
    const conn = this.report?.connections.find((c) => c.id === id);
    if (!slot || slot.childElementCount > 0 || conn === undefined) return;
    slot.innerHTML = diagramHtml(conn, this.uiLang);
  }
}

if (!customElements.get('capture-explainer')) customElements.define('capture-explainer', CaptureExplainer);
