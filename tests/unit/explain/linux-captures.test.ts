/**
 * Reference checks against the real Linux captures (tcpdump text of behaviour.md's cases).
 * The expected reason of every RST (and of some FINs) is what `cases.json` says happened in
 * that case — its setup and verdict — mapped to the catalogue's ids by hand, never taken
 * from the explainer. `only` marks the RSTs whose wire shape allows a single rule: there
 * the expected reason must come first.
 */
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../../src/explain/words.ts';
import { captureText, explainBytes, finsOf, resetsOf } from './helpers.ts';

interface Expected {
  reason: Verdict;
  only?: true;
  /** The model cannot stage this case (named), so the reason cannot be confirmed. */
  unmodelled?: string;
}

const RESETS: Record<string, Expected[]> = {
  // "The server host answers the SYN with RST,ACK (seq 0, ack=ISN+1)": R1.
  s1_closed_port: [{ reason: 'no-listener', only: true }],
  // "The client (SYN_SENT) sees an unacceptable ACK and sends RST (seq=SEG.ACK)" (R15), then the retried SYN is refused.
  s1_timewait_no_listener: [{ reason: 'bad-ack' }, { reason: 'no-listener', only: true }],
  // "no socket on the client host matches, that ACK draws an RST from the client host".
  s1_timewait_old_syn: [{ reason: 'no-connection' }],
  s2_bound_not_listening: [{ reason: 'no-listener', only: true }],
  // "It comes from the client host's 'no socket' path, because the app closed the SYN_SENT socket."
  s3_connect_timeout_closed_late_synack: [{ reason: 'no-connection', only: true }],
  // "The ACK of its FIN is answered with RST ... and the socket is destroyed": TCP_LINGER2 is not modelled.
  s4_fin_wait2_linger2_negative: [{ reason: 'no-connection', unmodelled: 'TCP_LINGER2' }],
  // "becomes a TIME_WAIT minisocket ... then disappears ... the host answers RST from 'no socket'".
  s4_fin_wait2_timeout: [{ reason: 'no-connection' }],
  // "After TCP_KEEPCNT unanswered probes ... RST,ACK" (R12); the later data meets no socket (R1).
  s4_keepalive_timeout: [
    { reason: 'keepalive-expired', only: true },
    { reason: 'no-connection', only: true },
  ],
  // The client gave up silently (R11); the server's later data gets RST from no socket.
  s4_retransmission_timeout: [{ reason: 'no-connection', only: true }],
  // "The side WITHOUT state (the server host) sends the RST (seq=SEG.ACK)".
  s5_half_open_state_lost: [{ reason: 'no-connection' }],
  // "Data arriving after the close gets RST (seq=SEG.ACK)": the killed process's socket was closed (R6, R8).
  s6_killed_then_client_writes: [{ reason: 'data-after-close' }],
  // "With unread data in the receive buffer, the kernel sends RST,ACK instead of FIN" (R5, R8).
  s6_killed_with_unread_data: [{ reason: 'close-unread-data' }],
  // "The rebooted host answers the old connection's data with RST" (R2).
  s7_crash_reboot: [{ reason: 'no-connection' }],
  // "The rebooted side (SYN_SENT) answers that ACK with RST (seq=SEG.ACK)" (R15).
  s7_client_reboot_same_port: [{ reason: 'bad-ack' }],
  // SO_LINGER {1,0} + close(): R4. The peer sent no data, so unread data cannot explain it.
  s8_linger_zero_abort: [{ reason: 'abort', only: true }],
  // "the server answers B's third ACK / first data with RST (seq=SEG.ACK)" with tcp_abort_on_overflow=1 (R14).
  x_backlog_overflow_abort: [{ reason: 'accept-queue-overflow' }],
  x_close_with_unread_data: [{ reason: 'close-unread-data' }],
  x_data_after_close: [{ reason: 'data-after-close' }],
  // A hand-made RST to a port with no socket; then the host's answers to a bare ACK (R1) and a SYN (R1).
  x_never_rst_a_rst: [
    { reason: 'forged' },
    { reason: 'no-connection', only: true },
    { reason: 'no-listener', only: true },
  ],
  // Three RSTs made by a raw socket: out of window, in window, exact.
  x_rfc5961_rst_syn_checks: [
    { reason: 'forged' },
    { reason: 'forged' },
    { reason: 'forged', unmodelled: 'a forged SYN splits the connection in the tracker' },
  ],
  // "Server aborts (SO_LINGER{1,0}+close()) -> RST,ACK" (R4).
  x_rst_in_established_recv_first: [{ reason: 'abort' }],
  x_rst_in_established_send_first: [{ reason: 'abort' }],
  x_rst_in_fin_wait2: [{ reason: 'abort' }],
  // "Full shutdown() behaves like close() for incoming data" (R6).
  x_shutdown_rdwr_then_data: [{ reason: 'data-after-close' }],
};

/** Cases with no RST at all (behaviour.md: "No RST"). */
const QUIET = [
  's1_timewait_listener_alive',
  's2_listening_not_accepting',
  's3_connect_timeout_socket_kept',
  's3_syn_retries_exhausted',
  's5_half_open_peer_still_down',
  's6_process_killed_fin',
  'x_backlog_full_syn_dropped',
  'x_backlog_overflow_default',
  'x_linger_nonzero_close',
  'x_shutdown_rd_only',
  'x_shutdown_wr_half_close',
];

