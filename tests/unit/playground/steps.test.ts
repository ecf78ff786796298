import { describe, expect, it } from 'vitest';
import { appendStep, exampleArgs, stepText, verbsFor } from '../../../src/components/playground-steps.ts';
import { parseScenario } from '../../../src/scenario/parse.ts';

const scenario = 'id: x\nhosts: [client, server]\nsteps:\n  - server: listen 5000\n  - client: connect server:5000\n';

describe('stepText', () => {
  it('writes host, network and wait steps as the scenario language does', () => {
    expect(stepText('client', 'send', ' 100 ')).toBe('client: send 100');
    expect(stepText('network', 'drop', 'next client->server   ACK')).toBe('network: drop next client->server ACK');
    expect(stepText('wait', 'wait', '5s')).toBe('wait: 5s');
    expect(stepText('server', 'close', '')).toBe('server: close');
  });

  it('quotes a value YAML would otherwise misread', () => {
    expect(stepText('client', 'send', '1 # two')).toBe('client: "send 1 # two"');
    expect(stepText('wait', 'wait', '')).toBe('wait: ""');
  });
});

describe('appendStep', () => {
  it('adds the step after the last one, with the same indentation, and says on which line', () => {
    expect(appendStep(scenario, 'client: send 100')).toEqual({ text: `${scenario}  - client: send 100\n`, line: 6 });
  });

  it('adds inside the steps list even when other keys, comments and labels follow it', () => {
    const text = 'id: x\nhosts: [a, b]\nsteps:\n- a: listen 80\n  label: up\n\n# later\ntune: { rto: 1s }\n';
    const added = appendStep(text, 'b: connect a:80');
    expect(added?.text).toBe(
      'id: x\nhosts: [a, b]\nsteps:\n- a: listen 80\n  label: up\n- b: connect a:80\n\n# later\ntune: { rto: 1s }\n',
    );
    expect(added?.line).toBe(6);
  });

  it('starts a steps list when there is none, and refuses a flow-style one', () => {
    expect(appendStep('id: x\nhosts: [a, b]', 'a: listen 80')).toEqual({
      text: 'id: x\nhosts: [a, b]\nsteps:\n  - a: listen 80\n',
      line: 4,
    });
    expect(appendStep('id: x\nsteps: [{ a: listen 80 }]\n', 'a: close')).toBeNull();
  });

  it('gives a scenario that parses when the example arguments are used', () => {
    let text = scenario;
    for (const verb of ['accept', 'send', 'recv', 'shutdown', 'close']) {
      const who = verb === 'accept' ? 'server' : 'client';
      text = appendStep(text, stepText(who, verb, exampleArgs(verb, ['client', 'server'], who)))?.text ?? '';
    }
    for (const verb of verbsFor('network').map((v) => v.verb)) {
      text =
        appendStep(text, stepText('network', verb, exampleArgs(verb, ['client', 'server'], 'network')))?.text ?? '';
    }
    text = appendStep(text, stepText('wait', 'wait', exampleArgs('wait', [], 'wait')))?.text ?? '';
    const parsed = parseScenario(text, 'built.yaml');
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
  });
});

describe('verbsFor', () => {
  it('offers socket calls to a host, faults to the network and a duration to wait', () => {
    expect(
      verbsFor('client')
        .map((v) => v.verb)
        .slice(0, 4),
    ).toEqual(['listen', 'connect', 'accept', 'send']);
    expect(verbsFor('client')).toHaveLength(15);
    expect(verbsFor('client').find((v) => v.verb === 'connect')?.usage).toMatch(/^connect HOST:PORT/);
    expect(verbsFor('network').map((v) => v.verb)).toEqual(['partition', 'heal', 'drop', 'delay', 'inject']);
    expect(verbsFor('wait')).toEqual([{ verb: 'wait', usage: 'wait: D' }]);
  });
});
