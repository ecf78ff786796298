/** The eleven connection states of RFC 9293 §3.3.2, named as the RFC names them. */
export const TCP_STATES = [
  'CLOSED',
  'LISTEN',
  'SYN-SENT',
  'SYN-RECEIVED',
  'ESTABLISHED',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'CLOSE-WAIT',
  'CLOSING',
  'LAST-ACK',
  'TIME-WAIT',
] as const;
export type TcpState = (typeof TCP_STATES)[number];

/** States after the handshake, where RFC 5961 validation applies (RFC 9293 §3.10.7.4). */
export const SYNCHRONIZED: ReadonlySet<TcpState> = new Set([
  'ESTABLISHED',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'CLOSE-WAIT',
  'CLOSING',
  'LAST-ACK',
  'TIME-WAIT',
]);

export function isTcpState(value: unknown): value is TcpState {
  return typeof value === 'string' && (TCP_STATES as readonly string[]).includes(value);
}
