import { describe, expect, it } from 'vitest';
import { decodeShared, encodeShared } from '../../../src/components/playground-link.ts';

describe('the share link', () => {
  it('carries the scenario text, Chinese and all, through the fragment and back', () => {
    const text = '# 改改看\nid: x\nhosts: [client, server]\nsteps:\n  - server: listen 5000\n';
    const hash = encodeShared({ text, profile: null });
    expect(hash).toMatch(/^scenario=[A-Za-z0-9_-]+$/);
    expect(decodeShared(`#${hash}`)).toEqual({ text, profile: null });
  });

  it('keeps a chosen profile and ignores one it does not know', () => {
    expect(decodeShared(encodeShared({ text: 'id: x', profile: 'rfc9293' }))).toEqual({
      text: 'id: x',
      profile: 'rfc9293',
    });
    const unknown = `${encodeShared({ text: 'id: x', profile: null })}&profile=bsd`;
    expect(decodeShared(unknown)).toEqual({ text: 'id: x', profile: null });
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
    const shared = decodeShared(encodeShared({ text, profile: 'linux' }));
    expect(shared !== null && shared !== 'invalid' && shared.text.length).toBe(200_000);
  });
});
