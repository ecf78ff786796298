/**
 * Submissions: the versioned JSON a learner downloads, and its compact text code (deflate +
 * base64url, `TRL1.` in front) for an LMS text box. Reading is hardened: size, depth and
 * hostile keys are refused before anything else looks at the data. Pure (Web APIs only).
 */
import { z } from 'zod';
import type { Rejection } from './rejection.ts';

export const SUBMISSION_FORMAT = 'tcp-reset-lab/submission@1';
export const MAX_SUBMISSION_BYTES = 1024 * 1024;
const MAX_DEPTH = 8;
const CODE_PREFIX = 'TRL1.';
const HOSTILE = new Set(['__proto__', 'constructor', 'prototype']);

const Answer = z.strictObject({
  exercise: z.string().max(100),
  question: z.string().max(100),
  answer: z.string().max(100),
  at: z.string().max(40),
});

export const SubmissionSchema = z.strictObject({
  format: z.literal(SUBMISSION_FORMAT),
  assignment: z.string().max(100),
  version: z.string().max(64),
  learner: z.string().min(1).max(200),
  submittedAt: z.string().max(40),
  build: z.string().max(100),
  answers: z.array(Answer).max(1000),
  /** Whatever the browser computed; never trusted. */
  score: z.unknown().optional(),
});

export type Submission = z.infer<typeof SubmissionSchema>;

const str = (v: unknown, max: number, min = 0): boolean => typeof v === 'string' && v.length <= max && v.length >= min;
const TOP_KEYS = new Set(['format', 'assignment', 'version', 'learner', 'submittedAt', 'build', 'answers', 'score']);

/**
 * A quick check that implies SubmissionSchema accepts the value (the grader reads 10,000 of
 * them); when it says no, the schema decides and names the problem.
 */
function plainlyValid(v: Record<string, unknown>): boolean {
  for (const k in v) if (!TOP_KEYS.has(k)) return false;
  const answers = v['answers'];
  if (
    v['format'] !== SUBMISSION_FORMAT ||
    !str(v['assignment'], 100) ||
    !str(v['version'], 64) ||
    !str(v['learner'], 200, 1) ||
    !str(v['submittedAt'], 40) ||
    !str(v['build'], 100) ||
    !Array.isArray(answers) ||
    answers.length > 1000
  )
    return false;
  for (const a of answers as unknown[]) {
    if (a === null || typeof a !== 'object' || Array.isArray(a) || Object.keys(a).length !== 4) return false;
    const r = a as Record<string, unknown>;
    if (!str(r['exercise'], 100) || !str(r['question'], 100) || !str(r['answer'], 100) || !str(r['at'], 40))
      return false;
  }
  return true;
}

export type Read = { ok: true; submission: Submission } | { ok: false; why: Rejection };

const refuse = (why: Rejection): Read => ({ ok: false, why });

function depthAndKeys(value: unknown, depth: number): Rejection | null {
  if (depth > MAX_DEPTH) return { id: 'too-deep', depth: MAX_DEPTH };
  if (value === null || typeof value !== 'object') return null;
  for (const key of Object.keys(value)) {
    if (HOSTILE.has(key)) return { id: 'hostile-key', key };
    const inner = depthAndKeys((value as Record<string, unknown>)[key], depth + 1);
    if (inner !== null) return inner;
  }
  return null;
}

/** Depth of brackets in the text, found before JSON.parse builds anything. */
function tooDeep(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > MAX_DEPTH) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

/** One submission from its JSON text. */
export function readSubmissionJson(text: string): Read {
  if (text.length > MAX_SUBMISSION_BYTES) return refuse({ id: 'too-large' });
  if (tooDeep(text)) return refuse({ id: 'too-deep', depth: MAX_DEPTH });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return refuse({ id: 'not-json' });
  }
  const hostile = depthAndKeys(value, 0);
  if (hostile !== null) return refuse(hostile);
  if (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    plainlyValid(value as Record<string, unknown>)
  )
    return { ok: true, submission: value as Submission };
  const parsed = SubmissionSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse({ id: 'not-submission', path: issue?.path.join('.') || 'top', detail: issue?.message ?? '' });
  }
  return { ok: true, submission: parsed.data };
}

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

async function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit: number) {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream)).body;
  if (out === null) return null;
  const reader = out.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return all;
}

/** The text code of a submission. */
export async function submissionCode(submission: Submission): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(submission));
  const packed = await through(bytes, new CompressionStream('deflate'), Number.MAX_SAFE_INTEGER);
  return CODE_PREFIX + base64url(packed ?? new Uint8Array());
}

export const isCode = (line: string): boolean => line.trim().startsWith(CODE_PREFIX);

/** One submission from a text code. */
export async function readSubmissionCode(code: string): Promise<Read> {
  const bytes = fromBase64url(code.trim().slice(CODE_PREFIX.length));
  if (bytes === null) return refuse({ id: 'code-alphabet' });
  try {
    const raw = await through(bytes, new DecompressionStream('deflate'), MAX_SUBMISSION_BYTES);
    if (raw === null) return refuse({ id: 'code-too-large' });
    return readSubmissionJson(new TextDecoder().decode(raw));
  } catch {
    return refuse({ id: 'code-damaged' });
  }
}

/** Every submission in a file's text: one JSON document, or text codes one a line. */
export async function readSubmissionText(text: string): Promise<Read[]> {
  if (text.length > MAX_SUBMISSION_BYTES) return [refuse({ id: 'too-large' })];
  // A JSON document opens with a brace; only a file of codes needs splitting into lines.
  if (/^\s*\{/.test(text)) return [readSubmissionJson(text)];
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length > 0 && lines.every(isCode)) return Promise.all(lines.map(readSubmissionCode));
  return [readSubmissionJson(text)];
}
