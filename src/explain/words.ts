/**
 * The explainer's sentences in both languages. Reason sentences come through
 * `reasonSentence` alone, so where the catalogue's prose lives can change in one place.
 */
import { CATALOGUE } from '../model/catalogue.ts';
import en from '../i18n/en.json' with { type: 'json' };
import zhCN from '../i18n/zh-CN.json' with { type: 'json' };
import type { Reason } from '../model/trace.ts';

export type Lang = 'en' | 'zh-CN';
export type Verdict = Reason | 'unknown';

/**
 * The catalogue's one-line rule for a reason, in the reader's language: `reason.<id>` of the UI
 * dictionaries (what src/i18n's reasonText reads), imported here with a JSON import attribute
 * so that the command line, on plain Node, can load them too.
 */
export function reasonSentence(id: Verdict, lang: Lang): string {
  if (id === 'unknown') return WORDS[lang].unknown;
  const key = `reason.${id}` as const;
  return (lang === 'en' ? en : zhCN)[key];
}

/** The lesson (slug under lessons/) that teaches the rule, if there is one. */
export function reasonLesson(id: Verdict): string | null {
  return id === 'unknown' ? null : (CATALOGUE[id].lesson ?? null);
}

/** A duration as a reader wants it: 40 µs, 2.5 ms, 1.2 s, 3 min. */
export function span(seconds: number, lang: Lang): string {
  const s = Math.max(0, seconds);
  const w = WORDS[lang];
  if (s < 0.001) return `${Math.round(s * 1e6)} µs`;
  if (s < 1) return `${+(s * 1000).toFixed(s < 0.01 ? 2 : 1)} ms`;
  if (s < 120) return `${+s.toFixed(s < 10 ? 2 : 1)} s`;
  if (s < 7200) return `${+(s / 60).toFixed(1)} ${w.minutes}`;
  return `${+(s / 3600).toFixed(1)} ${w.hours}`;
}

