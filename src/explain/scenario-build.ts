/**
 * Scenarios the explainer writes: typed steps for the model, each with its text in the
 * scenario language (Contract 1), so the same scenario can be simulated here and opened
 * in the playground as YAML.
 */
import type { Flag, ProfileName } from '../model/trace.ts';
import type { HostVerb, InjectSeq, Micros, Scenario, Step, Tune } from '../model/scenario.ts';

/** The longest `wait:` the scenario language takes is 24 h; captures can be quieter than that. */
const MAX_WAIT: Micros = 24 * 3_600_000_000;

/** `800ms`, `2s`, `150us`: the shortest exact form. */
export function duration(micros: Micros): string {
  const us = Math.max(0, Math.round(micros));
  if (us % 1_000_000 === 0) return `${us / 1_000_000}s`;
  if (us % 1000 === 0) return `${us / 1000}ms`;
  return `${us}us`;
}

function verbText(action: HostVerb): string {
  switch (action.verb) {
    case 'bind':
      return `bind ${action.port}${action.as ? ` as ${action.as}` : ''}`;
    case 'listen':
      return `listen ${action.port}${action.backlog !== undefined ? ` backlog ${action.backlog}` : ''}${action.as ? ` as ${action.as}` : ''}`;
    case 'connect':
      return (
        `connect ${action.host}:${action.port}` +
        (action.from !== undefined ? ` from ${action.from}` : '') +
        (action.timeout !== undefined ? ` timeout ${duration(action.timeout)}` : '') +
        (action.as ? ` as ${action.as}` : '')
      );
    case 'accept':
      return action.as ? `accept as ${action.as}` : 'accept';
    case 'send':
      return `send ${action.bytes}`;
    case 'recv':
      return action.bytes === undefined ? 'recv' : `recv ${action.bytes}`;
    case 'shutdown':
      return `shutdown ${action.how}`;
    case 'linger':
      return `linger ${duration(action.timeout)}`;
    case 'keepalive':
      return `keepalive ${duration(action.idle)} ${duration(action.interval)} ${action.count}`;
    case 'close':
    case 'abort':
    case 'exit':
    case 'crash':
    case 'reboot':
    case 'power-off':
      return action.verb;
  }
}

/** Builds a scenario step by step. */
export class ScenarioBuilder {
  readonly steps: Step[] = [];
  tune: Tune = {};

  host(host: string, action: HostVerb, socket?: string): this {
    const who = socket === undefined ? host : `${host}.${socket}`;
    this.steps.push({
      kind: 'host',
      host,
      ...(socket === undefined ? {} : { socket }),
      action,
      text: `${who}: ${verbText(action)}`,
    });
    return this;
  }

  wait(micros: Micros): this {
    const d = Math.min(MAX_WAIT, Math.max(1, Math.round(micros)));
    this.steps.push({ kind: 'wait', duration: d, text: `wait: ${duration(d)}` });
    return this;
  }

  partition(): this {
    this.steps.push({ kind: 'network', action: { verb: 'partition' }, text: 'network: partition' });
    return this;
  }

  heal(): this {
    this.steps.push({ kind: 'network', action: { verb: 'heal' }, text: 'network: heal' });
    return this;
  }

  delay(micros: Micros): this {
    this.steps.push({
      kind: 'network',
      action: { verb: 'delay', delay: micros },
      text: `network: delay ${duration(micros)}`,
    });
    return this;
  }

  /** Loses the next segment from → to with exactly these flags (PSH ignored). */
  dropNext(from: string, to: string, flags: Flag[]): this {
    this.steps.push({
      kind: 'network',
      action: { verb: 'drop-next', from, to, flags },
      text: `network: drop next ${from}->${to} ${flags.join('+')}`,
    });
    return this;
  }

  inject(from: string, to: string, flags: Flag[], seq: InjectSeq, port?: number): this {
    this.steps.push({
      kind: 'network',
      action: { verb: 'inject', from, to, flags, seq, ...(port === undefined ? {} : { port }) },
      text: `network: inject ${from}->${to}${port === undefined ? '' : `:${port}`} ${flags.join('+')} seq ${seq}`,
    });
    return this;
  }

  build(id: string, hosts: [string, string], profile: ProfileName = 'linux'): Scenario {
    const scenario: Scenario = { id, profile, hosts: [...hosts], seed: 1, steps: [...this.steps] };
    if (Object.keys(this.tune).length > 0) scenario.tune = { ...this.tune };
    return scenario;
  }
}

function tuneLines(tune: Tune): string[] {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(tune) as [keyof Tune, unknown][]) {
    if (typeof value === 'number') {
      const timer = key === 'rto' || key === 'fin_timeout' || key === 'time_wait';
      parts.push(`${key}: ${timer ? duration(value) : value}`);
    } else if (typeof value === 'boolean') parts.push(`${key}: ${value}`);
  }
  return parts.length === 0 ? [] : [`tune: { ${parts.join(', ')} }`];
}

/** The scenario as a YAML file in the scenario language, with a comment saying where it came from. */
export function scenarioText(scenario: Scenario, comment: string[]): string {
  const title = scenario.title;
  return [
    ...comment.map((line) => `# ${line}`),
    `id: ${scenario.id}`,
    ...(title ? [`title: { en: ${JSON.stringify(title.en)}, zh-CN: ${JSON.stringify(title['zh-CN'])} }`] : []),
    ...(scenario.profile === 'linux' ? [] : [`profile: ${scenario.profile}`]),
    `hosts: [${scenario.hosts.join(', ')}]`,
    ...(scenario.seed === undefined ? [] : [`seed: ${scenario.seed}`]),
    ...tuneLines(scenario.tune ?? {}),
    'steps:',
    ...scenario.steps.map((step) => `  - ${step.text}`),
    '',
  ].join('\n');
}
