/** UI strings: one dictionary per locale, the same keys in each (a test checks). */
import en from './en.json';
import zhCN from './zh-CN.json';

export type Lang = 'en' | 'zh-CN';
export type UiKey = keyof typeof en;

export const DICTIONARIES: Readonly<Record<Lang, Record<UiKey, string>>> = { en, 'zh-CN': zhCN };

/** A UI string with `{name}` placeholders filled in. */
export function t(lang: Lang, key: UiKey, vars: Record<string, string | number> = {}): string {
  return DICTIONARIES[lang][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** The page language from a URL path: /zh-cn/… is Chinese, everything else English. */
export function langOf(pathname: string): Lang {
  return /(^|\/)zh-cn(\/|$)/.test(pathname) ? 'zh-CN' : 'en';
}
