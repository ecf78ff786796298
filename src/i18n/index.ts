/** UI strings: one dictionary per locale, the same keys in each (a test checks). */
import type { BeliefId, Reason } from '../model/index.ts';
import en from './en.json' with { type: 'json' };
import zhCN from './zh-CN.json' with { type: 'json' };

export type Lang = 'en' | 'zh-CN';
export type UiKey = keyof typeof en;

export const DICTIONARIES: Readonly<Record<Lang, Record<UiKey, string>>> = { en, 'zh-CN': zhCN };

/** A UI string with `{name}` placeholders filled in. */
export function t(lang: Lang, key: UiKey, vars: Record<string, string | number> = {}): string {
  return DICTIONARIES[lang][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** The one-line explanation of a reason id (the rule catalogue's prose), `reason.<id>` in each dictionary. */
/** Sentences one after another: a space between them in English, none in Chinese (full-width punctuation ends each). */
export function joinSentences(lang: Lang, sentences: readonly string[]): string {
  return sentences.filter((s) => s !== '').join(lang === 'zh-CN' ? '' : ' ');
}

export function reasonText(reason: Reason, lang: Lang): string {
  const key: UiKey = `reason.${reason}`;
  return DICTIONARIES[lang][key];
}

/**
 * A belief's words (`belief.<id>.name`, `.as-if`, `.fact`): feedback reads "you answered as if
 * {asIf}; in fact {fact}"; a comparison is headed by its name.
 */
export function beliefText(belief: BeliefId, lang: Lang): { name: string; asIf: string; fact: string } {
  const name: UiKey = `belief.${belief}.name`;
  const asIf: UiKey = `belief.${belief}.as-if`;
  const fact: UiKey = `belief.${belief}.fact`;
  return { name: DICTIONARIES[lang][name], asIf: DICTIONARIES[lang][asIf], fact: DICTIONARIES[lang][fact] };
}

/** The page language from a URL path: /zh-cn/… is Chinese, everything else English. */
export function langOf(pathname: string): Lang {
  return /(^|\/)zh-cn(\/|$)/.test(pathname) ? 'zh-CN' : 'en';
}
