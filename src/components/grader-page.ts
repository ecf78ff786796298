/**
 * <grader-page>: the instructor's grader. Files chosen or dropped, codes pasted (one a line)
 * and a roster go to a Web Worker with the assignment's answer key (/grader-key/<id>.json);
 * it reads and grades them there, telling its progress, so a thousand files do not freeze the
 * page. The results are written into the page with textContent (learner ids are untrusted).
 */
import type { AnswerKey } from '../assign/key.ts';
import { rejectionText } from '../assign/rejection.ts';
import { el as dom, onDropFiles } from './dom.ts';
import type { GradeReply, GradeRequest, Summary } from './grader-run.ts';

type Strings = Record<string, string>;

const el = (root: ParentNode, selector: string): HTMLElement => dom(root, selector, HTMLElement);

function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** Saves a text file through a link clicked for the purpose (as the playground saves a pcap). */
function download(name: string, text: string, type: string): void {
  const href = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement('a'), { href, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke later: revoking at once can cancel the download in some browsers.
  window.setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

class GraderPage extends HTMLElement {
  private strings: Strings = {};
  private base = '/';
  private files: File[] = [];
  private worker: Worker | null = null;
  private seq = 0;
  private keys = new Map<string, AnswerKey>();
  private downloads: { csv: string; report: string } | null = null;

  connectedCallback(): void {
    this.strings = JSON.parse(this.dataset['strings'] ?? '{}') as Strings;
    this.base = this.dataset['base'] ?? '/';
    for (const part of this.querySelectorAll<HTMLElement>('[data-needs-js]')) part.hidden = false;
    for (const part of this.querySelectorAll<HTMLElement>('[data-without-js]')) part.hidden = true;
    const input = dom(this, '#gr-files', HTMLInputElement);
    input.addEventListener('change', () => {
      this.add([...(input.files ?? [])]);
      input.value = '';
    });
    onDropFiles(el(this, '.ex-drop'), (files) => {
      this.add(files);
    });
    this.addEventListener('click', (e) => {
      const action = (e.target as Element).closest<HTMLElement>('[data-gr]')?.dataset['gr'];
      if (action === 'run') void this.run();
      if (action === 'csv' && this.downloads) download('grades.csv', this.downloads.csv, 'text/csv');
      if (action === 'report' && this.downloads) download('report.md', this.downloads.report, 'text/markdown');
      if (action === 'clear') {
        this.files = [];
        this.add([]);
      }
    });
  }

  disconnectedCallback(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  private say(key: string, vars: Record<string, string | number> = {}): string {
    return fill(this.strings[key] ?? key, vars);
  }

  private add(files: File[]): void {
    this.files.push(...files);
    el(this, '#gr-chosen').textContent =
      this.files.length > 0 ? this.say('grader.chosen', { count: this.files.length }) : '';
  }

  private status(text: string, problem = false): void {
    const status = el(this, '.ex-status');
    status.textContent = text;
    status.classList.toggle('is-problem', problem);
  }

  private progress(done: number, total: number): void {
    const bar = dom(this, '#gr-progress', HTMLProgressElement);
    bar.max = Math.max(1, total);
    bar.value = done;
  }

  private async key(id: string): Promise<AnswerKey> {
    const known = this.keys.get(id);
    if (known) return known;
    const response = await fetch(`${this.base}grader-key/${encodeURIComponent(id)}.json`);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const key = (await response.json()) as AnswerKey;
    this.keys.set(id, key);
    return key;
  }

  private async run(): Promise<void> {
    const codes = dom(this, '#gr-codes', HTMLTextAreaElement)
      .value.split(/\r?\n/)
      .map((text, i) => ({ name: this.say('grader.pasted', { line: i + 1 }), text }))
      .filter((c) => c.text.trim() !== '');
    if (this.files.length === 0 && codes.length === 0) {
      this.status(this.say('grader.nothing'), true);
      return;
    }
    const seq = ++this.seq;
    this.progress(0, this.files.length + codes.length);
    this.status(this.say('grader.loading'));
    let key: AnswerKey;
    try {
      key = await this.key(dom(this, '#gr-assignment', HTMLSelectElement).value);
    } catch (error) {
      this.status(this.say('grader.key-failed', { message: error instanceof Error ? error.message : '' }), true);
      return;
    }
    if (seq !== this.seq) return;
    const roster = dom(this, '#gr-roster', HTMLInputElement).files?.[0] ?? null;
    const request: GradeRequest = { seq, key, files: [...this.files], codes, roster };
    this.worker ??= this.startWorker();
    this.status(this.say('grader.reading', { done: 0, total: this.files.length + codes.length }));
    this.worker.postMessage(request);
  }

  private startWorker(): Worker {
    const worker = new Worker(new URL('./grader-worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (event: MessageEvent<GradeReply>) => {
      this.receive(event.data);
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.worker = null;
      this.status(this.say('grader.worker'), true);
    });
    return worker;
  }

  private receive(reply: GradeReply): void {
    if (reply.seq !== this.seq) return;
    if (reply.kind === 'progress') {
      this.progress(reply.done, reply.total);
      this.status(this.say(reply.done < reply.total ? 'grader.reading' : 'grader.grading', reply));
      return;
    }
    if (reply.kind === 'error') {
      this.status(this.say('grader.worker'), true);
      return;
    }
    this.show(reply.summary, reply.csv, reply.report);
    this.status(
      this.say('grader.done', { learners: reply.summary.rows.length, rejected: reply.summary.errors.length }),
    );
  }

  private show(summary: Summary, csv: string, report: string): void {
    this.downloads = { csv, report };
    const cells = (row: HTMLTableRowElement, values: string[]) => {
      values.forEach((v, i) => {
        const cell = document.createElement(i === 0 ? 'th' : 'td');
        if (i === 0) cell.setAttribute('scope', 'row');
        cell.textContent = v;
        row.append(cell);
      });
    };
    const body = el(this, '.gr-table tbody');
    body.replaceChildren(
      ...summary.rows.map((r) => {
        const row = document.createElement('tr');
        cells(row, [
          r.learner,
          `${r.score}%`,
          `${r.correct} / ${r.total}`,
          this.say(r.passed ? 'grader.pass' : 'grader.fail'),
          this.say(r.late ? 'grader.late' : 'grader.on-time'),
          r.file,
        ]);
        return row;
      }),
    );
    const roster = (which: 'missing' | 'unknown', list: string[] | null) => {
      const line = el(this, `[data-roster="${which}"]`);
      line.hidden = list === null || list.length === 0;
      line.textContent = list === null ? '' : this.say(`grader.roster.${which}`, { list: list.join(', ') });
    };
    roster('missing', summary.missing);
    roster('unknown', summary.unknown);
    const item = (text: string) => {
      const li = document.createElement('li');
      li.textContent = text;
      return li;
    };
    el(this, '.gr-rejected').replaceChildren(
      ...(summary.errors.length === 0
        ? [item(this.say('grader.rejected.none'))]
        : summary.errors.map((e) =>
            item(this.say('grader.rejected.item', { file: e.file, message: rejectionText(e.why, pageLang()) })),
          )),
    );
    el(this, '.gr-results').hidden = false;
  }
}

customElements.define('grader-page', GraderPage);

/** The page's language, as Starlight writes it on <html>. */
const pageLang = () => (document.documentElement.lang === 'zh-CN' ? 'zh-CN' : 'en');