/** FINs and what made them: the first FIN of each listed case. */
const FINS: Record<string, Expected> = {
  // "SIGTERM kills it ... Process exit closes the fd and __tcp_close() sends FIN" (R8).
  s6_process_killed_fin: { reason: 'exit' },
  // "shutdown(SHUT_WR) sends FIN immediately. The half-close works": the server's data is still ACKed.
  x_shutdown_wr_half_close: { reason: 'shutdown', only: true },
  // "A linger time other than zero does not abort: the data is sent, then FIN" (R7).
  x_linger_nonzero_close: { reason: 'close' },
  // "Server close() (nothing unread) -> FIN" (R7); the data that followed was reset, so not a half-close.
  x_data_after_close: { reason: 'close' },
};

describe('the Linux captures of behaviour.md', () => {
  for (const [id, expected] of Object.entries(RESETS)) {
    describe(id, () => {
      const text = captureText(id);
      const report = explainBytes(text, `${id}.txt`);
      const resets = resetsOf(report);

      it('explains every RST in the capture', () => {
        const lines = new TextDecoder()
          .decode(text)
          .split('\n')
          .filter((l) => /Flags \[R/.test(l)).length;
        expect(resets).toHaveLength(lines);
        expect(resets).toHaveLength(expected.length);
      });

      expected.forEach((want, k) => {
        it(`RST ${k + 1}: ${want.reason} is among the candidates${want.only ? ', first' : ''}`, () => {
          const got = resets[k];
          expect(got?.candidates).toContain(want.reason);
          if (want.only) expect(got?.reason).toBe(want.reason);
        });
        it(`RST ${k + 1}: ${want.unmodelled ? `cannot be confirmed (${want.unmodelled})` : 'the model confirms it'}`, () => {
          const got = resets[k];
          if (want.unmodelled) expect(got?.confirmedBy ?? []).not.toContain(want.reason);
          else expect(got?.confirmedBy).toContain(want.reason);
        });
      });
    });
  }

  for (const id of QUIET) {
    it(`${id}: no RST, so nothing to explain as one`, () => {
      expect(resetsOf(explainBytes(captureText(id), id))).toEqual([]);
    });
  }

  for (const [id, want] of Object.entries(FINS)) {
    it(`${id}: the first FIN is ${want.reason}${want.only ? ' and nothing else' : ' among the candidates'}, confirmed`, () => {
      const fin = finsOf(explainBytes(captureText(id), id))[0];
      expect(fin?.candidates).toContain(want.reason);
      expect(fin?.confirmedBy).toContain(want.reason);
      if (want.only) expect(fin?.candidates).toEqual([want.reason]);
    });
  }

  it('covers every capture that was shared', async () => {
    const { readdirSync } = await import('node:fs');
    const { CAPTURES } = await import('./helpers.ts');
    const ids = readdirSync(CAPTURES)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => f.slice(0, -4));
    expect(ids.sort()).toEqual([...Object.keys(RESETS), ...QUIET].sort());
  });

  it('names the Zeek state Zeek would give: REJ for a refused SYN, RSTO and RSTR by who reset', () => {
    expect(explainBytes(captureText('s1_closed_port')).connections[0]?.state).toBe('REJ');
    expect(explainBytes(captureText('s8_linger_zero_abort')).connections[0]?.state).toBe('RSTO');
    expect(explainBytes(captureText('x_close_with_unread_data')).connections[0]?.state).toBe('RSTR');
    expect(explainBytes(captureText('s6_process_killed_fin')).connections[0]?.state).toBe('SF');
    expect(explainBytes(captureText('s3_syn_retries_exhausted')).connections[0]?.state).toBe('S0');
  });

  it('gives the state the sender was in, from the simulation that confirmed it', () => {
    expect(resetsOf(explainBytes(captureText('x_rst_in_fin_wait2')))[0]?.state).toBe('CLOSE-WAIT');
    expect(resetsOf(explainBytes(captureText('s7_client_reboot_same_port')))[0]?.state).toBe('SYN-SENT');
    expect(resetsOf(explainBytes(captureText('s8_linger_zero_abort')))[0]?.state).toBe('ESTABLISHED');
  });

  it('notices: RFC 5961 out-of-window and in-window resets, retransmissions before a give-up', () => {
    const forged = resetsOf(explainBytes(captureText('x_rfc5961_rst_syn_checks')));
    expect(forged[0]?.notices.join(' ')).toMatch(/outside its window/);
    expect(forged[1]?.notices.join(' ')).toMatch(/inside its window/);
    const retries = explainBytes(captureText('s4_retransmission_timeout')).connections[0]?.notices ?? [];
    expect(retries.join(' ')).toMatch(/retransmitted 5 times .* went quiet/);
  });

  it('speaks Chinese when asked, with the catalogue’s Chinese sentence', () => {
    const zh = resetsOf(explainBytes(captureText('s1_closed_port'), 'x', 'zh-CN'))[0];
    expect(zh?.sentence).toMatch(/SYN 到达了一个没有任何进程监听的端口/);
    expect(zh?.evidence).toMatch(/[\u4e00-\u9fff]/);
  });

  it('gives the same report whatever the chunks the file arrives in', () => {
    const text = captureText('s4_keepalive_timeout');
    const whole = JSON.stringify(explainBytes(text));
    expect(JSON.stringify(explainBytes(text, 'capture', 'en', 7))).toBe(whole);
    expect(JSON.stringify(explainBytes(text, 'capture', 'en', 1))).toBe(whole);
  });
});
