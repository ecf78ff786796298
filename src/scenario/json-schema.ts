/** The JSON Schema editors use for scenario files, generated from the Zod schema. */
import { z } from 'zod';
import { ScenarioDocSchema } from './schema.ts';

/** The schema as published at /schema/scenario.json (draft 2020-12). */
export function scenarioJsonSchema(): Record<string, unknown> {
  // io: 'input' describes what authors write: `profile` may be left out, durations are strings.
  const { $schema, ...rest } = z.toJSONSchema(ScenarioDocSchema, { target: 'draft-2020-12', io: 'input' });
  return { $schema, $id: 'scenario.json', title: 'TCP Reset Lab scenario', ...rest };
}

/** The file's exact text: two-space indent and a trailing newline. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
