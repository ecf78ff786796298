/** Zod's issues about a scenario document as messages an author can act on, each with its line. */
import { z } from 'zod';
import { ScenarioDocSchema } from './schema.ts';
import { didYouMean, listWords } from './suggest.ts';
import type { YamlTree } from './yaml-tree.ts';

/**
 * Passed as the per-parse error map: issues that carry it got no message from
 * the schema, so describeIssue writes one; others already read as sentences.
 */
export const GENERIC_ISSUE = '\u0000generic';

/** One Zod issue as located messages, each led by the field it is about ("tune.rto: …"). */
export function describeIssue(issue: z.core.$ZodIssue, tree: YamlTree): { line: number | null; message: string }[] {
  const path = issue.path;
  const field = fieldName(path);
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(path);
    const where = path.length === 0 ? 'the scenario' : `'${field}'`;
    return issue.keys.map((key) => ({
      line: tree.lineAt([...path, key]),
      message: `unknown key '${key}' in ${where}${didYouMean(key, known) || ` — expected ${listWords(known)}`}`,
    }));
  }
  const line = tree.lineAt(path);
  const input = issue.input;
  const lead = field === '' ? '' : `${field}: `;
  if (issue.message !== GENERIC_ISSUE) {
    // Messages written in the schema quote the value; an index adds nothing to them.
    return [{ line, message: typeof path[path.length - 1] === 'number' ? issue.message : lead + issue.message }];
  }
  switch (issue.code) {
    case 'invalid_type': {
      if (input !== undefined) {
        return [{ line, message: `${lead}expected ${expectedText(issue.expected)}, found ${describeValue(input)}` }];
      }
      const parent = fieldName(path.slice(0, -1));
      return [
        {
          line,
          message: `${parent === '' ? '' : `${parent}: `}missing required key '${String(path[path.length - 1])}'`,
        },
      ];
    }
    case 'invalid_value': {
      const values = issue.values.map(String);
      const hint = typeof input === 'string' ? didYouMean(input, values) : '';
      return [
        { line, message: `unknown ${field} ${describeValue(input)}${hint || ` — expected ${listWords(values)}`}` },
      ];
    }
    case 'too_small':
    case 'too_big':
      if (issue.origin === 'string') return [{ line, message: `${lead}must not be empty` }];
      return [
        {
          line,
          message: `${lead}must be ${issue.code === 'too_small' ? `at least ${issue.minimum}` : `at most ${issue.maximum}`}, found ${describeValue(input)}`,
        },
      ];
    default:
      return [{ line, message: `${lead}not valid` }];
  }
}

function expectedText(expected: string): string {
  switch (expected) {
    case 'int':
      return 'a whole number';
    case 'object':
      return 'a mapping';
    case 'array':
      return 'a list';
    case 'boolean':
      return 'true or false';
    case 'string':
      return 'text';
    default:
      return `a ${expected}`;
  }
}

/** How a value reads in a message: 'text', 42, a list, a mapping, nothing. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return typeof value; // a function or symbol: never in parsed YAML
}

/** `tune.keepalive.idle`, `hosts[2]`; inside a step only the key (`wait`), or `step 3` for the step itself. */
function fieldName(path: readonly PropertyKey[]): string {
  if (path[0] === 'steps' && typeof path[1] === 'number') {
    return path.length === 2 ? `step ${path[1] + 1}` : path.slice(2).map(String).join('.');
  }
  return path
    .map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : `${i === 0 ? '' : '.'}${String(segment)}`))
    .join('');
}

/** The keys allowed in the mapping at `path`, for "did you mean". */
function knownKeys(path: readonly PropertyKey[]): string[] {
  let schema: z.core.$ZodType = ScenarioDocSchema;
  for (const segment of path) {
    schema = unwrap(schema);
    if (schema instanceof z.ZodObject) {
      const next = (schema.shape as Record<string, z.core.$ZodType>)[String(segment)];
      if (next === undefined) return [];
      schema = next;
    } else if (schema instanceof z.ZodArray) {
      schema = schema.element;
    } else {
      return [];
    }
  }
  schema = unwrap(schema);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodDefault) {
    current = current.unwrap();
  }
  return current;
}
