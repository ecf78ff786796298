/** Durations as authors write them (`800ms`, `5s`, `2m`) and as the model takes them (integer µs). */
import type { Micros } from '../model/scenario.ts';

const UNIT_MICROS = { us: 1, µs: 1, ms: 1_000, s: 1_000_000, m: 60_000_000, h: 3_600_000_000 } as const;
type Unit = keyof typeof UNIT_MICROS;

/** The source of truth for what a duration looks like; also the JSON Schema `pattern`. */
export const DURATION_PATTERN = '^[0-9]+(\\.[0-9]+)?(us|µs|ms|s|m|h)$';
const DURATION_RE = new RegExp(DURATION_PATTERN);

/** Longer than any timer a lesson needs, short enough that µs stay exact integers. */
export const MAX_DURATION: Micros = 24 * 3_600_000_000;

export type DurationResult = { ok: true; micros: Micros } | { ok: false; message: string };

/** Reads a duration; the message says what was expected when it is not one. */
export function readDuration(text: string): DurationResult {
  const match = DURATION_RE.exec(text);
  if (match === null) {
    if (/^-?[0-9]+(\.[0-9]+)?$/.test(text)) {
      return {
        ok: false,
        message: `duration '${text}' needs a unit, e.g. '${text}s' or '${text}ms' (units: us, ms, s, m, h)`,
      };
    }
    if (text.startsWith('-')) return { ok: false, message: `duration '${text}' must not be negative` };
    return {
      ok: false,
      message: `'${text}' is not a duration — expected a number with a unit, e.g. '800ms', '5s', '2m'`,
    };
  }
  const unit = match[2] as Unit;
  const number = Number(text.slice(0, text.length - unit.length));
  // Round away float noise ("0.3s"), then insist the result is a whole number of µs.
  const micros = Math.round(number * UNIT_MICROS[unit] * 1000) / 1000;
  if (!Number.isInteger(micros)) {
    return { ok: false, message: `duration '${text}' is finer than a microsecond` };
  }
  if (micros > MAX_DURATION) return { ok: false, message: `duration '${text}' is longer than 24h` };
  return { ok: true, micros };
}

/** A duration in integer microseconds, or null when `text` is not a duration with a unit. */
export function parseDuration(text: string): Micros | null {
  const result = readDuration(text);
  return result.ok ? result.micros : null;
}
