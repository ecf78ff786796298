/**
 * The exercise document as YAML authors write it (Contract 3), as Zod schemas. It never holds
 * an answer: `expect:` is the author's intent, checked against the model, and `choices:` lists
 * what is offered without marking any. The JSON Schema for editors is generated from these.
 */
import { z } from 'zod';
import { CALLS, REASONS, TCP_STATES } from '../model/index.ts';
import { HOST_VERBS } from '../scenario/host-verbs.ts';
import { HOST_PATTERN, ID_PATTERN, LABEL_PATTERN, Localized, ScenarioDocSchema } from '../scenario/schema.ts';
import { APP_RESULTS, ASK_KINDS, SEGMENT_CLASSES } from './kinds.ts';

/** Lesson ids are the lesson file names: `08-crash-reboot`. */
export const LESSON_PATTERN = '^[0-9]{2}-[a-z0-9]+(-[a-z0-9]+)*$';
/** Verbs a goal's toolbox may hold: the host verbs, `wait`, and the network's partition and heal. */
export const TOOLBOX_VERBS = [...HOST_VERBS, 'wait', 'partition', 'heal'] as const;

const kebab = (what: string, example: string) =>
  z
    .string()
    .regex(new RegExp(ID_PATTERN), {
      error: (issue) =>
        `'${String(issue.input)}' is not a kebab-case id: lowercase letters and digits joined by -, e.g. ${example}`,
    })
    .max(80)
    .describe(what);

const Host = z
  .string()
  .regex(new RegExp(HOST_PATTERN), { error: (issue) => `'${String(issue.input)}' is not a host name` })
  .describe('One of the scenario’s hosts.');

const StepRef = z
  .union([
    z.int().min(1).describe('A 1-based step index.'),
    z
      .string()
      .regex(new RegExp(LABEL_PATTERN), { error: (issue) => `'${String(issue.input)}' is not a step label` })
      .describe('A step label.'),
  ])
  .describe('A step of the scenario: its label or its 1-based index.');

const Word = z.string().min(1);

const common = {
  id: kebab('The question’s id, unique in the exercise (default: q1, q2 … by position). Progress is kept by it.', 'q1')
    .optional()
    .describe('The question’s id, unique in the exercise (default: q1, q2 … by position). Progress is kept by it.'),
  at: StepRef.describe(
    'Where the player stops: the learner sees every step up to and including this one, then answers.',
  ),
  prompt: Localized.describe('The question in both locales, answerable from what the player shows up to `at`.'),
};

const choiceQuestion = {
  ...common,
  host: Host.describe('The host the question is about.'),
  until: StepRef.optional(),
  choices: z
    .array(Word)
    .min(2, { error: 'offer at least two choices' })
    .describe('The choices offered, none marked (default: every answer of this kind). Exactly one must be right.')
    .optional(),
  expect: Word.describe(
    'Optional: the answer the author means. `npm run check` fails at this line when the model disagrees.',
  ).optional(),
};

export const NextSegmentQuestion = z
  .strictObject({
    ...choiceQuestion,
    ask: z.literal('next-segment'),
    until: StepRef.describe(
      'The last step the answer may come from (default: the end of the scenario); nothing sent by then is `nothing`.',
    ).optional(),
    detail: z
      .literal('flags')
      .describe('Ask for the exact flags (RST+ACK, FIN+ACK, PSH+ACK …) instead of RST, FIN, ACK, SYN, SYN-ACK, data.')
      .optional(),
  })
  .describe(
    'The first segment `host` sends after step `at` (up to step `until`): RST (RST+ACK too), FIN (FIN+ACK too), ' +
      'SYN-ACK, SYN, data (any payload), ACK, or nothing. Forged segments are not the host’s.',
  );

export const StateQuestion = z
  .strictObject({
    ...choiceQuestion,
    ask: z.literal('state'),
    socket: z
      .string()
      .describe('The socket (its trace name or `as` name); default: the host’s one connection socket.')
      .optional(),
    until: StepRef.describe('The step after which the state is read (default: the next step, `at` + 1).').optional(),
  })
  .describe(
    `The RFC 9293 state of the socket once step \`until\` (default \`at\` + 1) has run: ${TCP_STATES.join(', ')}.`,
  );

export const ResultQuestion = z
  .strictObject({
    ...choiceQuestion,
    ask: z.literal('result'),
    socket: z.string().describe('Only calls on this socket.').optional(),
    call: z.enum(CALLS).describe('Only this call (e.g. recv).').optional(),
    until: StepRef.describe('The last step the call may be in (default: the end of the scenario).').optional(),
  })
  .describe(`What the first call \`host\` makes after step \`at\` returns: ${APP_RESULTS.join(', ')}.`);

