/**
 * The exercise widget's markup as strings: the trace so far (diagram and table) and one
 * question's form. Pure, so the page renders the first question at build time and the data
 * file carries the later ones in the very same markup.
 */
import type { Trace } from '../model/index.ts';
import { t, type Lang } from '../i18n/index.ts';
import type { ExerciseView, QuestionView } from '../exercises/view.ts';
import { escapeHtml, traceView } from './trace-view.ts';

/** The trace as the player shows it when it stops after step `at`: nothing of a later step. */
export function tracePrefix(trace: Trace, at: number): Trace {
  return {
    ...trace,
    segments: trace.segments.filter((s) => s.step <= at),
    events: trace.events.filter((e) => e.step <= at),
    steps: trace.steps.filter((s) => s.index <= at),
    sockets: [],
  };
}

/** The step after which stage `k` stops: question k's, or the whole trace after the last one. */
export function stageStop(view: ExerciseView, k: number): number {
  return view.questions[k]?.stopAfterStep ?? Number.POSITIVE_INFINITY;
}

/** The diagram and the table of the trace up to stage `k` (k = questions.length: all of it). */
export function stageHtml(view: ExerciseView, k: number, lang: Lang): string {
  const stop = stageStop(view, k);
  const whole = !Number.isFinite(stop);
  const trace = whole ? view.trace : tracePrefix(view.trace, stop);
  const label = whole
    ? t(lang, 'exercise.stage.all')
    : t(lang, 'exercise.stage.until', { step: String(stop), text: view.trace.steps[stop - 1]?.text ?? '' });
  const domId = `ex-${view.id}-${k}`;
  const tv = traceView(lang, trace, `${view.title}: ${label}`, domId);
  const steps = trace.steps.map((s) => `<li><code>${escapeHtml(s.text)}</code></li>`).join('');
  return (
    `<p class="ex-stage-label">${escapeHtml(label)}</p>` +
    `<details class="ex-steps"><summary>${escapeHtml(t(lang, 'scenario.steps'))}</summary><ol>${steps}</ol></details>` +
    `<div class="scenario-diagram" tabindex="0" role="region" aria-label="${escapeHtml(`${t(lang, 'scenario.diagram')}: ${view.title}. ${label}`)}">${tv.svg}</div>` +
    `<details class="scenario-table"><summary>${escapeHtml(t(lang, 'scenario.table'))}</summary><table><thead><tr>` +
    ['trace.time', 'trace.what', 'trace.numbers', 'trace.reason']
      .map((k2) => `<th scope="col">${escapeHtml(t(lang, k2 as 'trace.time'))}</th>`)
      .join('') +
    `</tr></thead><tbody>${tv.rows}</tbody></table></details>`
  );
}

/** One question's form: a fieldset with its legend, the choices as radios, submit and hint buttons, a status region. */
export function questionHtml(view: ExerciseView, k: number, lang: Lang): string {
  const q = view.questions[k];
  if (q === undefined) return '';
  const id = `q-${view.id}-${q.id}`;
  const n = t(lang, 'exercise.question-n', { n: k + 1, of: view.questions.length });
  const legend = `<legend><span class="ex-n">${escapeHtml(n)}</span> ${escapeHtml(q.prompt)}</legend>`;
  const status = `<div class="ex-status" role="status" aria-live="polite"></div>`;
  if (q.kind === 'goal') return goalHtml(q, k, id, legend, status, lang);
  const choices = q.choices
    .map(
      (c, i) =>
        `<label class="ex-choice"><input type="radio" name="${id}" value="${escapeHtml(c.value)}"${i === 0 ? ' required' : ''} /> <span>${escapeHtml(c.label)}</span></label>`,
    )
    .join('');
  return (
    `<form class="ex-question" id="${id}" data-key="${escapeHtml(q.key)}" data-index="${k}" data-kind="${q.kind}">` +
    `<fieldset>${legend}<div class="ex-choices">${choices}</div>` +
    `<div class="ex-actions"><button type="submit" class="ex-button">${escapeHtml(t(lang, 'exercise.submit'))}</button>` +
    `<button type="button" class="ex-button" data-ex="hint">${escapeHtml(t(lang, 'exercise.hint'))}</button>` +
    `<span class="ex-attempts" aria-live="polite"></span></div>` +
    `<ol class="ex-hints"></ol></fieldset>${status}</form>`
  );
}

function goalHtml(
  q: QuestionView & { kind: 'goal' },
  k: number,
  id: string,
  legend: string,
  status: string,
  lang: Lang,
): string {
  const tools = t(lang, 'exercise.goal.toolbox', { verbs: q.toolbox.join(', '), hosts: q.hosts.join(', ') });
  return (
    `<div class="ex-question ex-goal" id="${id}" data-key="${escapeHtml(q.key)}" data-index="${k}" data-kind="goal" data-hosts="${escapeHtml(q.hosts.join(' '))}" data-toolbox="${escapeHtml(q.toolbox.join(' '))}">` +
    `<fieldset>${legend}<p class="ex-tools">${escapeHtml(tools)}</p>` +
    `<div class="ex-actions"><button type="button" class="ex-button" data-ex="open-goal">${escapeHtml(t(lang, 'exercise.goal.open'))}</button>` +
    `<button type="button" class="ex-button" data-ex="skip">${escapeHtml(t(lang, 'exercise.goal.skip'))}</button>` +
    `<span class="ex-attempts" aria-live="polite"></span></div>` +
    `<div class="ex-goal-area"></div></fieldset>${status}</div>`
  );
}
