/**
 * A goal challenge, loaded only when the learner opens one: the playground's step builder adds
 * steps to a list, and the model runs them in a Web Worker (exercise-goal-worker.ts) that
 * grades them with grade(), the same function as everywhere else.
 */
import type { Exercise } from '../exercises/types.ts';
import type { Grade } from '../exercises/grade.ts';
import { t, type Lang } from '../i18n/index.ts';
import { StepBuilder } from './playground-builder.ts';
import { escapeHtml } from './trace-view.ts';
import { exampleArgs, NETWORK, verbsFor, WAIT } from './playground-steps.ts';

interface GoalContext {
  lang: Lang;
  exercise: Exercise | null;
  questionId: string;
  onResult: (met: boolean) => void;
}

let worker: Worker | null = null;
let seq = 0;

function run(exercise: Exercise, questionId: string, steps: string[]): Promise<Grade> {
  worker ??= new Worker(new URL('./exercise-goal-worker.ts', import.meta.url), { type: 'module' });
  const id = ++seq;
  const w = worker;
  return new Promise((resolve) => {
    const listen = (e: MessageEvent<{ id: number; grade: Grade }>) => {
      if (e.data.id !== id) return;
      w.removeEventListener('message', listen);
      resolve(e.data.grade);
    };
    w.addEventListener('message', listen);
    w.postMessage({ id, exercise, questionId, steps });
  });
}

/** The steps in the list, one per `- ` line under `steps:`. */
const stepsOf = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => /^\s*-\s*(.+?)\s*$/.exec(l)?.[1])
    .filter((s): s is string => s !== undefined && s !== '');

export function openGoal(form: HTMLElement, ctx: GoalContext): void {
  const { lang, exercise } = ctx;
  const area = form.querySelector<HTMLElement>('.ex-goal-area');
  const status = form.querySelector<HTMLElement>('.ex-status');
  if (!area || !status || exercise === null) return;
  const hosts = (form.dataset['hosts'] ?? '').split(' ').filter(Boolean);
  const toolbox = (form.dataset['toolbox'] ?? '').split(' ');
  const id = form.id;
  const verbs = (who: string) => verbsFor(who).filter(({ verb }) => toolbox.includes(verb));
  const first = verbs(hosts[0] ?? '');
  const opt = (v: string, label = v, fixed = false) =>
    `<option value="${escapeHtml(v)}"${fixed ? ' data-fixed' : ''}>${escapeHtml(label)}</option>`;
  area.innerHTML =
    `<form class="pg-builder"><fieldset><legend>${escapeHtml(t(lang, 'playground.builder'))}</legend><div class="pg-fields">` +
    `<label><span>${escapeHtml(t(lang, 'playground.builder.who'))}</span><select name="who">${hosts.map((h) => opt(h)).join('')}` +
    (toolbox.includes('wait') ? opt(WAIT, t(lang, 'playground.builder.wait'), true) : '') +
    (toolbox.some((v) => verbsFor(NETWORK).some((n) => n.verb === v))
      ? opt(NETWORK, t(lang, 'playground.builder.network'), true)
      : '') +
    `</select></label>` +
    `<label><span>${escapeHtml(t(lang, 'playground.builder.verb'))}</span><select name="verb">${first.map((v) => opt(v.verb)).join('')}</select></label>` +
    `<label class="pg-args"><span>${escapeHtml(t(lang, 'playground.builder.args'))}</span><input name="args" type="text" spellcheck="false" autocomplete="off" aria-describedby="${id}-usage" value="${escapeHtml(exampleArgs(first[0]?.verb ?? '', hosts, hosts[0] ?? ''))}" /></label>` +
    `<button type="submit" class="ex-button">${escapeHtml(t(lang, 'playground.builder.add'))}</button></div>` +
    `<p id="${id}-usage" class="pg-usage">${escapeHtml(t(lang, 'playground.builder.usage', { usage: first[0]?.usage ?? '' }))}</p>` +
    `<p class="pg-builder-status" role="status"></p></fieldset></form>` +
    `<label class="ex-goal-label" for="${id}-steps">${escapeHtml(t(lang, 'exercise.goal.steps'))}</label>` +
    `<textarea id="${id}-steps" rows="6" spellcheck="false">steps:\n</textarea>` +
    `<div class="ex-actions"><button type="button" class="ex-button" data-goal="run">${escapeHtml(t(lang, 'exercise.goal.run'))}</button></div>`;
  const builderForm = area.querySelector<HTMLFormElement>('form.pg-builder');
  const editor = area.querySelector<HTMLTextAreaElement>('textarea');
  const runButton = area.querySelector<HTMLButtonElement>('[data-goal=run]');
  if (!builderForm || !editor || !runButton) return;
  // The builder offers every verb of a host; the toolbox check in grade() names any that is not allowed.
  new StepBuilder(builderForm, lang, editor, () => undefined);
  const say = (text: string) => {
    const p = document.createElement('p');
    p.textContent = text;
    status.replaceChildren(p);
  };
  say(t(lang, 'exercise.goal.ready'));
  runButton.addEventListener('click', () => {
    const steps = stepsOf(editor.value);
    if (steps.length === 0) {
      say(t(lang, 'exercise.goal.empty'));
      return;
    }
    runButton.disabled = true;
    say(t(lang, 'exercise.goal.running'));
    void run(exercise, ctx.questionId, steps).then((grade) => {
      runButton.disabled = false;
      if (!grade.valid) {
        say(t(lang, 'exercise.goal.invalid', { message: grade.message }));
        return;
      }
      if (grade.kind !== 'goal') return;
      say(
        grade.correct
          ? t(lang, 'exercise.goal.met')
          : grade.message === undefined
            ? t(lang, 'exercise.goal.not-met')
            : t(lang, 'exercise.goal.invalid', { message: grade.message }),
      );
      ctx.onResult(grade.correct);
    });
  });
  editor.focus();
}
