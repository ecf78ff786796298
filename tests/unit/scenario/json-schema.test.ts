import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema, scenarioJsonSchemaText } from '../../../src/scenario/json-schema.ts';

describe('public/schema/scenario.json', () => {
  it('is what the Zod schema generates now (run `npm run schema` when this fails)', () => {
    const onDisk = readFileSync(new URL('../../../public/schema/scenario.json', import.meta.url), 'utf8');
    expect(onDisk).toBe(scenarioJsonSchemaText());
  });

  it('is draft 2020-12 with an $id, a title and the top-level keys described', () => {
    const schema = scenarioJsonSchema();
    expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema['$id']).toBe('scenario.json');
    expect(schema['title']).toBe('TCP Reset Lab scenario');
    expect(schema['required']).toEqual(['id', 'hosts', 'steps']);
    expect(schema['additionalProperties']).toBe(false);
    const properties = schema['properties'] as Record<string, { description?: string }>;
    for (const key of ['id', 'title', 'description', 'profile', 'hosts', 'seed', 'tune', 'steps']) {
      expect(properties[key]?.description, key).toBeTruthy();
    }
  });

  it('tells editors the verbs a host step may start with and what a duration looks like', () => {
    const text = scenarioJsonSchemaText();
    expect(text).toContain(
      '^(bind|listen|connect|accept|send|recv|close|shutdown|abort|linger|keepalive|exit|crash|reboot|power-off)(\\\\s.*)?$',
    );
    expect(text).toContain('^[0-9]+(\\\\.[0-9]+)?(us|µs|ms|s|m|h)$');
  });
});
