/**
 * The `expect:` block of a scenario as YAML authors write it, as a Zod schema: what
 * `npm run check` verifies against the model under each profile. Notation syntax is
 * checked here (notation.ts); host names are resolved once the hosts are known (expect.ts).
 */
import { z } from 'zod';
import { CALLS, RESULTS, type CallName, type CallResult, type ProfileName } from '../model/trace.ts';
import { readSegment, readWire, SEGMENT_PATTERN, WIRE_PATTERN, type Read } from './notation.ts';
import { didYouMean } from './suggest.ts';

/** What one call returned, optionally with the call's name: `ECONNRESET`, `recv:eof`. */
export interface ResultPattern {
  call?: CallName;
  result: CallResult;
}

export const RESULT_PATTERN = `^((${CALLS.join('|')}):)?(${RESULTS.join('|')})$`;

/** Reads `RESULT` or `CALL:RESULT`, with a suggestion for a near miss. */
export function readResult(text: string): Read<ResultPattern> {
  const colon = text.indexOf(':');
  const callText = colon === -1 ? undefined : text.slice(0, colon);
  const resultText = colon === -1 ? text : text.slice(colon + 1);
  const call = CALLS.find((c) => c === callText);
  if (callText !== undefined && call === undefined) {
    return { ok: false, message: `unknown call '${callText}' in '${text}'${didYouMean(callText, CALLS)}` };
  }
  const result = RESULTS.find((r) => r === resultText);
  if (result === undefined) {
    const hint = didYouMean(resultText, RESULTS) || ` — expected ok, eof or an errno such as ECONNRESET`;
    return { ok: false, message: `unknown result '${resultText}'${hint}` };
  }
  return { ok: true, value: call === undefined ? { result } : { call, result } };
}

/** A string checked by `read`, its message reported at the value's line. */
function notationString(read: (text: string) => Read<unknown>, pattern: string) {
  return z
    .string()
    .superRefine((text, ctx) => {
      const result = read(text);
      if (!result.ok) ctx.addIssue({ code: 'custom', message: result.message, input: text });
    })
    .meta({ pattern });
}

const SEGMENT_HELP = [
  "behaviour.md's notation: HOST:FLAGS, HOST a host's name or its initial,",
  "FLAGS tcpdump's letters in this order: F FIN, S SYN, R RST, P PSH (data), . ACK",
].join(' ');

const Wire = notationString(readWire, WIRE_PATTERN)
  .meta({ examples: ['c:S s:R.', 'c:S s:S. c:. c:P. s:. s:R.'] })
  .describe(
    `Every segment on the wire, in order, lost ones included, separated by spaces (${SEGMENT_HELP}). ` +
      "'' expects no segment at all.",
  );

const WireIncludes = notationString(readWire, WIRE_PATTERN)
  .meta({ examples: ['c:P. s:R', 'c:S s:S. c:R'] })
  .describe(
    'Segments that appear on the wire in this order, others allowed before, between and after: ' +
      `for cases where retransmission counts are a profile detail (${SEGMENT_HELP}).`,
  );

const Never = z
  .array(notationString(readSegment, SEGMENT_PATTERN).meta({ examples: ['s:F.', 'c:R'] }))
  .describe(`Segments that must not appear on the wire at all, e.g. [s:F., s:R.] (${SEGMENT_HELP}).`);

const Results = z
  .record(
    z.string().describe("A host's name or its initial."),
    z
      .array(
        notationString(readResult, RESULT_PATTERN).meta({
          examples: ['ECONNRESET', 'recv:eof', 'connect:ECONNREFUSED'],
        }),
      )
      .describe(
        [
          "Results of this host's socket calls that must appear in this order among all its call results",
          '(others may come between): ok, eof or an errno, optionally led by the call, e.g. recv:ECONNRESET.',
          'Asynchronous errors are not call results; the call that reports one is.',
        ].join(' '),
      ),
  )
  .describe('Call results per host, e.g. { client: [ECONNRESET, EPIPE] }.');

/** The checks one profile may replace; `~` (null) leaves a key unchecked under that profile. */
function override(profile: ProfileName) {
  const unchecked = ` Null (~): not checked under ${profile}.`;
  return z
    .strictObject({
      wire: Wire.nullable().describe(`Replaces wire under ${profile}.${unchecked}`).optional(),
      'wire-includes': WireIncludes.nullable()
        .describe(`Replaces wire-includes under ${profile}.${unchecked}`)
        .optional(),
      never: Never.nullable().describe(`Replaces never under ${profile}.${unchecked}`).optional(),
      results: Results.nullable()
        .describe(`Replaces results (for every host) under ${profile}.${unchecked}`)
        .optional(),
    })
    .describe(`Checks that differ under the ${profile} profile: each key named here replaces the same key above.`);
}

/** One override per profile: `satisfies` fails to compile until a new ProfileName is listed here. */
const overrides = {
  linux: override('linux').optional(),
  rfc9293: override('rfc9293').optional(),
} satisfies Record<ProfileName, unknown>;

export const ExpectSchema = z
  .strictObject({
    wire: Wire.optional(),
    'wire-includes': WireIncludes.optional(),
    never: Never.optional(),
    results: Results.optional(),
    ...overrides,
  })
  .describe(
    'What the model must produce for this scenario, checked by npm run check under both profiles ' +
      '(linux and rfc9293); a profile key overrides the keys it names.',
  );

export type ExpectDoc = z.infer<typeof ExpectSchema>;

/**
 * The parts of a block that pass the schema on their own (a profile override keeps its good
 * keys), so that host names are checked in the same run even when another key is wrong;
 * undefined when nothing is left.
 */
export function wellFormedExpect(raw: unknown): ExpectDoc | undefined {
  if (!isMapping(raw)) return undefined;
  const good: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const schema = (ExpectSchema.shape as Record<string, z.ZodType | undefined>)[key];
    if (schema?.safeParse(value).success === true) good[key] = value;
    else if (key in overrides && isMapping(value)) {
      const shape = overrides.linux.unwrap().shape as Record<string, z.ZodType | undefined>;
      good[key] = Object.fromEntries(Object.entries(value).filter(([k, v]) => shape[k]?.safeParse(v).success === true));
    }
  }
  const parsed = ExpectSchema.safeParse(good);
  return parsed.success && Object.keys(good).length > 0 ? parsed.data : undefined;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
