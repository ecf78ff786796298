import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema, scenarioJsonSchemaText } from '../../../src/scenario/json-schema.ts';

interface Described {
  description?: string;
  properties?: Record<string, Described>;
}

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
    for (const key of ['id', 'title', 'description', 'profile', 'hosts', 'seed', 'tune', 'steps', 'expect']) {
      expect(properties[key]?.description, key).toBeTruthy();
    }
  });

  it('describes every key of an expect: block and of its profile overrides', () => {
    const properties = scenarioJsonSchema()['properties'] as Record<string, Described>;
    const block = properties['expect'];
    const keys = ['wire', 'wire-includes', 'never', 'results'];
    expect(Object.keys(block?.properties ?? {})).toEqual([...keys, 'linux', 'rfc9293']);
    for (const [key, value] of Object.entries(block?.properties ?? {})) {
      expect(value.description, `expect.${key}`).toBeTruthy();
    }
    for (const profile of ['linux', 'rfc9293']) {
      const override = block?.properties?.[profile]?.properties ?? {};
      expect(Object.keys(override)).toEqual(keys);
      for (const [key, value] of Object.entries(override)) {
        expect(value.description, `expect.${profile}.${key}`).toContain(profile);
      }
    }
  });

  it('tells editors the verbs a host step may start with and what a duration looks like', () => {
    const text = scenarioJsonSchemaText();
    expect(text).toContain(
      '^(bind|listen|connect|accept|send|recv|close|shutdown|abort|linger|keepalive|exit|crash|reboot|power-off)(\\\\s.*)?$',
    );
    expect(text).toContain('^[0-9]+(\\\\.[0-9]+)?(us|µs|ms|s|m|h)$');
  });

  it("tells editors what a segment in behaviour.md's notation and a call result look like", () => {
    const text = scenarioJsonSchemaText();
    expect(text).toContain('"pattern": "^[a-z][a-z0-9-]*:(?=[FSRP.])F?S?R?P?\\\\.?$"');
    expect(text).toContain('(ok|eof|EAGAIN|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|');
  });
});
