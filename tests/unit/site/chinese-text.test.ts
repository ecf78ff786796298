/** One Chinese term per concept and full-width punctuation, over every Chinese text the site shows. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  GLOSSARY,
  codeProse,
  glossaryProblems,
  jsonProse,
  mdxProse,
  punctuationProblems,
  stringsIn,
  type TextPiece,
} from './chinese-text.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const list = (dir: string, ending: string) =>
  existsSync(join(root, dir))
    ? readdirSync(join(root, dir))
        .filter((f) => f.endsWith(ending) && !f.startsWith('_'))
        .sort()
        .map((f) => `${dir}/${f}`)
    : [];

/** The site's Chinese text, file by file. */
function chineseTexts(): [string, TextPiece[]][] {
  const mdx = [
    ...['home', 'about', 'playground']
      .map((page) => `content/${page}/zh-cn.mdx`)
      .filter((f) => existsSync(join(root, f))),
    ...list('content/lessons/zh-cn', '.mdx'),
  ];
  const yamlStrings = (file: string, pick: (data: unknown) => unknown): [string, TextPiece[]] => {
    const source = read(file);
    const texts = stringsIn(pick(parse(source)));
    return [
      file,
      texts.map((text) => ({
        line: source.split('\n').findIndex((l) => l.includes(text.split('\n')[0] ?? '')) + 1,
        text,
      })),
    ];
  };
  return [
    ...mdx.map((file): [string, TextPiece[]] => [file, mdxProse(read(file))]),
    ...['src/i18n/zh-CN.json', 'src/content/i18n/zh-CN.json']
      .filter((f) => existsSync(join(root, f)))
      .map((file): [string, TextPiece[]] => [file, jsonProse(read(file))]),
    ...list('content/cheat-sheet', 'zh-cn.yaml').map((file) => yamlStrings(file, (data) => data)),
    ...list('exercises/scenarios', '.yaml').map((file) =>
      yamlStrings(file, (data) => (data as { title?: Record<string, unknown> } | null)?.title?.['zh-CN']),
    ),
    ...['astro.config.mjs', 'src/pages/index.astro', 'src/pages/404.astro'].map((file): [string, TextPiece[]] => [
      file,
      codeProse(read(file)),
    ]),
  ];
}

describe('the Chinese text of the site', () => {
  const texts = chineseTexts();

  it('covers the pages, the lessons, both dictionaries, the cheat sheet, scenario titles and the site title', () => {
    const files = texts.map(([file]) => file);
    expect(files).toContain('content/home/zh-cn.mdx');
    expect(files).toContain('content/lessons/zh-cn/00-normal-close.mdx');
    expect(files).toContain('src/i18n/zh-CN.json');
    expect(files).toContain('src/content/i18n/zh-CN.json');
    expect(files).toContain('astro.config.mjs');
    expect(texts.find(([file]) => file === 'astro.config.mjs')?.[1].length).toBeGreaterThan(0);
  });

  it('uses one term per concept', () => {
    expect(texts.flatMap(([file, pieces]) => glossaryProblems(file, pieces))).toEqual([]);
  });

  it('writes its punctuation full-width: no ASCII punctuation next to a Chinese character', () => {
    expect(texts.flatMap(([file, pieces]) => punctuationProblems(file, pieces))).toEqual([]);
  });
});

describe('the checks, on planted mistakes', () => {
  const page = [
    '---',
    'title: 放弃的计时器',
    'description: "正常"',
    '---',
    '',
    "import Claim from '../x.astro';",
    '',
    '<Claim verdict="wrong" quote="不需要得到对方的响应,仅仅是">',
    '对端收到 `R.`,这个逗号不对，代码本身不算。[第 2 课](/zh-cn/lessons/02-x/)没问题。',
    '</Claim>',
    '',
    '服务器被重置了,客户端看到"连接重置"。',
    '',
    '```',
    '代码块,也不算',
    '```',
    '',
    '<Aside title="现实中(注意)">《TCP的异常终止与RST报文》是文章的标题。</Aside>',
    '',
  ].join('\n');
  const pieces = mdxProse(page);

  it('finds a banned variant, with its line, but not inside a quotation or a book title', () => {
    expect(glossaryProblems('x.mdx', pieces)).toEqual([
      'x.mdx:2: “计时器” for timer: this site writes “定时器” (in “放弃的计时器”)',
      'x.mdx:12: “重置” for reset (RST): this site writes “复位” (in “服务器被重置了,客户端看到"”)',
      'x.mdx:18: “文章” for the source article: this site writes “原文” (in “与RST报文》是文章的标题。”)',
    ]);
  });

  it('finds ASCII punctuation next to Chinese, in text, attributes and quotations, but not in code or URLs', () => {
    expect(punctuationProblems('x.mdx', pieces)).toEqual([
      'x.mdx:8: ASCII punctuation next to Chinese text: “应,” in “需要得到对方的响应,仅仅是”',
      'x.mdx:9: ASCII punctuation next to Chinese text: “,这” in “端收到     ,这个逗号不对，代码”',
      'x.mdx:12: ASCII punctuation next to Chinese text: “了,” in “服务器被重置了,客户端看到"连接”',
      'x.mdx:18: ASCII punctuation next to Chinese text: “中(” in “现实中(注意)”',
    ]);
  });

  it('reads the strings of a JSON dictionary and the Chinese literals in code', () => {
    const json = '{\n  "a": "English, fine",\n  "b": "中文,不行"\n}\n';
    expect(punctuationProblems('d.json', jsonProse(json))).toEqual([
      'd.json:3: ASCII punctuation next to Chinese text: “文,” in “中文,不行”',
    ]);
    expect(codeProse("title: { en: 'TCP Reset Lab', 'zh-CN': 'TCP 重置实验室' },")).toEqual([
      { line: 1, text: 'TCP 重置实验室' },
    ]);
  });

  it('has a term and at least one variant for every concept, and never bans its own term', () => {
    for (const { concept, use, avoid } of GLOSSARY) {
      expect(avoid.length, concept).toBeGreaterThan(0);
      for (const pattern of avoid) expect(pattern.test(use), `${concept}: ${String(pattern)}`).toBe(false);
    }
  });
});
