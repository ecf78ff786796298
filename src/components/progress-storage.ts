/**
 * The browser side of src/progress/store.ts: localStorage, which may be missing, full or
 * forbidden. Data that cannot be read is moved under SET_ASIDE_KEY, never deleted, so the
 * page keeps working and the learner can still export it.
 */
import {
  PROGRESS_KEY,
  SET_ASIDE_KEY,
  emptyProgress,
  readProgress,
  writeProgress,
  type Problem,
  type Progress,
} from '../progress/store.ts';

function get(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function set(key: string, value: string): boolean {
  try {
    localStorage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

/** The stored progress; unreadable data is set aside first. */
export function loadProgress(): Progress {
  const raw = get(PROGRESS_KEY);
  const loaded = readProgress(raw);
  if (loaded.setAside === null) return loaded.progress;
  // Keep the first data set aside: a later bad write must not replace what the learner may still export.
  if (get(SET_ASIDE_KEY) === null) set(SET_ASIDE_KEY, JSON.stringify(loaded.setAside));
  try {
    localStorage.removeItem(PROGRESS_KEY);
  } catch {
    // Nothing more to do: reading it again sets it aside again.
  }
  return emptyProgress();
}

export const saveProgress = (p: Progress): boolean => set(PROGRESS_KEY, writeProgress(p));

/** What was set aside, if anything: the original text and why it could not be read. */
export function setAside(): { text: string; problem: Problem } | null {
  const raw = get(SET_ASIDE_KEY);
  if (raw === null) return null;
  try {
    const v = JSON.parse(raw) as { text?: unknown; problem?: unknown };
    if (typeof v.text === 'string' && (v.problem === 'unreadable' || v.problem === 'foreign' || v.problem === 'newer'))
      return { text: v.text, problem: v.problem };
  } catch {
    // Fall through: even our own note is damaged, so show it as it is.
  }
  return { text: raw, problem: 'unreadable' };
}

export function clearSetAside(): void {
  try {
    localStorage.removeItem(SET_ASIDE_KEY);
  } catch {
    // Ignored: storage is unavailable, so nothing is kept either.
  }
}

export function clearProgress(): void {
  try {
    localStorage.removeItem(PROGRESS_KEY);
  } catch {
    // Ignored as above.
  }
}
