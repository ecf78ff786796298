/**
 * <assignment-page>: a learner's own variant of an assignment. The learner id (typed, or from
 * ?learner= in the instructor's link) picks each exercise's pool entry with the grader's hash;
 * the page fetches that entry's questions, keeps every answer in localStorage, gives feedback
 * at once in practice mode and only after "Submit" in exam mode, and hands over a submission
 * file or text code for the instructor's grader, which decides the grade.
 */
import { pickVariant } from '../assign/hash.ts';
import type { QuestionFeedback, VariantFeedback, VariantQuestions } from './assignment-data.ts';
import type { AssignmentKey, AssignmentStrings } from './assignment-strings.ts';
import { lastLearner, loadAnswers, rememberLearner, saveAnswers, type Stored } from './assignment-store.ts';
import { buildSubmission, downloadSubmission, submissionText, type SubmissionMeta } from './assignment-submit.ts';
import { showStatus } from './exercise-status.ts';
import { feedbackLines, showDue } from './assignment-feedback.ts';

interface ExerciseMeta {
  id: string;
  pool: number;
}

const MAX_LEARNER = 200;

class AssignmentPage extends HTMLElement {
  private strings = {} as AssignmentStrings;
  private meta: SubmissionMeta = { format: '', assignment: '', version: '', build: '' };
  private exam = false;
  private locale = 'en';
  private base = '/';
  private exercises: ExerciseMeta[] = [];
  private learner: string | null = null;
  private stored: Stored = { answers: new Map(), finished: false };
  private questions: { exercise: string; question: string }[] = [];
  private feedback = new Map<string, Promise<VariantFeedback>>();
  private run = 0;

