/**
 * A learner's answers to an assignment in localStorage, one versioned entry per assignment and
 * learner. Data that cannot be read is moved aside (never deleted) and the page starts afresh
 * with a notice; storage that is missing or forbidden just keeps nothing.
 */

/** Bump when the stored shape changes; an entry of another version is set aside, not misread. */
const VERSION = 1;
const PREFIX = `trl.assignment.v${VERSION}`;

export interface StoredAnswer {
  answer: string;
  /** ISO 8601, when it was chosen. */
  at: string;
}

export interface Stored {
  /** By `${exercise}/${question}`. */
  answers: Map<string, StoredAnswer>;
  /** Exam mode: the learner asked for the feedback, so the answers are locked. */
  finished: boolean;
}

export const storageKey = (assignment: string, learner: string): string => `${PREFIX}:${assignment}:${learner}`;
const asideKey = (assignment: string, learner: string): string => `${PREFIX}.set-aside:${assignment}:${learner}`;

function get(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function set(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Full or forbidden: the answers stay in the page until it is closed.
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The stored entry's text to answers, or null when it is not an entry of this version. */
function parse(text: string): Stored | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(value) || value['v'] !== VERSION || !isRecord(value['answers'])) return null;
  const answers = new Map<string, StoredAnswer>();
  for (const [key, a] of Object.entries(value['answers'])) {
    if (!isRecord(a) || typeof a['answer'] !== 'string' || typeof a['at'] !== 'string') return null;
    answers.set(key, { answer: a['answer'], at: a['at'] });
  }
  return { answers, finished: value['finished'] === true };
}

/** The learner's stored answers; `setAside` when unreadable data was moved out of the way. */
export function loadAnswers(assignment: string, learner: string): { stored: Stored; setAside: boolean } {
  const key = storageKey(assignment, learner);
  const raw = get(key);
  const empty = (): Stored => ({ answers: new Map(), finished: false });
  if (raw === null) return { stored: empty(), setAside: false };
  const stored = parse(raw);
  if (stored !== null) return { stored, setAside: false };
  // Keep the first unreadable text: a later one must not replace what may still be recovered.
  if (get(asideKey(assignment, learner)) === null) set(asideKey(assignment, learner), raw);
  try {
    localStorage.removeItem(key);
  } catch {
    // Nothing more to do: reading it again sets it aside again.
  }
  return { stored: empty(), setAside: true };
}

export function saveAnswers(assignment: string, learner: string, stored: Stored): void {
  const answers = Object.fromEntries(stored.answers);
  set(storageKey(assignment, learner), JSON.stringify({ v: VERSION, answers, finished: stored.finished }));
}

const LAST = `${PREFIX}.learner`;

/** The learner id last used on this device for an assignment, so a reload without ?learner= resumes. */
export const lastLearner = (assignment: string): string | null => get(`${LAST}:${assignment}`);
export const rememberLearner = (assignment: string, learner: string): void => set(`${LAST}:${assignment}`, learner);
