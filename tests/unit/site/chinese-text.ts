/**
 * Checks on the site's Chinese text: one term per concept (a glossary of banned variants) and
 * full-width punctuation (no ASCII punctuation next to a Chinese character). Each returns
 * problems as lines naming the file and line, so the same functions check the repository and,
 * in the tests, planted mistakes.
 */
import { parse } from 'yaml';

/** One concept: the term the site uses, and the variants that must not appear. */
export interface GlossaryEntry {
  concept: string;
  use: string;
  avoid: readonly RegExp[];
}

/** The site's Chinese vocabulary. Quotations of the article (《…》, “…”, quote="…") keep their own words. */
export const GLOSSARY: readonly GlossaryEntry[] = [
  { concept: 'reset (RST)', use: '复位', avoid: [/重置/, /重设/] },
  { concept: 'timer', use: '定时器', avoid: [/计时器/] },
  { concept: 'the source article', use: '原文', avoid: [/文章(?!\s*\[?《)/] },
  { concept: 'segment', use: '报文段', avoid: [/报文(?!段)/] },
  { concept: 'half-open connection (lesson 6)', use: '半打开', avoid: [/半开(?!始)/] },
  { concept: 'accept queue', use: '全连接队列', avoid: [/accept ?队列/, /接受队列/] },
  { concept: 'peer', use: '对端', avoid: [/对方/] },
  { concept: 'playground', use: '实验场', avoid: [/练习场/, /游乐场/, /演练场/] },
];

/** A piece of Chinese text and the line it starts on. */
export interface TextPiece {
  line: number;
  text: string;
  /** A verbatim quotation of the article (a Claim's quote="…"): its words are the article's. */
  quoted?: true;
}

const HAN = '\\p{Script=Han}';
/** ASCII punctuation that Chinese text writes full-width: ，。；：！？“”‘’（）【】. */
const ASCII = `[,.;:!?"'()\\[\\]]`;
const ASCII_NEXT_TO_HAN = new RegExp(`${HAN}${ASCII}|${ASCII}${HAN}`, 'u');
const HAS_HAN = new RegExp(HAN, 'u');

const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/**
 * The prose of an MDX page: frontmatter values and body text, without code, import lines,
 * URLs or tag syntax. Attribute values (title="…", quote="…") are prose too, kept as pieces.
 */
export function mdxProse(source: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let body = source;
  const front = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(source);
  if (front) {
    const data: unknown = parse(front[1] ?? '');
    for (const text of stringsIn(data)) {
      const at = source.indexOf(text);
      pieces.push({ line: at < 0 ? 1 : lineAt(source, at), text });
    }
    body = front[0].replace(/[^\n]/g, ' ') + source.slice(front[0].length);
  }
  // Blank out what is not prose, keeping offsets (and so line numbers) where they were.
  const blank = (match: string) => match.replace(/[^\n]/g, ' ');
  let text = body
    .replace(/^```[\s\S]*?^```/gm, blank)
    .replace(/^(import|export) .*$/gm, blank)
    .replace(/`[^`\n]*`/g, blank)
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, blank)
    // Links: [text](url) keeps its text.
    .replace(/\[([^\]\n]*)\]\([^)\s]*\)/g, (m, label: string) => ` ${label}${blank(m.slice(label.length + 1))}`);
  // Tags: their attribute values become pieces, the rest of the tag is blanked.
  text = text.replace(/<\/?[A-Za-z][^<>]*>/g, (tag, offset: number) => {
    for (const [, name, value = ''] of tag.matchAll(/\s([\w:-]+)="([^"]*)"/g)) {
      if (/^(https?:|\/|#)/.test(value)) continue;
      pieces.push({ line: lineAt(body, offset), text: value, ...(name === 'quote' ? { quoted: true as const } : {}) });
    }
    return blank(tag);
  });
  text.split('\n').forEach((line, i) => {
    if (HAS_HAN.test(line)) pieces.push({ line: i + 1, text: line });
  });
  return pieces.sort((a, b) => a.line - b.line);
}

/** Every string in a parsed YAML or JSON value. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

/** The strings of a JSON dictionary, each with its line. */
export function jsonProse(source: string): TextPiece[] {
  return source.split('\n').flatMap((line, i) => {
    const value = /^\s*"[^"]+":\s*"(.*)",?\s*$/.exec(line)?.[1];
    return value === undefined ? [] : [{ line: i + 1, text: JSON.parse(`"${value}"`) as string }];
  });
}

/** Chinese string literals in code ('…' or "…" containing a Han character), each with its line. */
export function codeProse(source: string): TextPiece[] {
  return source.split('\n').flatMap((line, i) =>
    [...line.matchAll(/'([^'\n]*)'|"([^"\n]*)"|>([^<>\n]+)</g)]
      .map((m) => m[1] ?? m[2] ?? m[3] ?? '')
      .filter((text) => HAS_HAN.test(text))
      .map((text) => ({ line: i + 1, text })),
  );
}

/** ASCII punctuation right before or after a Chinese character: "服务器," or "的"大量". */
export function punctuationProblems(file: string, pieces: readonly TextPiece[]): string[] {
  return pieces.flatMap(({ line, text }) => {
    const match = ASCII_NEXT_TO_HAN.exec(text);
    return match
      ? [`${file}:${line}: ASCII punctuation next to Chinese text: “${match[0]}” in “${excerpt(text, match.index)}”`]
      : [];
  });
}

/** A banned variant outside quotations: the glossary's term is to be used instead. */
export function glossaryProblems(file: string, pieces: readonly TextPiece[]): string[] {
  return pieces.flatMap(({ line, text, quoted }) => {
    if (quoted) return [];
    // Quotations keep their delimiters, so a rule can still see that a title follows.
    const own = text.replace(/(?<=[《“])[^》”]*(?=[》”])/g, (m) => ' '.repeat(m.length));
    return GLOSSARY.flatMap(({ concept, use, avoid }) =>
      avoid.flatMap((pattern) => {
        const match = pattern.exec(own);
        return match
          ? [
              `${file}:${line}: “${match[0]}” for ${concept}: this site writes “${use}” (in “${excerpt(text, match.index)}”)`,
            ]
          : [];
      }),
    );
  });
}

function excerpt(text: string, at: number): string {
  return text.slice(Math.max(0, at - 8), at + 10).trim();
}
