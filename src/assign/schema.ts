/**
 * The assignment document as instructors write it (Contract 3), as a Zod schema: which
 * exercises, in which mode, due when, passed at what score, with or without variants.
 */
import { z } from 'zod';
import { ID_PATTERN, Localized } from '../scenario/schema.ts';

/** Variants per exercise when `variants: true` (seeds 0 … 15). */
export const DEFAULT_POOL = 16;
/** More entries than this make the answer key slow to build for little gain. */
export const MAX_POOL = 64;

const Id = z
  .string()
  .regex(new RegExp(ID_PATTERN), {
    error: (issue) => `'${String(issue.input)}' is not a kebab-case id: lowercase letters and digits joined by -`,
  })
  .max(80);

/** ISO 8601 date and time with a zone: 2026-12-20T23:59:00+08:00 or …Z. */
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export const AssignmentDocSchema = z
  .strictObject({
    id: Id.describe('Kebab-case id, unique among assignments; the page is /<lang>/assignments/<id>/.'),
    title: Localized.describe('The title in both locales.'),
    mode: z
      .enum(['practice', 'exam'])
      .describe('practice: feedback after each answer. exam: no feedback, hints or answers until the learner submits.'),
    exercises: z
      .array(Id.describe('An exercise id (the id: inside exercises/<lesson>/*.yaml).'))
      .min(1, { error: 'an assignment needs at least one exercise' })
      .describe('The exercises, in the order learners see them. Every choice question of each is graded.'),
    due: z
      .string()
      .regex(ISO_WITH_ZONE, { error: 'a due date is ISO 8601 with a time zone, e.g. 2026-12-20T23:59:00+08:00' })
      .refine((s) => !Number.isNaN(Date.parse(s)), { error: 'not a real date' })
      .describe('Optional due date, ISO 8601 with a zone; later submissions are marked late.')
      .optional(),
    pass: z
      .number()
      .min(0)
      .max(100)
      .describe('Optional pass mark in percent of the questions (default 50).')
      .optional(),
    variants: z
      .union([z.boolean(), z.int().min(2).max(MAX_POOL)])
      .describe(
        `false: everyone gets the exercises as written; true: a pool of ${DEFAULT_POOL} variants per exercise; a number: a pool of that size.`,
      )
      .optional(),
    description: Localized.describe('Optional instructions shown above the questions.').optional(),
  })
  .describe('A TCP Reset Lab assignment: exercises bundled for learners, graded by npm run grade.');

export type AssignmentDoc = z.infer<typeof AssignmentDocSchema>;

/** The schema as published at /schema/assignment.json (draft 2020-12). */
export function assignmentJsonSchemaText(): string {
  const { $schema, ...rest } = z.toJSONSchema(AssignmentDocSchema, { target: 'draft-2020-12', io: 'input' });
  return `${JSON.stringify({ $schema, $id: 'assignment.json', title: 'TCP Reset Lab assignment', ...rest }, null, 2)}\n`;
}
