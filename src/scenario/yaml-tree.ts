/**
 * YAML text to plain data, remembering where each node came from so that any
 * error (ours or Zod's, by path) can name its 1-based line.
 */
import {
  LineCounter,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  visit,
  type Alias,
  type Document,
  type Node,
} from 'yaml';

/** Alias uses allowed in one file; a real scenario needs a handful at most. */
export const MAX_ALIASES = 50;
/** Nodes that aliases may expand to in all: stops "billion laughs" before anything walks the data. */
export const MAX_ALIASED_NODES = 1000;
/** Deeper than any scenario; keeps recursion far from the stack limit. */
const MAX_DEPTH = 64;

export interface TreeProblem {
  line: number | null;
  message: string;
}

export interface YamlTree {
  /** The document as plain data: objects, arrays, strings, numbers, booleans, null. */
  value: unknown;
  /** The line of the node at `path` (a mapping entry: its key), or of the deepest node on the way that exists. */
  readonly lineAt: (path: readonly PropertyKey[]) => number | null;
}

class TreeError extends Error {
  readonly node: Node | undefined;
  constructor(message: string, node: Node | undefined) {
    super(message);
    this.node = node;
  }
}

interface Converted {
  value: unknown;
  size: number;
}

/** Parses one YAML document; problems carry lines, nothing throws. */
export function readYamlTree(text: string): { ok: true; tree: YamlTree } | { ok: false; problems: TreeProblem[] } {
  const lineCounter = new LineCounter();
  const lineOf = (offset: number | undefined): number | null =>
    offset === undefined ? null : lineCounter.linePos(offset).line;
  const deepLine = tooDeepFlowLine(text);
  if (deepLine !== null)
    return { ok: false, problems: [{ line: deepLine, message: 'not valid YAML: nested too deeply' }] };
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    return { ok: false, problems: [{ line: null, message: `not valid YAML: ${String(error)}` }] };
  }
  // Only the first: later syntax errors are mostly echoes of it.
  const first = [...doc.errors, ...doc.warnings].sort((a, b) => a.pos[0] - b.pos[0])[0];
  if (first !== undefined) {
    const message = first.code === 'RESOURCE_EXHAUSTION' ? 'nested too deeply' : yamlMessage(first.message);
    const line = lineOf(
      first.code === 'MISSING_CHAR' ? (unclosedQuoteStart(doc, first.pos[0]) ?? first.pos[0]) : first.pos[0],
    );
    return { ok: false, problems: [{ line, message: `not valid YAML: ${message}` }] };
  }
  const converter = new Converter();
  let value: unknown;
  try {
    value = doc.contents === null ? null : converter.convert(doc.contents, 0).value;
  } catch (error) {
    if (!(error instanceof TreeError)) throw error;
    return { ok: false, problems: [{ line: lineOf(error.node?.range?.[0]), message: error.message }] };
  }
  const nodeLine = (node: unknown): number | null => lineOf((node as Node | null)?.range?.[0]);
  return { ok: true, tree: { value, lineAt: (path) => lineAt(doc.contents, path, converter.aliasTargets, nodeLine) } };
}

/** Builds plain data from yaml's nodes, counting what aliases expand to. */
class Converter {
  readonly aliasTargets = new Map<Alias, Node>();
  private readonly anchors = new Map<string, { node: Node; converted: Converted }>();
  private aliasUses = 0;
  private aliasedNodes = 0;

  convert(node: unknown, depth: number): Converted {
    if (depth > MAX_DEPTH) throw new TreeError(`nested more than ${MAX_DEPTH} levels deep`, node as Node);
    if (isAlias(node)) return this.alias(node);
    let converted: Converted;
    if (isMap(node)) {
      // No prototype, so a key named __proto__ is data like any other.
      const object = Object.create(null) as Record<string, unknown>;
      let size = 1;
      for (const pair of node.items) {
        const key = pair.key;
        const name = isScalar(key) ? key.value : null;
        if (typeof name !== 'string' && typeof name !== 'number' && typeof name !== 'boolean') {
          throw new TreeError('a key must be a plain name', (key ?? node) as Node);
        }
        const child = this.convert(pair.value, depth + 1);
        object[String(name)] = child.value;
        size += child.size;
      }
      converted = { value: object, size };
    } else if (isSeq(node)) {
      const children = node.items.map((item) => this.convert(item, depth + 1));
      converted = { value: children.map((c) => c.value), size: children.reduce((n, c) => n + c.size, 1) };
    } else if (isScalar(node)) {
      // Tags such as !!binary give objects; a scenario holds only text, numbers and booleans.
      if (node.value !== null && typeof node.value === 'object') {
        throw new TreeError(`unsupported value '${node.source ?? ''}' — write plain text`, node);
      }
      converted = { value: node.value, size: 1 };
    } else {
      converted = { value: null, size: 1 };
    }
    const anchor = (node as Node).anchor;
    if (typeof anchor === 'string' && anchor !== '') this.anchors.set(anchor, { node: node as Node, converted });
    return converted;
  }

  /** The anchored value itself (shared, not copied), once the alias budget allows it. */
  private alias(node: Alias): Converted {
    const target = this.anchors.get(node.source);
    if (target === undefined) throw new TreeError(`alias '*${node.source}' has no anchor before it`, node);
    this.aliasUses++;
    this.aliasedNodes += target.converted.size;
    if (this.aliasUses > MAX_ALIASES || this.aliasedNodes > MAX_ALIASED_NODES) {
      const limits = `more than ${MAX_ALIASES} uses or ${MAX_ALIASED_NODES} aliased nodes`;
      throw new TreeError(`too many aliases: ${limits} (is this an alias bomb?)`, node);
    }
    this.aliasTargets.set(node, target.node);
    return target.converted;
  }
}

/** Follows `path` through the nodes; a mapping entry is reported at its key, where `tune:` or `title:` is written. */
function lineAt(
  root: unknown,
  path: readonly PropertyKey[],
  aliasTargets: ReadonlyMap<Alias, Node>,
  nodeLine: (node: unknown) => number | null,
): number | null {
  let node = root;
  let line = nodeLine(node);
  for (const segment of path) {
    if (isAlias(node)) node = aliasTargets.get(node);
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (pair === undefined) break;
      line = nodeLine(pair.key) ?? line;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment];
      if (item === undefined) break;
      line = nodeLine(item) ?? line;
      node = item;
    } else {
      break;
    }
  }
  return line;
}

/** yaml's messages sometimes end with a source excerpt; keep the first line. */
function yamlMessage(message: string): string {
  const first = (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '').trim();
  const quote = /^Missing closing (["'])quote$/.exec(first)?.[1];
  return quote === undefined ? first : `a string opened with ${quote} is never closed`;
}

/**
 * The line where `[`/`{` nesting passes a bound no scenario comes near, or null.
 * Counts brackets even inside strings: a cheap guard, since yaml needs seconds to give up on "[[[[…".
 */
function tooDeepFlowLine(text: string): number | null {
  let depth = 0;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > 4 * MAX_DEPTH) return line;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
    else if (c === 0x0a) line++;
  }
  return null;
}

/** yaml reports a missing closing quote where the file ends; the author needs the line where the quote opened. */
function unclosedQuoteStart(doc: Document, errorOffset: number): number | undefined {
  let start: number | undefined;
  visit(doc, {
    Scalar(_key, node) {
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      if (quoted && node.range !== undefined && node.range !== null && node.range[1] >= errorOffset)
        start = node.range[0];
    },
  });
  return start;
}