  connectedCallback(): void {
    const d = this.dataset;
    this.strings = JSON.parse(d['strings'] ?? '{}') as AssignmentStrings;
    this.meta = {
      format: d['format'] ?? '',
      assignment: d['id'] ?? '',
      version: d['version'] ?? '',
      build: d['build'] ?? '',
    };
    this.exam = d['mode'] === 'exam';
    this.locale = d['locale'] ?? 'en';
    this.base = d['base'] ?? '/';
    this.exercises = JSON.parse(d['exercises'] ?? '[]') as ExerciseMeta[];
    for (const el of document.querySelectorAll<HTMLElement>('[data-without-js]')) el.hidden = true;
    showDue(d['due'] ?? '', d['lang'] ?? 'en', (k, v) => this.s(k, v));
    const form = this.querySelector<HTMLFormElement>('.as-learner');
    const input = this.querySelector<HTMLInputElement>('.as-learner input');
    form?.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.start(input?.value ?? '', false);
    });
    this.addEventListener('change', (e) => {
      if (e.target instanceof HTMLInputElement && e.target.type === 'radio') this.record(e.target);
    });
    this.addEventListener('submit', (e) => {
      const q = e.target;
      if (!(q instanceof HTMLFormElement) || !q.classList.contains('ex-question')) return;
      e.preventDefault();
      void this.check(q);
    });
    this.addEventListener('click', (e) => {
      const action =
        e.target instanceof Element ? e.target.closest<HTMLElement>('[data-as]')?.dataset['as'] : undefined;
      if (action === 'download') this.download();
      else if (action === 'copy') void this.copy();
      else if (action === 'finish') void this.finish();
    });
    this.waiting();
    const fromLink = new URLSearchParams(location.search).get('learner');
    const learner = fromLink ?? lastLearner(this.meta.assignment);
    if (learner !== null && input) {
      input.value = learner;
      void this.start(learner, fromLink !== null);
    }
  }

  private s(key: AssignmentKey, vars: Record<string, string | number> = {}): string {
    return this.strings[key].replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
  }

  private find(selector: string): HTMLElement | null {
    return this.querySelector<HTMLElement>(selector);
  }

  private say(selector: string, text: string): void {
    const el = this.find(selector);
    if (!el) return;
    el.textContent = text;
    el.hidden = text === '';
  }

  private async start(raw: string, fromLink: boolean): Promise<void> {
    const learner = raw.trim();
    if (learner === '' || learner.length > MAX_LEARNER) {
      this.say('.as-learner-state', this.s('assignment.learner.invalid'));
      return;
    }
    const run = ++this.run;
    this.learner = learner;
    rememberLearner(this.meta.assignment, learner);
    const loaded = loadAnswers(this.meta.assignment, learner);
    this.stored = loaded.stored;
    this.say('.ex-notice', loaded.setAside ? this.s('assignment.notice.set-aside') : '');
    this.say(
      '.as-learner-state',
      this.s(fromLink ? 'assignment.learner.from-link' : 'assignment.learner.current', { learner }),
    );
    this.feedback.clear();
    this.questions = [];
    this.say('.as-result', '');
    const sections = [...this.querySelectorAll<HTMLElement>('.as-exercise')];
    try {
      const files = await Promise.all(sections.map((sec) => this.loadQuestions(sec)));
      if (run !== this.run) return;
      sections.forEach((sec, i) => {
        const file = files[i];
        const body = sec.querySelector('.as-body');
        if (!file || !body) return;
        body.innerHTML = file.html;
        for (const q of file.questions) this.questions.push({ exercise: file.exercise, question: q });
      });
    } catch {
      if (run === this.run) this.say('.as-actions-state', this.s('assignment.load-failed'));
      return;
    }
    this.restore();
    const actions = this.find('.as-actions');
    if (actions) actions.hidden = false;
    this.count();
    if (this.exam && this.stored.finished) await this.showAll();
    else if (!this.exam) for (const form of this.forms()) if (this.checkedIn(form)) await this.check(form);
  }

  /** The exercises' headings show (the page's contents link to them) before an id picks the questions. */
  private waiting(): void {
    const container = this.find('.as-exercises');
    if (container) container.hidden = false;
    for (const body of this.querySelectorAll('.as-body')) body.textContent = this.s('assignment.waiting');
  }

  private loadQuestions(section: HTMLElement): Promise<VariantQuestions> {
    const id = section.dataset['id'] ?? '';
    const pool = this.exercises.find((e) => e.id === id)?.pool ?? 1;
    const body = section.querySelector('.as-body');
    if (body) body.textContent = this.s('assignment.loading');
    return this.fetchJson<VariantQuestions>(id, String(this.variant(id, pool)));
  }

  private variant(exercise: string, pool: number): number {
    return pickVariant(this.meta.assignment, this.learner ?? '', exercise, pool);
  }

  private async fetchJson<T>(exercise: string, part: string): Promise<T> {
    const url = `${this.base}assignment-data/${encodeURIComponent(this.meta.assignment)}/${this.locale}/${encodeURIComponent(exercise)}/${part}.json`;
    const r = await fetch(url);
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    return (await r.json()) as T;
  }

  private feedbackOf(exercise: string): Promise<VariantFeedback> {
    let p = this.feedback.get(exercise);
    if (p === undefined) {
      const pool = this.exercises.find((e) => e.id === exercise)?.pool ?? 1;
      p = this.fetchJson<VariantFeedback>(exercise, `${this.variant(exercise, pool)}-feedback`);
      p.catch(() => this.feedback.delete(exercise));
      this.feedback.set(exercise, p);
    }
    return p;
  }

  private forms(): HTMLFormElement[] {
    return [...this.querySelectorAll<HTMLFormElement>('form.ex-question')];
  }

  private keyOf(form: HTMLElement): string {
    return `${form.dataset['exercise'] ?? ''}/${form.dataset['question'] ?? ''}`;
  }

  private checkedIn(form: HTMLElement): HTMLInputElement | null {
    return form.querySelector<HTMLInputElement>('input[type=radio]:checked');
  }

  private restore(): void {
    for (const form of this.forms()) {
      const a = this.stored.answers.get(this.keyOf(form));
      for (const radio of form.querySelectorAll<HTMLInputElement>('input[type=radio]')) {
        radio.checked = a !== undefined && radio.value === a.answer;
        radio.disabled = this.exam && this.stored.finished;
      }
    }
    const finish = this.querySelector<HTMLButtonElement>('[data-as=finish]');
    if (finish) finish.disabled = this.stored.finished;
    this.say('.as-finished', this.exam && this.stored.finished ? this.s('assignment.finished') : '');
  }

  private record(radio: HTMLInputElement): void {
    const form = radio.closest<HTMLFormElement>('form.ex-question');
    if (!form || this.learner === null || (this.exam && this.stored.finished)) return;
    this.stored.answers.set(this.keyOf(form), { answer: radio.value, at: new Date().toISOString() });
    saveAnswers(this.meta.assignment, this.learner, this.stored);
    showStatus(form.querySelector<HTMLElement>('.ex-status'), []);
    this.count();
  }

  private count(): void {
    const n = this.questions.filter((q) => this.stored.answers.has(`${q.exercise}/${q.question}`)).length;
    this.say('.as-count', this.s('assignment.answered', { n, of: this.questions.length }));
  }

  private async questionFeedback(form: HTMLElement): Promise<QuestionFeedback | null> {
    try {
      const fb = await this.feedbackOf(form.dataset['exercise'] ?? '');
      return fb.questions.find((q) => q.id === form.dataset['question']) ?? null;
    } catch {
      showStatus(form.querySelector<HTMLElement>('.ex-status'), [this.s('assignment.load-failed')]);
      return null;
    }
  }

  /** Feedback for one question: right or wrong with the belief; once submitted (exam), the answer too. */
  private async check(form: HTMLFormElement): Promise<void> {
    if (this.exam && !this.stored.finished) return;
    const q = await this.questionFeedback(form);
    if (q === null) return;
    const given = this.checkedIn(form)?.value;
    if (given === undefined && !this.exam) {
      showStatus(form.querySelector<HTMLElement>('.ex-status'), [this.s('exercise.choose')]);
      return;
    }
    const lines = feedbackLines(q, given, this.exam, (k, v) => this.s(k, v));
    showStatus(form.querySelector<HTMLElement>('.ex-status'), lines, {
      href: `${this.base}${q.lesson.replace(/^\//, '')}`,
      text: this.s('exercise.read-lesson'),
    });
    await this.score();
  }

  /** The browser's score, for practice: the instructor's grader decides. */
  private async score(): Promise<void> {
    let right = 0;
    for (const ex of new Set(this.questions.map((q) => q.exercise))) {
      const fb = await this.feedbackOf(ex).catch(() => null);
      for (const q of fb?.questions ?? []) if (this.stored.answers.get(`${ex}/${q.id}`)?.answer === q.answer) right++;
    }
    const total = this.questions.length;
    const percent = total === 0 ? 0 : Math.round((1000 * right) / total) / 10;
    this.say('.as-result', this.s('assignment.score', { correct: right, total, score: percent }));
  }

  private async showAll(): Promise<void> {
    for (const form of this.forms()) await this.check(form);
  }

  private async finish(): Promise<void> {
    if (!this.exam || this.learner === null || this.stored.finished) return;
    this.stored.finished = true;
    saveAnswers(this.meta.assignment, this.learner, this.stored);
    this.restore();
    await this.showAll();
    this.find('.as-finished')?.focus();
  }

  private submission() {
    return this.learner === null
      ? null
      : buildSubmission(this.meta, this.learner, this.stored, this.questions, new Date());
  }

  private download(): void {
    const s = this.submission();
    if (s !== null) this.say('.as-actions-state', this.s('assignment.downloaded', { file: downloadSubmission(s) }));
  }

  private async copy(): Promise<void> {
    const s = this.submission();
    const box = this.querySelector<HTMLTextAreaElement>('.as-code textarea');
    if (s === null || !box) return;
    const code = await submissionText(s);
    box.value = code;
    const wrap = this.find('.as-code');
    if (wrap) wrap.hidden = false;
    try {
      await navigator.clipboard.writeText(code);
      this.say('.as-actions-state', this.s('assignment.copied'));
    } catch {
      box.select();
      this.say('.as-actions-state', this.s('assignment.copy-manual'));
    }
  }
}

customElements.define('assignment-page', AssignmentPage);
