/** The JSON Schema editors use for exercise files, generated from the Zod schema. */
import { z } from 'zod';
import { ExerciseDocSchema } from './schema.ts';

/** The schema as published at /schema/exercise.json (draft 2020-12). */
export function exerciseJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(ExerciseDocSchema, { target: 'draft-2020-12', io: 'input' });
  return { $schema, $id: 'exercise.json', title: 'TCP Reset Lab exercise', ...rest };
}

/** The file's exact text: two-space indent and a trailing newline. */
export function exerciseJsonSchemaText(): string {
  return `${JSON.stringify(exerciseJsonSchema(), null, 2)}\n`;
}
