/**
 * The scenario document as YAML authors write it (Contract 1), as Zod schemas.
 * Step texts stay strings here; host-verbs.ts and network-verbs.ts read them.
 * The JSON Schema for editors is generated from these (src/cli/schema.ts).
 */
import { z } from 'zod';
import { DURATION_PATTERN, readDuration } from './duration.ts';
import { ExpectSchema } from './expect-schema.ts';
import { HOST_VERBS } from './host-verbs.ts';
import { NETWORK_VERBS } from './network-verbs.ts';

export const ID_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';
export const HOST_PATTERN = '^[a-z][a-z0-9-]*$';
export const LABEL_PATTERN = '^[A-Za-z][A-Za-z0-9_-]*$';
/** `HOST` or `HOST.SOCKET`; SOCKET is "80", "80#2", "40000" or an `as` name. */
export const STEP_KEY_PATTERN = '^([a-z][a-z0-9-]*)(\\.([A-Za-z0-9_#-]+))?$';
/** Step keys that are not host names. */
export const RESERVED_KEYS = ['network', 'wait', 'label'] as const;

const HOST_RE = new RegExp(HOST_PATTERN);

/** Text in both locales; scenarios, exercises and assignments all carry it. */
export const Localized = z
  .strictObject({
    en: z.string().min(1).describe('English'),
    'zh-CN': z.string().min(1).describe('Simplified Chinese'),
  })
  .describe('Text in both locales: { en: …, zh-CN: … }');

/** A duration with a unit; a bare number gets a message saying a unit is needed. */
function duration(description: string, options: { positive?: boolean } = {}) {
  return z
    .string({
      error: (issue) => {
        const input: unknown = issue.input;
        if (typeof input === 'number') {
          const result = readDuration(String(input));
          return result.ok ? undefined : result.message;
        }
        return input === undefined ? undefined : `expected a duration such as '5s', '800ms' or '2m'`;
      },
    })
    .superRefine((text, ctx) => {
      const result = readDuration(text);
      if (!result.ok) ctx.addIssue({ code: 'custom', message: result.message, input: text });
      else if (options.positive === true && result.micros === 0) {
        ctx.addIssue({ code: 'custom', message: 'must be longer than 0', input: text });
      }
    })
    .meta({ pattern: DURATION_PATTERN, examples: ['800ms', '5s', '2m'] })
    .describe(`${description} A number with a unit: us, ms, s, m or h (e.g. 800ms, 5s, 2m).`);
}

function count(description: string, min: number, max: number) {
  return z.int().min(min).max(max).describe(description);
}

const HostName = z
  .string()
  .regex(HOST_RE, {
    error: (issue) =>
      `'${String(issue.input)}' is not a host name: use lowercase letters, digits and -, starting with a letter`,
  })
  .refine((name) => !(RESERVED_KEYS as readonly string[]).includes(name), {
    error: (issue) => `'${String(issue.input)}' is reserved for steps and cannot name a host`,
  })
  .describe('A host name: lowercase letters, digits and -, starting with a letter.');

export const TuneSchema = z
  .strictObject({
    rto: duration('Initial retransmission timeout.', { positive: true }).optional(),
    syn_retries: count('SYN retransmissions before connect gives up.', 0, 255).optional(),
    synack_retries: count('SYN-ACK retransmissions before a half-open connection is dropped.', 0, 255).optional(),
    retries2: count('Data retransmissions before an established connection gives up.', 0, 255).optional(),
    orphan_retries: count('Retransmissions of an orphaned (closed) socket before it gives up.', 0, 255).optional(),
    fin_timeout: duration('How long an orphaned socket stays in FIN-WAIT-2.', { positive: true }).optional(),
    time_wait: duration('TIME-WAIT duration (2MSL).', { positive: true }).optional(),
    keepalive: z
      .strictObject({
        idle: duration('Idle time before the first probe.', { positive: true }).optional(),
        interval: duration('Time between probes.', { positive: true }).optional(),
        count: count('Unanswered probes before the connection is reset.', 1, 255).optional(),
      })
      .describe('Keepalive defaults for sockets that enable keepalive.')
      .optional(),
    abort_on_overflow: z
      .boolean()
      .describe('Answer a full accept queue with RST instead of dropping the ACK.')
      .optional(),
  })
  .describe('Overrides of profile defaults, e.g. shorter timers so a lesson stays short.');

