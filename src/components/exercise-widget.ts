/**
 * <exercise-set>: grades a lesson's exercises in the browser. The page holds each first
 * question's form; once it has loaded, the widget fetches the traces up to those questions (one
 * file per lesson and language, no answers in it). An answer or a hint fetches the exercise's
 * data file (built by exercise-data.ts) for the feedback, and reveals the next stage and
 * question from it; questions settled on an earlier visit come back settled.
 * Goal challenges load their builder and the model's worker only when opened.
 */
import type { ExerciseData, QuestionData } from './exercise-data.ts';
import type { WidgetKey, WidgetStrings } from './exercise-strings.ts';
import { showStatus } from './exercise-status.ts';
import { loadProgress, saveProgress, setAside } from './progress-storage.ts';
import { recordAnswer, recordHint, type Progress } from '../progress/store.ts';

type Lang = 'en' | 'zh-CN';

class ExerciseSet extends HTMLElement {
  private locale: Lang = 'en';
  private base = '/';
  private strings = {} as WidgetStrings;
  private progress: Progress | null = null;
  private readonly data = new Map<string, Promise<ExerciseData>>();

  connectedCallback(): void {
    this.locale = this.dataset['lang'] === 'zh-CN' ? 'zh-CN' : 'en';
    this.base = this.dataset['base'] ?? '/';
    this.strings = JSON.parse(this.dataset['strings'] ?? '{}') as WidgetStrings;
    for (const el of this.querySelectorAll<HTMLElement>('[data-without-js]')) el.hidden = true;
    this.progress = loadProgress();
    if (setAside() !== null) {
      const notice = this.querySelector<HTMLElement>('.ex-notice');
      if (notice) {
        notice.textContent = this.s('progress.notice');
        notice.hidden = false;
      }
    }
    for (const form of this.querySelectorAll<HTMLElement>('.ex-question')) this.showAttempts(form);
    // After the load event, so the fetch never competes with the page's own rendering.
    if (document.readyState === 'complete') void this.loadStages();
    else window.addEventListener('load', () => void this.loadStages(), { once: true });
    void this.restore();
    this.addEventListener('submit', (e) => {
      const form = e.target;
      if (!(form instanceof HTMLFormElement) || !form.classList.contains('ex-question')) return;
      e.preventDefault();
      void this.answer(form);
    });
    this.addEventListener('click', (e) => {
      const button = e.target instanceof Element ? e.target.closest<HTMLButtonElement>('button[data-ex]') : null;
      const form = button?.closest<HTMLElement>('.ex-question');
      if (!button || !form) return;
      const action = button.dataset['ex'];
      if (action === 'hint') void this.hint(form);
      else if (action === 'skip') void this.resolve(form);
      else if (action === 'open-goal') void this.openGoal(form, button);
    });
  }

  private s(key: WidgetKey, vars: Record<string, string | number> = {}): string {
    return this.strings[key].replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
  }

  private exerciseOf(form: HTMLElement): HTMLElement | null {
    return form.closest<HTMLElement>('.exercise');
  }

  private load(id: string): Promise<ExerciseData> {
    let p = this.data.get(id);
    if (p === undefined) {
      p = fetch(`${this.base}exercise-data/${encodeURIComponent(id)}.json`).then((r) => {
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        return r.json() as Promise<ExerciseData>;
      });
      p.catch(() => this.data.delete(id));
      this.data.set(id, p);
    }
    return p;
  }

  /** The trace up to each first question, into every stage still waiting for it. */
  private async loadStages(): Promise<void> {
    const waiting = () => [...this.querySelectorAll<HTMLElement>('.ex-stage[data-pending]')];
    if (waiting().length === 0) return;
    const locale = this.locale === 'zh-CN' ? 'zh-cn' : 'en';
    const file = `${encodeURIComponent(this.dataset['lesson'] ?? '')}.${locale}.json`;
    let stages: Record<string, string>;
    try {
      const r = await fetch(`${this.base}exercise-stage/${file}`);
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      stages = (await r.json()) as Record<string, string>;
    } catch {
      // Left pending, with a reason: a later answer still fills the stage from the exercise's data.
      for (const stage of waiting()) stage.textContent = this.s('exercise.stage.failed');
      return;
    }
    // Stages a learner has already moved past (resolved meanwhile) are no longer pending.
    for (const stage of waiting()) {
      const html = stages[this.exerciseOf(stage)?.dataset['id'] ?? ''];
      if (html === undefined) stage.textContent = this.s('exercise.stage.failed');
      else this.showStage(stage, html);
    }
  }

  private showStage(stage: Element, html: string): void {
    stage.innerHTML = html;
    stage.removeAttribute('data-pending');
    stage.removeAttribute('aria-busy');
  }

  private async question(form: HTMLElement): Promise<QuestionData | null> {
    const id = this.exerciseOf(form)?.dataset['id'];
    const index = Number(form.dataset['index']);
    if (id === undefined) return null;
    try {
      return (await this.load(id)).questions[index] ?? null;
    } catch {
      this.status(form, [this.s('exercise.load-failed')]);
      return null;
    }
  }

  /** Fills the question's feedback; with `q`, it ends with the link to the lesson section on its rule. */
  private status(form: HTMLElement, lines: string[], q?: QuestionData): void {
    const section = q?.section[this.locale] ?? null;
    const link = q && {
      href: `${this.base}${q.lesson[this.locale].replace(/^\//, '')}`,
      text: section === null ? this.s('exercise.read-lesson') : this.s('exercise.read-section', { section }),
    };
    showStatus(form.querySelector<HTMLElement>('.ex-status'), lines, link);
  }

