/** <progress-page>: redraws the mastery chart and table from stored progress; export, import, reset. */
import { mastery, masterySvg, type ChartWords, type LessonKeys } from '../progress/mastery.ts';
import { readProgress, writeProgress, type Progress } from '../progress/store.ts';
import { clearProgress, clearSetAside, loadProgress, saveProgress, setAside } from './progress-storage.ts';

class ProgressPage extends HTMLElement {
  private lessons: LessonKeys[] = [];
  private words = {} as ChartWords;
  private strings: Record<string, string> = {};
  private progress: Progress | null = null;

  connectedCallback(): void {
    this.lessons = JSON.parse(this.dataset['lessons'] ?? '[]') as LessonKeys[];
    this.words = JSON.parse(this.dataset['words'] ?? '{}') as ChartWords;
    this.strings = JSON.parse(this.dataset['strings'] ?? '{}') as Record<string, string>;
    for (const el of this.querySelectorAll<HTMLElement>('[data-without-js]')) el.hidden = true;
    this.progress = loadProgress();
    this.draw();
    this.addEventListener('click', (e) => {
      const action =
        e.target instanceof Element ? e.target.closest<HTMLElement>('button[data-pp]')?.dataset['pp'] : null;
      if (action === 'export' && this.progress) download('tcp-reset-lab-progress.json', writeProgress(this.progress));
      if (action === 'export-set-aside') {
        const aside = setAside();
        if (aside) download('tcp-reset-lab-progress-set-aside.txt', aside.text);
      }
      if (action === 'reset' && confirm(this.strings['progress.reset.confirm'] ?? '')) {
        clearProgress();
        this.progress = loadProgress();
        this.draw();
        this.say(this.strings['progress.reset.done'] ?? '');
      }
    });
    this.querySelector<HTMLInputElement>('input[data-pp=import]')?.addEventListener('change', (e) => {
      const input = e.target as HTMLInputElement;
      const file = input.files?.[0];
      if (file) void file.text().then((text) => this.import(text));
      input.value = '';
    });
  }

  private import(text: string): void {
    const loaded = readProgress(text);
    if (loaded.setAside !== null) {
      const problem = this.strings[`progress.problem.${loaded.setAside.problem}`] ?? '';
      this.say((this.strings['progress.import-failed'] ?? '').replace('{problem}', problem));
      return;
    }
    this.progress = loaded.progress;
    saveProgress(this.progress);
    clearSetAside();
    this.draw();
    const n = Object.keys(this.progress.questions).length;
    this.say((this.strings['progress.imported'] ?? '').replace('{n}', String(n)));
  }

  private say(text: string): void {
    const status = this.querySelector('.pp-status');
    if (status) status.textContent = text;
  }

  private draw(): void {
    const rows = mastery(this.lessons, this.progress?.questions ?? {});
    const chart = this.querySelector('.pp-chart');
    if (chart) chart.innerHTML = masterySvg(rows, this.words);
    for (const r of rows) {
      const tr = this.querySelector(`tr[data-lesson="${r.lesson}"]`);
      for (const col of ['tried', 'mastered', 'firstTry', 'hints'] as const) {
        const td = tr?.querySelector(`[data-col=${col}]`);
        if (td) td.textContent = String(r[col]);
      }
    }
    const aside = setAside() !== null;
    const notice = this.querySelector<HTMLElement>('.ex-notice');
    if (notice) {
      notice.hidden = !aside;
      notice.textContent = aside ? (this.strings['progress.notice'] ?? '') : '';
    }
    const button = this.querySelector<HTMLElement>('[data-pp=export-set-aside]');
    if (button) button.hidden = !aside;
  }
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

customElements.define('progress-page', ProgressPage);