export const ReasonQuestion = z
  .strictObject({
    ...choiceQuestion,
    ask: z.literal('reason'),
    of: z.enum(['rst', 'fin']).describe('Which segment: the first RST (default) or the first FIN.').optional(),
    until: StepRef.describe('The last step the segment may come from (default: the end of the scenario).').optional(),
  })
  .describe(
    'The rule behind the first RST (or, with `of: fin`, FIN) that `host` sends after step `at`: a reason id of the catalogue, offered in the learner’s words.',
  );

const SegmentPredicate = z
  .strictObject({
    from: Host.describe('The host that sends it.'),
    to: Host.optional(),
    is: z.enum(SEGMENT_CLASSES).describe('Its kind: RST, FIN, ACK, SYN, SYN-ACK or data.').optional(),
    flags: z.string().describe('Its exact flags, e.g. RST+ACK.').optional(),
    reason: z.enum(REASONS).describe('The rule that sent it (a catalogue reason id).').optional(),
  })
  .describe('A segment the host sends (forged ones excluded).');

const ResultPredicate = z
  .strictObject({
    host: Host,
    socket: z.string().optional(),
    call: z.enum(CALLS).optional(),
    result: z.enum(APP_RESULTS),
  })
  .describe('A call of the host that returns this result.');

const StatePredicate = z
  .strictObject({ host: Host, socket: z.string().optional(), state: z.enum(TCP_STATES) })
  .describe('A socket of the host that reaches this state.');

export interface PredicateDoc {
  segment?: z.infer<typeof SegmentPredicate> | undefined;
  result?: z.infer<typeof ResultPredicate> | undefined;
  state?: z.infer<typeof StatePredicate> | undefined;
  not?: PredicateDoc | undefined;
  all?: PredicateDoc[] | undefined;
  any?: PredicateDoc[] | undefined;
}

export const Predicate: z.ZodType<PredicateDoc> = z
  .strictObject({
    segment: SegmentPredicate.optional(),
    result: ResultPredicate.optional(),
    state: StatePredicate.optional(),
    get not() {
      return Predicate.describe('True when the predicate inside is false.').optional();
    },
    get all() {
      return z.array(Predicate).min(1).describe('True when every predicate is.').optional();
    },
    get any() {
      return z.array(Predicate).min(1).describe('True when at least one is.').optional();
    },
  })
  .refine((p) => Object.keys(p).length > 0, { error: 'a goal needs segment, result, state, not, all or any' })
  .describe('A predicate on the whole trace; several keys in one mapping must all hold.');

export const GoalQuestion = z
  .strictObject({
    ...common,
    ask: z.literal('goal'),
    at: StepRef.describe(
      'The start: the scenario’s steps up to and including this one (default: all of them).',
    ).optional(),
    toolbox: z
      .array(z.enum(TOOLBOX_VERBS))
      .min(1)
      .describe('The verbs the learner may add: host verbs (send, close, …), wait, partition, heal.'),
    hosts: z.array(Host).min(1).describe('The hosts the learner may act for (default: all).').optional(),
    goal: Predicate,
  })
  .describe(
    'A challenge: from the start, add steps using only the toolbox so that the trace meets the goal. ' +
      'The check proves it reachable (a bounded search through the model) and not met at the start.',
  );

export const QuestionSchema = z.discriminatedUnion('ask', [
  NextSegmentQuestion,
  StateQuestion,
  ResultQuestion,
  ReasonQuestion,
  GoalQuestion,
]);

export const QUESTION_SCHEMAS = {
  'next-segment': NextSegmentQuestion,
  state: StateQuestion,
  result: ResultQuestion,
  reason: ReasonQuestion,
  goal: GoalQuestion,
} as const satisfies Record<(typeof ASK_KINDS)[number], z.ZodType>;

const inline = ScenarioDocSchema.shape;

export const ExerciseDocSchema = z
  .strictObject({
    id: kebab('Kebab-case id, unique in the course, e.g. crash-reboot-first-data.', 'crash-reboot-first-data'),
    lesson: z
      .string()
      .regex(new RegExp(LESSON_PATTERN), {
        error: (issue) => `'${String(issue.input)}' is not a lesson id such as 08-crash-reboot`,
      })
      .describe('The lesson it belongs to (its folder under exercises/), e.g. 08-crash-reboot.'),
    title: Localized.describe('The title in both locales.'),
    scenario: kebab(
      'The scenario it runs, by id (exercises/scenarios/ID.yaml); or write hosts and steps inline.',
      'crash-reboot',
    ).optional(),
    profile: inline.profile.optional(),
    hosts: inline.hosts.optional(),
    seed: inline.seed,
    tune: inline.tune,
    steps: inline.steps.optional(),
    questions: z.array(QuestionSchema).min(1, { error: 'an exercise needs at least one question' }),
  })
  .describe('A TCP Reset Lab exercise: a scenario and questions the model answers.');
