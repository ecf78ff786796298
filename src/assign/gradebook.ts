/**
 * The gradebook as CSV for Moodle and Canvas (one row per learner: score, pass/fail, each
 * question, submitted at, late), the roster comparison, and the misconception report. Pure.
 * papaparse writes the CSV: it quotes commas, quotes and line breaks the way both LMSs read.
 */
import Papa from 'papaparse';
import type { BeliefId, Reason } from '../model/index.ts';
import { beliefText, reasonText } from '../i18n/index.ts';
import type { AnswerKey } from './key.ts';
import type { Graded, GradedAnswer } from './grade.ts';

export function gradebookCsv(key: AnswerKey, graded: Graded, roster: readonly string[] | null): string {
  const questions = key.exercises.flatMap((e) => e.questions.map((q) => `${e.id}/${q.id}`));
  const header = ['learner', 'score', 'pass', ...questions, 'submitted_at', 'late'];
  const rows: string[][] = graded.results.map((r) => [
    r.learner,
    String(r.score),
    r.passed ? 'pass' : 'fail',
    ...r.answers.map((a) => (a.correct ? '1' : '0')),
    r.submittedAt,
    r.late ? 'late' : '',
  ]);
  const seen = new Set(graded.results.map((r) => r.learner));
  for (const learner of roster ?? []) {
    if (!seen.has(learner)) rows.push([learner, '0', 'fail', ...questions.map(() => ''), '', 'missing']);
  }
  return `${Papa.unparse([header, ...rows], { newline: '\n' })}\n`;
}

/** Learners in a roster CSV: the column named learner, id, username or email, or else the first. */
export function readRoster(text: string): string[] {
  const parsed = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true });
  const rows = parsed.data;
  const head = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const col = head.findIndex((h) => ['learner', 'id', 'username', 'email', 'student'].includes(h));
  const body = col === -1 ? rows : rows.slice(1);
  return body.map((r) => (r[col === -1 ? 0 : col] ?? '').trim()).filter((x) => x !== '');
}

export interface RosterCheck {
  missing: string[];
  unknown: string[];
}

export function compareRoster(graded: Graded, roster: readonly string[]): RosterCheck {
  const on = new Set(roster);
  const seen = new Set(graded.results.map((r) => r.learner));
  return {
    missing: roster.filter((l) => !seen.has(l)),
    unknown: [...seen].filter((l) => !on.has(l)),
  };
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The misconception report (Markdown, English): per question the commonest wrong answers and the beliefs behind them. */
export function misconceptionReport(key: AnswerKey, graded: Graded, roster: RosterCheck | null): string {
  const out: string[] = [`# ${key.assignment.title.en} — misconception report`, ''];
  const n = graded.results.length;
  const passed = graded.results.filter((r) => r.passed).length;
  out.push(
    `${n} learners graded, ${passed} passed (pass mark ${key.assignment.pass}%). Answer-key version ${key.version}.`,
    '',
  );
  const learnersByBelief = new Map<BeliefId, Set<string>>();
  // Each learner's answer per question, found once rather than searched for per question.
  const byQuestion = new Map<string, { learner: string; a: GradedAnswer }[]>();
  for (const r of graded.results) {
    for (const a of r.answers) {
      const id = `${a.exercise}\u0000${a.question}`;
      const list = byQuestion.get(id);
      if (list === undefined) byQuestion.set(id, [{ learner: r.learner, a }]);
      else list.push({ learner: r.learner, a });
    }
  }
  for (const e of key.exercises) {
    for (const q of e.questions) {
      const wrong = new Map<string, { count: number; beliefs: Set<BeliefId> }>();
      let answered = 0;
      let right = 0;
      const reasons = new Set<Reason>();
      for (const { learner, a } of byQuestion.get(`${e.id}\u0000${q.id}`) ?? []) {
        if (a.key.reason !== null) reasons.add(a.key.reason);
        if (a.answer === null) continue;
        answered++;
        if (a.correct) {
          right++;
          continue;
        }
        const w = wrong.get(a.answer) ?? { count: 0, beliefs: new Set() };
        w.count++;
        for (const b of a.beliefs) {
          w.beliefs.add(b);
          const set = learnersByBelief.get(b) ?? new Set();
          set.add(learner);
          learnersByBelief.set(b, set);
        }
        wrong.set(a.answer, w);
      }
      out.push(`## ${e.id} / ${q.id}`, '', `> ${q.prompt.en}`, '', `${right} of ${answered} answered right.`);
      for (const reason of reasons)
        out.push(`Rule missed by the wrong answers: **${reason}** — ${reasonText(reason, 'en')}`);
      out.push('');
      const top = [...wrong.entries()].sort((a, b) => b[1].count - a[1].count).slice(0, 5);
      if (top.length > 0) {
        out.push('| wrong answer | learners | belief it signals |', '| --- | --- | --- |');
        for (const [answer, w] of top) {
          const beliefs = [...w.beliefs].map((b) => `${b} (as if ${beliefText(b, 'en').asIf})`).join('; ') || '—';
          out.push(`| ${cell(answer)} | ${w.count} | ${cell(beliefs)} |`);
        }
        out.push('');
      }
    }
  }
  out.push('## Beliefs across the class', '', '| belief | learners | in fact |', '| --- | --- | --- |');
  for (const [b, set] of [...learnersByBelief.entries()].sort((a, z) => z[1].size - a[1].size)) {
    out.push(`| ${b} | ${set.size} | ${cell(beliefText(b, 'en').fact)} |`);
  }
  out.push('');
  if (roster !== null) {
    out.push('## Roster', '', `Missing (on the roster, no submission): ${roster.missing.join(', ') || 'none'}`, '');
    out.push(`Unknown (submitted, not on the roster): ${roster.unknown.join(', ') || 'none'}`, '');
  }
  if (graded.errors.length > 0) {
    out.push('## Errors', '');
    for (const e of graded.errors) out.push(`- \`${cell(e.file)}\`: ${cell(e.message)}`);
    out.push('');
  }
  return out.join('\n');
}
