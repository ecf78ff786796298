/**
 * The rule catalogue: for every reason id a segment can carry, the rule of
 * article/behaviour.md behind it, one line in each language, and where the RFCs and
 * Linux say so. Feedback, captions and the cheat sheet read this table.
 */
import type { Reason } from './trace.ts';

export interface RuleEntry {
  /** Rule ids of behaviour.md (R1–R15); empty for ordinary traffic. */
  rules: string[];
  /** What the segment is: a reset, a FIN, or anything else. */
  kind: 'rst' | 'fin' | 'other';
  en: string;
  'zh-CN': string;
  rfc: string[];
  linux: string[];
  /** The lesson that teaches it (slug under lessons/), filled in as lessons are written. */
  lesson?: string;
}

export const CATALOGUE: Readonly<Record<Reason, RuleEntry>> = {
  'no-listener': {
    rules: ['R1'],
    kind: 'rst',
    en: 'A SYN reached a port where nothing listens, so the host refused it with RST+ACK (seq 0, ack = SEG.SEQ + 1).',
    'zh-CN': 'SYN 到达了一个没有任何进程监听的端口，主机用 RST+ACK 拒绝它（seq 为 0，ack = SEG.SEQ + 1）。',
    rfc: ['RFC 9293 §3.5.2', 'RFC 9293 §3.10.7.1'],
    linux: ['tcp_v4_rcv', 'tcp_v4_send_reset'],
    lesson: '02-closed-port-time-wait',
  },
  'no-connection': {
    rules: ['R1', 'R2'],
    kind: 'rst',
    en: 'The segment belongs to a connection this host does not have (it never had it, forgot it, or only a listener is left), so the host answers RST with seq = SEG.ACK.',
    'zh-CN':
      '报文属于一个本主机并不存在的连接（从未建立、已经遗忘，或者只剩监听套接字），主机回复 RST，seq 等于 SEG.ACK。',
    rfc: ['RFC 9293 §3.10.7.1', 'RFC 9293 §3.10.7.2'],
    linux: ['tcp_v4_rcv', 'tcp_v4_send_reset'],
    lesson: '08-crash-reboot',
  },
  'bad-ack': {
    rules: ['R15'],
    kind: 'rst',
    en: 'The segment acknowledged something this socket never sent; it answers with RST (seq = SEG.ACK) and keeps its own state.',
    'zh-CN': '报文确认了本套接字从未发送过的数据；它回复 RST（seq = SEG.ACK），自身状态保持不变。',
    rfc: ['RFC 9293 §3.10.7.3'],
    linux: ['tcp_rcv_synsent_state_process'],
    lesson: '08-crash-reboot',
  },
  abort: {
    rules: ['R4'],
    kind: 'rst',
    en: 'The application aborted (SO_LINGER {on, 0} then close()): queued data is thrown away and a RST goes out at once instead of FIN.',
    'zh-CN': '应用程序中止了连接（设置 SO_LINGER {on, 0} 后 close()）：排队的数据被丢弃，立即发出 RST 而不是 FIN。',
    rfc: ['RFC 9293 §3.10.5'],
    linux: ['__tcp_close', 'tcp_disconnect', 'tcp_send_active_reset'],
    lesson: '09-linger-abort',
  },
  'close-unread-data': {
    rules: ['R5', 'R8'],
    kind: 'rst',
    en: 'close() ran while received data was still unread; the data is lost, so TCP says so with RST instead of a FIN.',
    'zh-CN': '调用 close() 时仍有已收到但未读取的数据；这些数据丢失了，所以 TCP 用 RST 而不是 FIN 告知对端。',
    rfc: ['RFC 1122 §4.2.2.13', 'RFC 2525 §2.17'],
    linux: ['__tcp_close'],
    lesson: '10-beyond-the-article',
  },
  'data-after-close': {
    rules: ['R6'],
    kind: 'rst',
    en: 'New data arrived for a socket whose application already closed it (or shut down both directions); nobody can read it, so the answer is RST.',
    'zh-CN': '应用已经关闭（或双向 shutdown）的套接字又收到了新数据；没有人能读取它，所以回复 RST。',
    rfc: ['RFC 1122 §4.2.2.13', 'RFC 2525 §2.16'],
    linux: ['tcp_rcv_state_process'],
    lesson: '07-host-shutdown',
  },
  'keepalive-expired': {
    rules: ['R12'],
    kind: 'rst',
    en: 'Keepalive probes went unanswered; Linux gives up with RST+ACK and reports ETIMEDOUT (the RFCs only drop the connection).',
    'zh-CN': '保活探测一直没有回应；Linux 以 RST+ACK 放弃连接并报告 ETIMEDOUT（RFC 只要求丢弃连接）。',
    rfc: ['RFC 1122 §4.2.3.6'],
    linux: ['tcp_keepalive_timer', 'tcp_send_active_reset'],
    lesson: '05-timers',
  },
  'accept-queue-overflow': {
    rules: ['R14'],
    kind: 'rst',
    en: 'The handshake completed into a full accept queue and tcp_abort_on_overflow is on, so the listener reset the new connection.',
    'zh-CN': '握手完成时全连接队列已满，且开启了 tcp_abort_on_overflow，监听方重置了这个新连接。',
    rfc: [],
    linux: ['tcp_check_req'],
    lesson: '03-no-listener',
  },
  'listener-closed': {
    rules: ['R4'],
    kind: 'rst',
    en: 'The listening socket closed while this connection waited in its accept queue; the kernel aborts what nobody will ever accept.',
    'zh-CN': '监听套接字关闭时，这个连接还在全连接队列中等待；内核中止了这些永远不会被 accept 的连接。',
    rfc: ['RFC 9293 §3.10.4'],
    linux: ['inet_csk_listen_stop', 'tcp_disconnect'],
    lesson: '03-no-listener',
  },
  close: {
    rules: ['R7'],
    kind: 'fin',
    en: 'close() with nothing left unread: FIN after the queued data, the orderly way to end a direction.',
    'zh-CN': '没有未读数据时调用 close()：在排队数据之后发送 FIN，这是有序结束一个方向的方式。',
    rfc: ['RFC 9293 §3.6', 'RFC 9293 §3.10.4'],
    linux: ['tcp_close', 'tcp_send_fin'],
    lesson: '00-normal-close',
  },
  shutdown: {
    rules: ['R7'],
    kind: 'fin',
    en: 'shutdown(write): FIN after the queued data; the other direction keeps working (a half-close).',
    'zh-CN': 'shutdown(write)：在排队数据之后发送 FIN；另一个方向仍然可以继续传输（半关闭）。',
    rfc: ['RFC 9293 §3.6.1'],
    linux: ['tcp_shutdown', 'tcp_send_fin'],
    lesson: '10-beyond-the-article',
  },
  exit: {
    rules: ['R8'],
    kind: 'fin',
    en: 'The process ended, so the kernel closed its socket for it, exactly as close() would: FIN.',
    'zh-CN': '进程结束了，内核替它关闭套接字，与调用 close() 完全一样：发送 FIN。',
    rfc: ['RFC 9293 §3.10.4'],
    linux: ['__tcp_close'],
    lesson: '07-host-shutdown',
  },
  'power-off': {
    rules: ['R8'],
    kind: 'fin',
    en: 'The host is shutting down: its processes are stopped first and the kernel closes their sockets with FIN.',
    'zh-CN': '主机正在关机：进程先被终止，内核用 FIN 关闭它们的套接字。',
    rfc: ['RFC 9293 §3.10.4'],
    linux: ['__tcp_close'],
    lesson: '07-host-shutdown',
  },
  handshake: {
    rules: [],
    kind: 'other',
    en: 'Part of the three-way handshake that opens a connection.',
    'zh-CN': '建立连接的三次握手的一部分。',
    rfc: ['RFC 9293 §3.5'],
    linux: ['tcp_connect', 'tcp_conn_request'],
    lesson: '00-normal-close',
  },
  data: {
    rules: [],
    kind: 'other',
    en: 'Application data.',
    'zh-CN': '应用数据。',
    rfc: ['RFC 9293 §3.8'],
    linux: ['tcp_sendmsg'],
    lesson: '00-normal-close',
  },
  ack: {
    rules: [],
    kind: 'other',
    en: 'An acknowledgement: what arrived, and how much more fits.',
    'zh-CN': '确认报文：说明收到了什么，以及还能再接收多少。',
    rfc: ['RFC 9293 §3.10.7.4'],
    linux: ['tcp_ack_snd_check'],
    lesson: '00-normal-close',
  },
  'keepalive-probe': {
    rules: ['R12'],
    kind: 'other',
    en: 'A keepalive probe: an ACK one byte behind, which the peer must answer if it is still there.',
    'zh-CN': '保活探测：一个落后一个字节的 ACK，对端只要还在就必须回应。',
    rfc: ['RFC 1122 §4.2.3.6'],
    linux: ['tcp_keepalive_timer', 'tcp_write_wakeup'],
    lesson: '05-timers',
  },
  'time-wait-ack': {
    rules: ['R13'],
    kind: 'other',
    en: 'A TIME-WAIT socket answers with an ACK carrying its old numbers, never with RST.',
    'zh-CN': '处于 TIME-WAIT 的套接字用携带旧序号的 ACK 回应，而不是 RST。',
    rfc: ['RFC 1122 §4.2.2.13', 'RFC 9293 §3.10.7.4'],
    linux: ['tcp_timewait_state_process'],
    lesson: '02-closed-port-time-wait',
  },
  'challenge-ack': {
    rules: ['R10'],
    kind: 'other',
    en: 'A suspicious RST or SYN was not trusted; the socket answers with an ACK showing where it really is (RFC 5961).',
    'zh-CN': '可疑的 RST 或 SYN 没有被采信；套接字回复一个 ACK，表明自己真实的位置（RFC 5961）。',
    rfc: ['RFC 5961 §3', 'RFC 5961 §4', 'RFC 9293 §3.10.7.4'],
    linux: ['tcp_validate_incoming', 'tcp_send_challenge_ack'],
    lesson: '10-beyond-the-article',
  },
  forged: {
    rules: ['R10'],
    kind: 'other',
    en: 'A segment made up by a third party (an attacker or a middlebox), not by either endpoint.',
    'zh-CN': '由第三方（攻击者或中间设备）伪造的报文，并非来自任何一端。',
    rfc: ['RFC 5961 §1'],
    linux: [],
    lesson: '10-beyond-the-article',
  },
};
