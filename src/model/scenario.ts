/**
 * A scenario as the model takes it: typed, already validated steps (Contract 1).
 * Parsing YAML into this shape is src/scenario's job; durations here are microseconds.
 */
import type { Flag, ProfileName } from './trace.ts';

export type Micros = number;

export interface Tune {
  rto?: Micros;
  syn_retries?: number;
  synack_retries?: number;
  retries2?: number;
  orphan_retries?: number;
  fin_timeout?: Micros;
  time_wait?: Micros;
  keepalive?: { idle?: Micros; interval?: Micros; count?: number };
  abort_on_overflow?: boolean;
}

export type ShutdownHow = 'write' | 'read' | 'both';

/** A socket call or host event, addressed to a host (and maybe one of its sockets). */
export type HostVerb =
  | { verb: 'bind'; port: number; as?: string }
  | { verb: 'listen'; port: number; backlog?: number; as?: string }
  | { verb: 'connect'; host: string; port: number; from?: number; timeout?: Micros; as?: string }
  | { verb: 'accept'; as?: string }
  | { verb: 'send'; bytes: number }
  | { verb: 'recv'; bytes?: number }
  | { verb: 'close' }
  | { verb: 'shutdown'; how: ShutdownHow }
  | { verb: 'abort' }
  | { verb: 'linger'; timeout: Micros }
  | { verb: 'keepalive'; idle: Micros; interval: Micros; count: number }
  | { verb: 'exit' }
  | { verb: 'crash' }
  | { verb: 'reboot' }
  | { verb: 'power-off' };

export type InjectSeq = 'exact' | 'in-window' | 'out-of-window';

export type NetworkVerb =
  | { verb: 'partition'; between?: [string, string] }
  | { verb: 'heal'; between?: [string, string] }
  /** `flags` absent: any segment; `data`: a segment with payload; otherwise the exact flag set, PSH ignored. */
  | { verb: 'drop-next'; from: string; to: string; flags?: Flag[]; data?: boolean }
  | { verb: 'delay'; delay: Micros }
  | { verb: 'inject'; from: string; to: string; port?: number; flags: Flag[]; seq: InjectSeq; len?: number };

export type Step = (
  | { kind: 'host'; host: string; socket?: string; action: HostVerb }
  | { kind: 'network'; action: NetworkVerb }
  | { kind: 'wait'; duration: Micros }
) & {
  label?: string;
  /** The step as written, for traces and messages. */
  text: string;
  /** 1-based line in the source file, where known. */
  line?: number;
};

export interface LocalizedText {
  en: string;
  'zh-CN': string;
}

export interface Scenario {
  id: string;
  title?: LocalizedText;
  profile: ProfileName;
  hosts: string[];
  seed?: number;
  tune?: Tune;
  steps: Step[];
}
