/**
 * Zeek's conn_state for a connection (Zeek's conn.log documentation): a short code for
 * people who read Zeek logs. The client here is Zeek's originator.
 */
import type { Conn } from './conn.ts';

export type ZeekState =
  'S0' | 'S1' | 'SF' | 'REJ' | 'S2' | 'S3' | 'RSTO' | 'RSTOS0' | 'RSTR' | 'RSTRH' | 'SH' | 'SHR' | 'OTH';

export function zeekState(conn: Conn): ZeekState {
  const [c, s] = conn.sides;
  const firstReset = conn.events.find((e) => e.kind === 'rst');
  const resetBy = firstReset === undefined ? null : firstReset.seg.from;
  if (!c.syn && !s.synAck) return 'OTH';
  if (c.syn && !s.synAck) {
    if (s.rsts > 0) return 'REJ';
    if (c.rsts > 0) return 'RSTOS0';
    if (c.fin) return 'SH';
    return 'S0';
  }
  if (!c.syn) {
    if (s.rsts > 0) return 'RSTRH';
    if (s.fin) return 'SHR';
    return 'OTH';
  }
  if (resetBy === 0) return 'RSTO';
  if (resetBy === 1) return 'RSTR';
  if (c.fin && s.fin) return 'SF';
  if (c.fin) return 'S2';
  if (s.fin) return 'S3';
  return 'S1';
}
