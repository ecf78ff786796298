/**
 * Why a submission file was refused, as data: the CLI and the Markdown report print it in
 * English, the instructor page in its own language. Pure.
 */
import type { Lang } from '../i18n/index.ts';

export type Rejection =
  | { id: 'unreadable' }
  | { id: 'too-large' }
  | { id: 'too-deep'; depth: number }
  | { id: 'hostile-key'; key: string }
  | { id: 'not-json' }
  | { id: 'not-submission'; path: string; detail: string }
  | { id: 'code-alphabet' }
  | { id: 'code-too-large' }
  | { id: 'code-damaged' }
  | { id: 'other-assignment'; found: string; expected: string }
  | { id: 'other-version'; found: string; expected: string };

type Texts = { [K in Rejection['id']]: (r: Extract<Rejection, { id: K }>) => string };

const TEXTS: Record<Lang, Texts> = {
  en: {
    unreadable: () => 'could not be read',
    'too-large': () => 'larger than 1 MB',
    'too-deep': (r) => `nested more than ${String(r.depth)} levels deep`,
    'hostile-key': (r) => `carries the key '${r.key}'`,
    'not-json': () => 'not JSON (nor a submission code)',
    'not-submission': (r) => `not a submission: ${r.path}: ${r.detail}`,
    'code-alphabet': () => 'a submission code with characters that are not base64url',
    'code-too-large': () => 'a submission code that unpacks to more than 1 MB',
    'code-damaged': () => 'a damaged submission code',
    'other-assignment': (r) => `for assignment '${r.found}', not '${r.expected}'`,
    'other-version': (r) =>
      `made against answer-key version ${r.found}; this grader has ${r.expected} (the assignment, an exercise or the model changed) — not re-graded`,
  },
  'zh-CN': {
    unreadable: () => '无法读取',
    'too-large': () => '超过 1 MB',
    'too-deep': (r) => `嵌套超过 ${String(r.depth)} 层`,
    'hostile-key': (r) => `含有键“${r.key}”`,
    'not-json': () => '不是 JSON（也不是提交代码）',
    'not-submission': (r) => `不是提交文件：${r.path}：${r.detail}`,
    'code-alphabet': () => '提交代码里有不属于 base64url 的字符',
    'code-too-large': () => '提交代码解压后超过 1 MB',
    'code-damaged': () => '提交代码已损坏',
    'other-assignment': (r) => `属于作业“${r.found}”，不是“${r.expected}”`,
    'other-version': (r) =>
      `按答案版本 ${r.found} 作答；本评分程序的版本是 ${r.expected}（作业、练习或模型已改动），不重新评分`,
  },
};

/** The reason in words, English unless another language is asked for. */
export function rejectionText(r: Rejection, lang: Lang = 'en'): string {
  const text = TEXTS[lang][r.id] as (r: Rejection) => string;
  return text(r);
}