  private key(form: HTMLElement): string {
    return form.dataset['key'] ?? '';
  }

  private save(update: (p: Progress) => Progress): void {
    if (this.progress === null) return;
    this.progress = update(this.progress);
    saveProgress(this.progress);
  }

  private showAttempts(form: HTMLElement): void {
    const record = this.progress?.questions[this.key(form)];
    const out = form.querySelector('.ex-attempts');
    if (out) out.textContent = record ? this.s('exercise.attempts', { n: record.attempts, hints: record.hints }) : '';
  }

  private async answer(form: HTMLFormElement): Promise<void> {
    const checked = form.querySelector<HTMLInputElement>('input[type=radio]:checked');
    if (!checked) {
      this.status(form, [this.s('exercise.choose')]);
      return;
    }
    const q = await this.question(form);
    if (q === null) return;
    const choice = q.choices.find((c) => c.value === checked.value);
    if (choice === undefined) return;
    this.save((p) => recordAnswer(p, this.key(form), choice.correct, new Date()));
    this.showAttempts(form);
    const lang = this.locale;
    if (choice.correct) {
      this.status(
        form,
        [this.s('exercise.correct'), q.outcome?.[lang] ?? '', q.rule?.[lang] ?? ''].filter((l) => l !== ''),
        q,
      );
      await this.resolve(form, q);
    } else {
      this.status(form, [this.s('exercise.wrong'), ...choice.diagnosis[lang]], q);
    }
  }

  private async hint(form: HTMLElement): Promise<void> {
    const q = await this.question(form);
    if (q === null) return;
    const list = form.querySelector<HTMLOListElement>('.ex-hints');
    if (!list) return;
    const hints = q.hints[this.locale];
    const shown = list.children.length;
    if (shown >= hints.length) {
      this.status(form, [this.s('exercise.hint.none-left')]);
      return;
    }
    const li = document.createElement('li');
    li.textContent = hints[shown] ?? '';
    list.append(li);
    this.save((p) => recordHint(p, this.key(form), new Date()));
    this.showAttempts(form);
    this.status(form, [this.s('exercise.hint.n', { n: shown + 1, of: hints.length }), hints[shown] ?? '']);
    if (shown + 1 === hints.length) await this.resolve(form, q);
  }

  /** The question is settled: show the trace up to the next stop and the next question. */
  private async resolve(form: HTMLElement, known?: QuestionData): Promise<void> {
    if (form.dataset['resolved'] === 'true') return;
    const q = known ?? (await this.question(form));
    const exercise = this.exerciseOf(form);
    if (q === null || !exercise) return;
    form.dataset['resolved'] = 'true';
    const stage = exercise.querySelector('.ex-stage');
    if (stage) this.showStage(stage, q.stage[this.locale]);
    const next = q.next?.[this.locale];
    const questions = exercise.querySelector('.ex-questions');
    if (next !== undefined && questions) {
      questions.insertAdjacentHTML('beforeend', next);
      const added = questions.lastElementChild;
      if (added instanceof HTMLElement) this.showAttempts(added);
    } else if (questions && !exercise.querySelector('.ex-done')) {
      const done = document.createElement('p');
      done.className = 'ex-done';
      done.textContent = this.s('exercise.done');
      questions.append(done);
    }
  }

  /**
   * Questions settled on an earlier visit (answered right, or revealed by the last hint) come back
   * settled, in order, each exercise up to its first open question: the answer checked, the rule
   * and its section link in the feedback, and the trace played on to the next stop.
   */
  private async restore(): Promise<void> {
    for (const exercise of this.querySelectorAll<HTMLElement>('.exercise')) {
      for (;;) {
        const form = [...exercise.querySelectorAll<HTMLElement>('.ex-question')].at(-1);
        const record = form && this.progress?.questions[this.key(form)];
        if (!form || !record || form.dataset['resolved'] === 'true') break;
        const q = await this.question(form);
        const hints = q?.hints[this.locale].length ?? 0;
        if (q === null || !(record.solved || (hints > 0 && record.pending.hints >= hints))) break;
        const right = form.querySelector<HTMLInputElement>(`input[type=radio][value="${CSS.escape(q.answer ?? '')}"]`);
        if (right) right.checked = true;
        const when = new Date(record.when).toLocaleDateString(this.locale);
        const answer = q.answerLabel?.[this.locale];
        const lines = [
          this.s('exercise.restored', { when }),
          answer ? this.s('exercise.restored-answer', { answer }) : '',
          q.rule?.[this.locale] ?? '',
        ];
        this.status(
          form,
          lines.filter((l) => l !== ''),
          q,
        );
        await this.resolve(form, q);
      }
    }
  }

  private async openGoal(form: HTMLElement, button: HTMLButtonElement): Promise<void> {
    const q = await this.question(form);
    const id = this.exerciseOf(form)?.dataset['id'];
    if (q === null || id === undefined) return;
    button.disabled = true;
    this.status(form, [this.s('exercise.goal.loading')]);
    const data = await this.load(id);
    const { openGoal } = await import('./exercise-goal.ts');
    openGoal(form, {
      lang: this.locale,
      exercise: data.exercise,
      questionId: this.key(form).split('/')[1] ?? '',
      onResult: (met) => {
        this.save((p) => recordAnswer(p, this.key(form), met, new Date()));
        this.showAttempts(form);
        if (met) void this.resolve(form, q);
      },
    });
  }
}

customElements.define('exercise-set', ExerciseSet);
