/**
 * The rule catalogue: for every reason id a segment can carry, the rule of
 * article/behaviour.md behind it and where the RFCs and Linux say so. Its explanation,
 * one line per language, lives in the UI dictionaries under `reason.<id>`
 * (src/i18n/, read through reasonText). Feedback, captions and the cheat sheet read both.
 */
import type { Reason } from './trace.ts';

export interface RuleEntry {
  /** Rule ids of behaviour.md (R1–R15); empty for ordinary traffic. */
  rules: string[];
  /** What the segment is: a reset, a FIN, or anything else. */
  kind: 'rst' | 'fin' | 'other';
  rfc: string[];
  linux: string[];
  /** The lesson that teaches it (slug under lessons/), filled in as lessons are written. */
  lesson?: string;
}

export const CATALOGUE: Readonly<Record<Reason, RuleEntry>> = {
  'no-listener': {
    rules: ['R1'],
    kind: 'rst',
    rfc: ['RFC 9293 §3.5.2', 'RFC 9293 §3.10.7.1'],
    linux: ['tcp_v4_rcv', 'tcp_v4_send_reset'],
    lesson: '02-closed-port-time-wait',
  },
  'no-connection': {
    rules: ['R1', 'R2'],
    kind: 'rst',
    rfc: ['RFC 9293 §3.10.7.1', 'RFC 9293 §3.10.7.2'],
    linux: ['tcp_v4_rcv', 'tcp_v4_send_reset'],
    lesson: '08-crash-reboot',
  },
  'bad-ack': {
    rules: ['R15'],
    kind: 'rst',
    rfc: ['RFC 9293 §3.10.7.3'],
    linux: ['tcp_rcv_synsent_state_process'],
    lesson: '08-crash-reboot',
  },
  abort: {
    rules: ['R4'],
    kind: 'rst',
    rfc: ['RFC 9293 §3.10.5'],
    linux: ['__tcp_close', 'tcp_disconnect', 'tcp_send_active_reset'],
    lesson: '09-linger-abort',
  },
  'close-unread-data': {
    rules: ['R5', 'R8'],
    kind: 'rst',
    rfc: ['RFC 1122 §4.2.2.13', 'RFC 2525 §2.17'],
    linux: ['__tcp_close'],
    lesson: '10-beyond-the-article',
  },
  'data-after-close': {
    rules: ['R6'],
    kind: 'rst',
    rfc: ['RFC 1122 §4.2.2.13', 'RFC 2525 §2.16'],
    linux: ['tcp_rcv_state_process'],
    lesson: '07-host-shutdown',
  },
  'keepalive-expired': {
    rules: ['R12'],
    kind: 'rst',
    rfc: ['RFC 1122 §4.2.3.6'],
    linux: ['tcp_keepalive_timer', 'tcp_send_active_reset'],
    lesson: '05-timers',
  },
  'accept-queue-overflow': {
    rules: ['R14'],
    kind: 'rst',
    rfc: [],
    linux: ['tcp_check_req'],
    lesson: '03-no-listener',
  },
  'listener-closed': {
    rules: ['R4'],
    kind: 'rst',
    rfc: ['RFC 9293 §3.10.4'],
    linux: ['inet_csk_listen_stop', 'tcp_disconnect'],
    lesson: '03-no-listener',
  },
  close: {
    rules: ['R7'],
    kind: 'fin',
    rfc: ['RFC 9293 §3.6', 'RFC 9293 §3.10.4'],
    linux: ['tcp_close', 'tcp_send_fin'],
    lesson: '00-normal-close',
  },
  shutdown: {
    rules: ['R7'],
    kind: 'fin',
    rfc: ['RFC 9293 §3.6.1'],
    linux: ['tcp_shutdown', 'tcp_send_fin'],
    lesson: '10-beyond-the-article',
  },
  exit: {
    rules: ['R8'],
    kind: 'fin',
    rfc: ['RFC 9293 §3.10.4'],
    linux: ['__tcp_close'],
    lesson: '07-host-shutdown',
  },
  'power-off': {
    rules: ['R8'],
    kind: 'fin',
    rfc: ['RFC 9293 §3.10.4'],
    linux: ['__tcp_close'],
    lesson: '07-host-shutdown',
  },
  handshake: {
    rules: [],
    kind: 'other',
    rfc: ['RFC 9293 §3.5'],
    linux: ['tcp_connect', 'tcp_conn_request'],
    lesson: '00-normal-close',
  },
  data: {
    rules: [],
    kind: 'other',
    rfc: ['RFC 9293 §3.8'],
    linux: ['tcp_sendmsg'],
    lesson: '00-normal-close',
  },
  ack: {
    rules: [],
    kind: 'other',
    rfc: ['RFC 9293 §3.10.7.4'],
    linux: ['tcp_ack_snd_check'],
    lesson: '00-normal-close',
  },
  'keepalive-probe': {
    rules: ['R12'],
    kind: 'other',
    rfc: ['RFC 1122 §4.2.3.6'],
    linux: ['tcp_keepalive_timer', 'tcp_write_wakeup'],
    lesson: '05-timers',
  },
  'time-wait-ack': {
    rules: ['R13'],
    kind: 'other',
    rfc: ['RFC 1122 §4.2.2.13', 'RFC 9293 §3.10.7.4'],
    linux: ['tcp_timewait_state_process'],
    lesson: '02-closed-port-time-wait',
  },
  'challenge-ack': {
    rules: ['R10'],
    kind: 'other',
    rfc: ['RFC 5961 §3', 'RFC 5961 §4', 'RFC 9293 §3.10.7.4'],
    linux: ['tcp_validate_incoming', 'tcp_send_challenge_ack'],
    lesson: '10-beyond-the-article',
  },
  forged: {
    rules: ['R10'],
    kind: 'other',
    rfc: ['RFC 5961 §1'],
    linux: [],
    lesson: '10-beyond-the-article',
  },
};
