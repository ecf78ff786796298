/**
 * The eleven connection states of RFC 9293 §3.3.2, named as the RFC names them, and the groups
 * the model reasons with. This is the only list of states: the chart, the host's demultiplexing
 * and forged segments all ask it.
 */

/**
 * Each state and the groups it belongs to:
 * - `connection`: it has a remote endpoint, so segments find it by their 4-tuple before any
 *   listener (RFC 9293 §3.10.7: everything but CLOSED and LISTEN);
 * - `peerSynKnown`: it has taken the peer's SYN, so RCV.NXT means something (an attacker who
 *   forges a segment aims at it);
 * - `synchronized`: the handshake is over; RFC 9293 §3.10.7.4's checks and RFC 5961 apply.
 */
const TABLE = {
  CLOSED: { connection: false, peerSynKnown: false, synchronized: false },
  LISTEN: { connection: false, peerSynKnown: false, synchronized: false },
  'SYN-SENT': { connection: true, peerSynKnown: false, synchronized: false },
  'SYN-RECEIVED': { connection: true, peerSynKnown: true, synchronized: false },
  ESTABLISHED: { connection: true, peerSynKnown: true, synchronized: true },
  'FIN-WAIT-1': { connection: true, peerSynKnown: true, synchronized: true },
  'FIN-WAIT-2': { connection: true, peerSynKnown: true, synchronized: true },
  'CLOSE-WAIT': { connection: true, peerSynKnown: true, synchronized: true },
  CLOSING: { connection: true, peerSynKnown: true, synchronized: true },
  'LAST-ACK': { connection: true, peerSynKnown: true, synchronized: true },
  'TIME-WAIT': { connection: true, peerSynKnown: true, synchronized: true },
} as const satisfies Record<string, Record<StateGroup, boolean>>;

export type StateGroup = 'connection' | 'peerSynKnown' | 'synchronized';
export type TcpState = keyof typeof TABLE;

/** In the order of RFC 9293 §3.3.2. */
export const TCP_STATES = Object.keys(TABLE) as readonly TcpState[];

export function inGroup(state: TcpState, group: StateGroup): boolean {
  return TABLE[state][group];
}