const EN = {
  sep: '; ',
  comma: ', ',
  colon: ': ',
  paren: (text: string) => ` (${text})`,
  unknown: 'No rule in the catalogue produces a segment like this one.',
  minutes: 'min',
  hours: 'h',
  client: 'client',
  server: 'server',
  noSocket: 'no socket',
  thirdParty: 'not the sender’s TCP',
  kind: {
    SYN: 'SYN',
    SYNACK: 'SYN+ACK',
    ACK: 'ACK',
    DATA: 'data',
    FIN: 'FIN',
    RST: 'RST',
    KA: 'keepalive probe',
  } as Record<string, string>,
  seq: {
    zero: 'seq 0 and ack = the SYN’s sequence number + 1',
    triggerAck: (what: string) => `seq = the acknowledgement number of the ${what} it answers`,
    ownNext: 'seq = its own next sequence number',
    rcvNxt: 'seq = exactly what the peer expects next (RCV.NXT)',
    other: (seq: number) => `seq ${seq}, which is neither its own next sequence number nor what the peer expects`,
  },
  after: (dt: string, what: string) => `${dt} after the peer’s ${what}`,
  afterLast: (dt: string) => `${dt} after the previous segment`,
  sent: (who: string, bytes: number) => (bytes > 0 ? `the ${who} had sent ${bytes} B` : `the ${who} had sent no data`),
  acked: 'all of it acknowledged',
  unacked: (n: number) => `${n} B of it never acknowledged`,
  noFin: 'no FIN before it',
  ownFin: 'after its own FIN',
  peerFin: 'after the peer’s FIN',
  bothFin: 'after both FINs',
  probes: (n: number) => `after ${n} keepalive probe${n === 1 ? '' : 's'}`,
  retries: (n: number) => `after ${n} retransmission${n === 1 ? '' : 's'} without an answer`,
  finShape: (flags: string, bytes: number) => `${flags} after ${bytes} B of data`,
  finFirst: 'the first FIN of the connection',
  finSecond: 'answering the peer’s FIN',
  finAfter: {
    acked: 'data the peer sent afterwards was still acknowledged',
    reset: 'data the peer sent afterwards was answered with RST',
    none: 'nothing was sent to it afterwards',
  } as Record<string, string>,
  confirmed: (story: string) =>
    `Confirmed by the model: in a scenario where ${story}, it sends this segment, with the same flags, order and sequence relations.`,
  notConfirmed: 'No scenario the explainer could build reproduces this segment in the model.',
  unchecked: (story: string) => `Fits the wire, not checked: ${story}.`,
  variant: {
    'no-listener': 'a SYN to a port where nothing listens',
    'old-connection': 'the client rebooted and reused its port while the server still had the old connection',
    'connect-timeout': 'the client’s application gave up on connect() and closed the socket before the SYN+ACK came',
    'time-wait-syn': 'a SYN on the 4-tuple of a connection in TIME-WAIT, from a host with no socket there any more',
    'stray-segment': 'a segment for a connection this host never had',
    'after-reset': 'the sender had reset the connection already (that RST was lost) when the peer sent again',
    'unmodelled-ack':
      'the sender dropped the connection before the peer’s ACK came (as TCP_LINGER2 < 0 does), which the model does not stage',
    'fin-wait-2-timeout': 'its orphaned FIN-WAIT-2 socket timed out (tcp_fin_timeout) before the peer sent',
    'retransmission-timeout': 'its retransmissions went unanswered until it gave up silently, and the peer sent later',
    'crash-reboot': 'its host crashed and came back up before the peer’s segment arrived',
    'queue-full': 'the handshake completed into a full accept queue with tcp_abort_on_overflow = 1',
    abort: 'the application aborted (SO_LINGER {on, 0}, then close())',
    unread: 'the application called close() with received data still unread',
    closed: 'the application had closed the socket (close(), or shutdown both ways) before the data came',
    keepalive: 'its keepalive probes went unanswered',
    'listener-closed': 'the listening socket closed while the connection waited in its accept queue',
    'to-port': 'a third party sent it',
    injected: 'a third party injected it into the connection',
    close: 'close()',
    exit: 'the process ended and the kernel closed its socket',
    shutdown: 'shutdown(write), a half-close',
    'shutdown-both': 'shutdown(both): no more sending or receiving',
    'power-off': 'the host shut down',
  } as Record<string, string>,
  notice: {
    rstAnswersRst: (peer: string) =>
      `The ${peer} answered this RST with a RST. No TCP does that (R3): a middlebox or a forgery?`,
    inWindow: (d: number) =>
      `Its seq is ${d} away from the peer’s RCV.NXT but inside its window: a receiver following RFC 5961 does not reset, it answers with a challenge ACK.`,
    outOfWindow: (d: number) =>
      `Its seq is ${d} away from the peer’s RCV.NXT, outside its window: a receiver following RFC 5961 drops it without a word.`,
    silence: (who: string, d: string) =>
      `The ${who} had been silent for ${d} before this RST: a half-open connection (a peer that rebooted, an idle timeout in a middlebox)?`,
    retries: (who: string, n: number, d: string, quiet: boolean) =>
      `The ${who} retransmitted ${n} time${n === 1 ? '' : 's'} over ${d} without an answer${quiet ? ', then went quiet: giving up sends nothing (R11)' : ''}.`,
  },
  ended: {
    reset: (who: string, t: string) => `reset by the ${who} at ${t}`,
    refused: 'refused (the SYN was answered with RST)',
    closed: 'closed by both FINs',
    half: (who: string) => `half-closed: only the ${who} sent FIN`,
    unanswered: 'the SYN got no answer',
    open: 'still open when the capture ends',
  },
  opened: (who: string) => `opened by ${who}`,
  guessed: (who: string) => `opener not seen (${who} is the client by its port)`,
  bytes: (c: number, s: number) => `client sent ${c} B, server ${s} B`,
  label: {
    reason: 'reason',
    state: 'state before',
    evidence: 'on the wire',
    model: 'model',
    others: 'other candidates',
    confirmedMark: 'confirmed',
    notice: 'notice',
    lesson: 'lesson',
    at: (t: string, packet: number) => `at +${t} (packet ${packet})`,
    header: (format: string, records: number, tcp: number, conns: number) =>
      `${format}, ${records} records, ${tcp} TCP segments, ${conns} connection${conns === 1 ? '' : 's'}`,
    skipped: 'skipped',
    warning: 'warning',
    more: (n: number) => `${n} more RST/FIN not explained (limit per connection)`,
    noConnections: 'No TCP connection in this capture.',
  },
  skip: {
    'not-ip': 'not IP',
    'not-tcp': 'not TCP',
    'ip-fragment': 'IP fragments',
    truncated: 'cut short',
    'bad-header': 'bad headers',
    'link-type': 'unknown link type',
    'empty-record': 'empty records',
    'text-line': 'lines not understood',
  } as Record<string, string>,
};

