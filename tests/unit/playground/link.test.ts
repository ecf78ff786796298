import { describe, expect, it } from 'vitest';
import { decodeShared, encodeShared } from '../../../src/components/playground-link.ts';

describe('the share link', () => {
  it('carries the scenario text, Chinese and all, through the fragment and back', () => {
    const text = '# 改改看\nid: x\nhosts: [client, server]\nsteps:\n  - server: listen 5000\n';
    const hash = encodeShared({ text, profile: null, belief: null });
    expect(hash).toMatch(/^scenario=[A-Za-z0-9_-]+$/);
    expect(decodeShared(`#${hash}`)).toEqual({ text, profile: null, belief: null });
  });

  it('keeps a chosen profile and ignores one it does not know', () => {
    expect(decodeShared(encodeShared({ text: 'id: x', profile: 'rfc9293', belief: null }))).toEqual({
      text: 'id: x',
      profile: 'rfc9293',
      belief: null,
    });
    const unknown = `${encodeShared({ text: 'id: x', profile: null, belief: null })}&profile=bsd`;
    expect(decodeShared(unknown)).toEqual({ text: 'id: x', profile: null, belief: null });
  });

  it('carries the belief compared with, beside the profile, there and back', () => {
    const shared = { text: 'id: x', profile: 'rfc9293', belief: 'crashed-host-resets' } as const;
    const hash = encodeShared(shared);
    expect(hash).toMatch(/^scenario=[\w-]+&profile=rfc9293&belief=crashed-host-resets$/);
    expect(decodeShared(`#${hash}`)).toEqual(shared);
    expect(decodeShared(encodeShared({ ...shared, profile: null }))).toEqual({ ...shared, profile: null });
  });

  it('drops a belief it does not know, and still opens the scenario', () => {
    const base = encodeShared({ text: 'id: x', profile: 'linux', belief: null });
    expect(base).not.toContain('belief=');
    for (const belief of ['crashed-hosts-reset', '', 'toString', '__proto__'])
      expect(decodeShared(`${base}&belief=${belief}`)).toEqual({ text: 'id: x', profile: 'linux', belief: null });
  });

  it('reads no scenario from an empty or unrelated fragment', () => {
    expect(decodeShared('')).toBeNull();
    expect(decodeShared('#top')).toBeNull();
  });

  it('refuses text that is not base64url of UTF-8', () => {
    expect(decodeShared('#scenario=not+base64!')).toBe('invalid');
    expect(decodeShared('#scenario=A')).toBe('invalid');
    expect(decodeShared('#scenario=_w')).toBe('invalid'); // 0xff alone is not UTF-8
  });

  it('encodes a long scenario without overflowing the stack', () => {
    const text = 'x'.repeat(200_000);
    const shared = decodeShared(encodeShared({ text, profile: 'linux', belief: null }));
    expect(shared !== null && shared !== 'invalid' && shared.text.length).toBe(200_000);
  });
});
