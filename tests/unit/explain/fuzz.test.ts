/**
 * Fuzzing: thousands of mutated captures (bytes flipped, length fields set to extremes,
 * files cut short, ranges repeated or removed), from a seeded generator so a failure
 * replays. Each must give a report or a CaptureError — nothing else, and never hang.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/model/index.ts';
import { CaptureError } from '../../../src/explain/errors.ts';
import { tracePcap } from '../../../src/render/pcap.ts';
import { loadScenarioFile } from '../../../src/scenario/load.ts';
import { captureText, explainBytes } from './helpers.ts';
import { ethernet, framed, pcap, pcapng, sll2, unreadDataConversation } from './frames.ts';

/** Mulberry32: small, seeded, good enough to pick bytes. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EXTREMES = [0, 1, 3, 0xff, 0xffff, 0x7fffffff, 0xffffffff, 0x0a0d0d0a, 0xa1b2c3d4];

function mutate(base: Uint8Array, rnd: () => number): Uint8Array {
  const pick = (n: number) => Math.floor(rnd() * n);
  let bytes = base.slice();
  const rounds = 1 + pick(4);
  for (let r = 0; r < rounds; r++) {
    const at = pick(bytes.length);
    switch (pick(6)) {
      case 0:
        for (let k = 0; k < 1 + pick(8); k++) bytes[pick(bytes.length)] = pick(256);
        break;
      case 1: {
        if (at + 4 > bytes.length) break;
        new DataView(bytes.buffer).setUint32(at - (at % 4), EXTREMES[pick(EXTREMES.length)] ?? 0, rnd() < 0.5);
        break;
      }
      case 2:
        bytes = bytes.slice(0, at);
        break;
      case 3: {
        const end = Math.min(bytes.length, at + pick(64));
        bytes = new Uint8Array([...bytes.subarray(0, end), ...bytes.subarray(at)]);
        break;
      }
      case 4:
        bytes = new Uint8Array([
          ...bytes.subarray(0, at),
          ...bytes.subarray(Math.min(bytes.length, at + 1 + pick(32))),
        ]);
        break;
      default:
        bytes = new Uint8Array([
          ...bytes.subarray(0, at),
          ...Array.from({ length: 1 + pick(16) }, () => pick(256)),
          ...bytes.subarray(at),
        ]);
    }
    if (bytes.length === 0) break;
  }
  return bytes;
}

/** Runs the explainer; anything but a report or a CaptureError is returned as the failure. */
function outcome(bytes: Uint8Array): 'report' | 'capture-error' | Error {
  try {
    const report = explainBytes(bytes, 'fuzz.pcap');
    JSON.stringify(report);
    return 'report';
  } catch (error) {
    if (error instanceof CaptureError) return error.message.startsWith('fuzz.pcap: ') ? 'capture-error' : error;
    return error instanceof Error ? error : new Error(String(error));
  }
}

describe('fuzzing the explainer', async () => {
  const parsed = await loadScenarioFile('exercises/scenarios/keepalive-timeout.yaml');
  if (!parsed.ok) throw new Error('keepalive-timeout.yaml does not parse');
  const bases: [string, Uint8Array, number][] = [
    ['pcap', pcap(framed(unreadDataConversation(), (ip) => ethernet(ip, [7]))), 1500],
    [
      'big-endian nanosecond pcap',
      pcap(framed(unreadDataConversation(true), sll2), { little: false, nano: true, linktype: 276 }),
      500,
    ],
    [
      'pcapng',
      pcapng(
        framed(unreadDataConversation(), (ip) => ethernet(ip)),
        { extraBlocks: true },
      ),
      1500,
    ],
    ['model pcap', tracePcap(simulate(parsed.scenario)), 500],
    ['tcpdump text', captureText('s4_keepalive_timeout'), 1000],
  ];
  for (const [name, base, count] of bases) {
    it(`${count} mutants of a ${name}: a report or a CaptureError naming the file, nothing else`, () => {
      const rnd = random(0x5eed + count + base.length);
      const counts = { report: 0, 'capture-error': 0 };
      const failures: string[] = [];
      for (let k = 0; k < count; k++) {
        const result = outcome(mutate(base, rnd));
        if (result instanceof Error) failures.push(`mutant ${k}: ${result.stack ?? result.message}`);
        else counts[result]++;
      }
      expect(failures.slice(0, 3)).toEqual([]);
      // Both outcomes occur: the mutations reach the readers' error paths and get past them.
      expect(counts.report).toBeGreaterThan(0);
      // Text has no lengths to break: a damaged line is a warning, so only binary files must fail sometimes.
      if (name !== 'tcpdump text') expect(counts['capture-error']).toBeGreaterThan(0);
    }, 120_000);
  }
});