type Words = typeof EN;

const ZH: Words = {
  sep: '；',
  comma: '，',
  colon: '：',
  paren: (text: string) => `（${text}）`,
  unknown: '规则目录中没有哪条规则会发出这样的报文。',
  minutes: '分钟',
  hours: '小时',
  client: '客户端',
  server: '服务器',
  noSocket: '没有套接字',
  thirdParty: '并非发送方的 TCP',
  kind: {
    SYN: 'SYN',
    SYNACK: 'SYN+ACK',
    ACK: 'ACK',
    DATA: '数据',
    FIN: 'FIN',
    RST: 'RST',
    KA: '保活探测',
  },
  seq: {
    zero: 'seq 为 0，ack = SYN 的序号 + 1',
    triggerAck: (what: string) => `seq 等于它所回应的${what}的确认号`,
    ownNext: 'seq 等于它自己的下一个序号',
    rcvNxt: 'seq 恰好等于对端期望的下一个序号（RCV.NXT）',
    other: (seq: number) => `seq 为 ${seq}，既不是它自己的下一个序号，也不是对端期望的序号`,
  },
  after: (dt: string, what: string) => `在对端的${what}之后 ${dt}`,
  afterLast: (dt: string) => `在上一个报文之后 ${dt}`,
  sent: (who: string, bytes: number) => (bytes > 0 ? `${who}已发送 ${bytes} 字节` : `${who}没有发送数据`),
  acked: '全部已被确认',
  unacked: (n: number) => `其中 ${n} 字节始终未被确认`,
  noFin: '此前没有 FIN',
  ownFin: '在它自己的 FIN 之后',
  peerFin: '在对端的 FIN 之后',
  bothFin: '在双方的 FIN 之后',
  probes: (n: number) => `在 ${n} 个保活探测之后`,
  retries: (n: number) => `在 ${n} 次没有回应的重传之后`,
  finShape: (flags: string, bytes: number) => `${bytes} 字节数据之后的 ${flags}`,
  finFirst: '这是连接上的第一个 FIN',
  finSecond: '回应对端的 FIN',
  finAfter: {
    acked: '对端之后发来的数据仍然得到了确认',
    reset: '对端之后发来的数据收到了 RST',
    none: '之后没有再收到数据',
  },
  confirmed: (story: string) => `模型已确认：在“${story}”的场景中，它会发出这个报文，标志、顺序和序号关系都相同。`,
  notConfirmed: '解释器能构造的场景中，没有一个能在模型中重现这个报文。',
  unchecked: (story: string) => `与线路上所见相符，但未经模型检验：${story}。`,
  variant: {
    'no-listener': 'SYN 发往一个没有任何进程监听的端口',
    'old-connection': '客户端重启后复用了原来的端口，而服务器仍保留着旧连接',
    'connect-timeout': '客户端应用放弃了 connect() 并在 SYN+ACK 到达之前关闭了套接字',
    'time-wait-syn': '一个 SYN 落在处于 TIME-WAIT 的连接的四元组上，而发出它的主机上已经没有对应的套接字',
    'stray-segment': '报文属于本主机从未有过的连接',
    'after-reset': '发送方此前已经重置了连接（那个 RST 丢失了），对端随后又发来报文',
    'unmodelled-ack': '对端的 ACK 到达之前，发送方已丢弃了连接（例如 TCP_LINGER2 < 0），模型没有这种情形',
    'fin-wait-2-timeout': '它成为孤儿的 FIN-WAIT-2 套接字在对端发送之前已超时（tcp_fin_timeout）',
    'retransmission-timeout': '它的重传始终没有回应，直到它静默放弃；对端之后才发来报文',
    'crash-reboot': '它的主机在对端报文到达之前崩溃并重新启动',
    'queue-full': '握手完成时全连接队列已满，且 tcp_abort_on_overflow = 1',
    abort: '应用程序中止了连接（SO_LINGER {on, 0} 后 close()）',
    unread: '应用程序在仍有未读数据时调用了 close()',
    closed: '数据到达之前，应用程序已经关闭了套接字（close()，或双向 shutdown）',
    keepalive: '它的保活探测一直没有回应',
    'listener-closed': '连接还在全连接队列中等待时，监听套接字关闭了',
    'to-port': '由第三方发出',
    injected: '由第三方注入到这个连接中',
    close: 'close()',
    exit: '进程结束，内核关闭了它的套接字',
    shutdown: 'shutdown(write)，即半关闭',
    'shutdown-both': 'shutdown(both)：既不再发送也不再接收',
    'power-off': '主机关机',
  },
  notice: {
    rstAnswersRst: (peer: string) =>
      `${peer}用 RST 回应了这个 RST。任何 TCP 都不会这样做（R3）：是中间设备，还是伪造？`,
    inWindow: (d: number) =>
      `它的 seq 与对端的 RCV.NXT 相差 ${d}，但在窗口之内：遵循 RFC 5961 的接收方不会重置连接，而是回复挑战 ACK。`,
    outOfWindow: (d: number) => `它的 seq 与对端的 RCV.NXT 相差 ${d}，在窗口之外：遵循 RFC 5961 的接收方会悄悄丢弃它。`,
    silence: (who: string, d: string) =>
      `${who}在发出这个 RST 之前已经沉默了 ${d}：是半打开的连接（对端重启过，或中间设备因空闲超时删除了连接）吗？`,
    retries: (who: string, n: number, d: string, quiet: boolean) =>
      `${who}在 ${d} 内重传了 ${n} 次，都没有回应${quiet ? '，随后便沉默了：放弃重传时什么也不发送（R11）' : ''}。`,
  },
  ended: {
    reset: (who: string, t: string) => `${t} 时被${who}重置`,
    refused: '被拒绝（SYN 收到了 RST）',
    closed: '双方都发送了 FIN，正常关闭',
    half: (who: string) => `半关闭：只有${who}发送了 FIN`,
    unanswered: 'SYN 没有得到回应',
    open: '抓包结束时仍未关闭',
  },
  opened: (who: string) => `由 ${who} 发起`,
  guessed: (who: string) => `没有看到发起方（按端口推断 ${who} 是客户端）`,
  bytes: (c: number, s: number) => `客户端发送 ${c} 字节，服务器发送 ${s} 字节`,
  label: {
    reason: '原因',
    state: '发送前的状态',
    evidence: '线路上所见',
    model: '模型检验',
    others: '其他可能',
    confirmedMark: '已确认',
    notice: '注意',
    lesson: '课程',
    at: (t: string, packet: number) => `在 +${t}（第 ${packet} 个报文）`,
    header: (format: string, records: number, tcp: number, conns: number) =>
      `${format}，${records} 条记录，${tcp} 个 TCP 报文段，${conns} 个连接`,
    skipped: '已跳过',
    warning: '警告',
    more: (n: number) => `还有 ${n} 个 RST/FIN 未解释（超出每个连接的上限）`,
    noConnections: '这个抓包中没有 TCP 连接。',
  },
  skip: {
    'not-ip': '非 IP',
    'not-tcp': '非 TCP',
    'ip-fragment': 'IP 分片',
    truncated: '被截断',
    'bad-header': '首部损坏',
    'link-type': '未知链路类型',
    'empty-record': '空记录',
    'text-line': '无法识别的行',
  },
};

export const WORDS: Readonly<Record<Lang, Words>> = { en: EN, 'zh-CN': ZH };