const verbPattern = (verbs: readonly string[]): string => `^(${verbs.join('|')})(\\s.*)?$`;

export const StepSchema = z
  .object({
    label: z
      .string()
      .regex(new RegExp(LABEL_PATTERN), {
        error: (issue) => `'${String(issue.input)}' is not a label: start with a letter, then letters, digits, _ or -`,
      })
      .describe('A name exercises use to refer to this step (unique in the scenario).')
      .optional(),
    network: z
      .string()
      .meta({
        pattern: verbPattern(NETWORK_VERBS),
        examples: ['partition', 'drop next server->client ACK', 'delay 100ms'],
      })
      .describe(
        'A network fault: partition [A B], heal [A B], drop next FROM->TO [FLAGS|data], delay D, inject FROM->TO[:PORT] FLAGS [seq exact|in-window|out-of-window] [len N].',
      )
      .optional(),
    wait: duration('Advance simulated time.').optional(),
  })
  .catchall(
    z
      .string()
      .meta({ pattern: verbPattern(HOST_VERBS), examples: ['listen 80', 'connect server:80', 'send 100', 'close'] })
      .describe(
        'HOST or HOST.SOCKET: a socket call or host event, e.g. listen 80, connect server:80, send 100, close, abort, crash.',
      ),
  )
  .meta({ propertyNames: { pattern: STEP_KEY_PATTERN }, minProperties: 1, maxProperties: 2 })
  .describe(
    'One step: HOST: VERB ARGS, HOST.SOCKET: VERB ARGS, network: …, or wait: DURATION; optionally label: NAME.',
  );

export const ScenarioDocSchema = z
  .strictObject({
    id: z
      .string()
      .regex(new RegExp(ID_PATTERN), {
        error: (issue) =>
          `'${String(issue.input)}' is not a kebab-case id: lowercase letters and digits joined by -, e.g. crash-reboot`,
      })
      .max(80)
      .describe('Kebab-case identifier, e.g. crash-reboot.'),
    title: Localized.describe('The title in both locales: { en: …, zh-CN: … }').optional(),
    description: Localized.describe('A short description in both locales: { en: …, zh-CN: … }').optional(),
    profile: z
      .enum(['linux', 'rfc9293'])
      .default('linux')
      .describe('linux (default): what a current Linux kernel does; rfc9293: the letter of the standard.'),
    hosts: z
      .array(HostName)
      .min(2, { error: 'a scenario needs at least two hosts' })
      .superRefine((hosts, ctx) => {
        hosts.forEach((host, i) => {
          if (hosts.indexOf(host) < i) {
            ctx.addIssue({ code: 'custom', message: `host '${host}' is listed twice`, path: [i], input: host });
          }
        });
      })
      .describe('Two or more unique host names.'),
    seed: z.int().min(0).describe('Seed for ISNs and ephemeral ports (default: derived from the id).').optional(),
    tune: TuneSchema.optional(),
    steps: z
      .array(StepSchema)
      .min(1, { error: 'a scenario needs at least one step' })
      .describe('The timeline, run in order.'),
    expect: ExpectSchema.optional(),
  })
  .describe('A TCP Reset Lab scenario: hosts and a timeline of socket calls, host events and network faults.');

export type ScenarioDoc = z.infer<typeof ScenarioDocSchema>;
export type StepDoc = z.infer<typeof StepSchema>;
export type TuneDoc = z.infer<typeof TuneSchema>;
