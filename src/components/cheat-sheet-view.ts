/**
 * What CheatSheet.astro renders: the cases grouped by lesson, each scenario with a link to
 * where it is drawn and the symptoms the model shows for it, and the filter's options with
 * their counts. Pure: the runs, lessons and links come in as arguments.
 */
import type { ProfileName, Trace } from '../model/index.ts';
import { t, type Lang, type UiKey } from '../i18n/index.ts';
import {
  PROGRAM_SYMPTOMS,
  SYMPTOMS,
  evidenceOf,
  inlineHtml,
  type CheatCase,
  type Evidence,
  type Symptom,
} from './cheat-sheet.ts';
import type { LessonInfo } from './lessons.ts';

export interface ChipView {
  symptom: Symptom;
  text: string;
}

export interface ScenarioView {
  id: string;
  title: string;
  href: string;
  /** False when the lesson does not draw it, and the link opens it in the playground. */
  inLesson: boolean;
  chips: ChipView[];
}

export interface CaseView {
  /** The element id, `case-<first scenario>`. */
  anchor: string;
  /** HTML, from the case's text. */
  situation: string;
  wire: string;
  outcome: string;
  sees: string;
  /** Every symptom any of its scenarios shows, under any profile. */
  symptoms: Symptom[];
  scenarios: ScenarioView[];
}

export interface GroupView {
  lesson: LessonInfo;
  cases: CaseView[];
}

export interface OptionView {
  symptom: Symptom;
  label: string;
  count: number;
}

export interface CheatSheetInput {
  lang: Lang;
  cases: readonly CheatCase[];
  lessons: readonly LessonInfo[];
  /** The scenarios a lesson draws, and under which profile (undefined: the scenario's own). */
  drawnIn: (lesson: string) => readonly { id: string; profile: ProfileName | undefined }[];
  /** A scenario run under every profile. */
  runs: (id: string) => readonly Trace[];
  scenarioTitle: (id: string) => string;
  scenarioProfile: (id: string) => ProfileName;
  /** The figure id Scenario.astro gives the first drawing of a scenario under a profile. */
  figureId: (id: string, profile: ProfileName) => string;
  playgroundHref: (id: string) => string;
}

const PROFILE_NAME: Record<ProfileName, UiKey> = {
  linux: 'scenario.profile.linux',
  rfc9293: 'scenario.profile.rfc9293',
};

/** A symptom's name in the filter. */
export function symptomLabel(lang: Lang, symptom: Symptom): string {
  return t(lang, `cheat.symptom.${symptom}` as UiKey);
}

/** A scenario's symptom as it reads on its card: who saw it, and the profile when only one shows it. */
export function chipText(lang: Lang, evidence: Evidence, profiles: number): string {
  const hosts = evidence.hosts.map((host) => hostName(lang, host)).join(t(lang, 'cheat.and'));
  const errno = PROGRAM_SYMPTOMS.includes(evidence.symptom) && evidence.symptom !== 'eof';
  let text: string;
  if (errno) text = t(lang, 'cheat.chip.errno', { hosts, errno: evidence.symptom });
  else if (evidence.symptom === 'eof') text = t(lang, 'cheat.chip.eof', { hosts });
  else text = symptomLabel(lang, evidence.symptom);
  const only = evidence.profiles.length < profiles ? evidence.profiles[0] : undefined;
  return only ? `${text}${t(lang, 'cheat.only', { profile: t(lang, PROFILE_NAME[only]) })}` : text;
}

function hostName(lang: Lang, host: string): string {
  return host === 'client' || host === 'server' ? t(lang, `cheat.host.${host}`) : host;
}

export function cheatSheetView(input: CheatSheetInput): { groups: GroupView[]; options: OptionView[]; total: number } {
  const { lang } = input;
  const groups: GroupView[] = [];
  for (const item of input.cases) {
    const lesson = input.lessons.find((l) => l.slug === item.lesson);
    if (!lesson)
      throw new Error(`cheat sheet: case '${item.situation}' names lesson ${item.lesson}, which does not exist`);
    const drawn = input.drawnIn(item.lesson);
    const scenarios = item.scenarios.map((id): ScenarioView => {
      const runs = input.runs(id);
      const own = input.scenarioProfile(id);
      const inLesson = drawn.some((d) => d.id === id && (d.profile ?? own) === own);
      return {
        id,
        title: input.scenarioTitle(id),
        href: inLesson ? `${lesson.href}#${input.figureId(id, own)}` : input.playgroundHref(id),
        inLesson,
        chips: evidenceOf(runs).map((e) => ({ symptom: e.symptom, text: chipText(lang, e, runs.length) })),
      };
    });
    const symptoms = SYMPTOMS.filter((s) => scenarios.some((sc) => sc.chips.some((c) => c.symptom === s)));
    const view: CaseView = {
      anchor: `case-${item.scenarios[0] ?? ''}`,
      situation: inlineHtml(item.situation),
      wire: inlineHtml(item.wire),
      outcome: inlineHtml(item.outcome),
      sees: inlineHtml(item.sees),
      symptoms,
      scenarios,
    };
    const group = groups.at(-1);
    if (group?.lesson.slug === lesson.slug) group.cases.push(view);
    else groups.push({ lesson, cases: [view] });
  }
  const all = groups.flatMap((g) => g.cases);
  const options = SYMPTOMS.map((symptom) => ({
    symptom,
    label: symptomLabel(lang, symptom),
    count: all.filter((c) => c.symptoms.includes(symptom)).length,
  })).filter((o) => o.count > 0);
  return { groups, options, total: all.length };
}
