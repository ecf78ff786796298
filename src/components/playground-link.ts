/**
 * The playground's share link: the scenario text, and the profile and the belief compared
 * with, if chosen, in the URL's fragment. The fragment never reaches a server, so a shared
 * scenario stays between the people who pass the link around. Text is UTF-8, then base64url (RFC 4648 §5), unpadded.
 */
import type { ProfileName } from '../model/trace.ts';
import { BELIEF_IDS, type BeliefId } from '../model/beliefs.ts';

export interface Shared {
  text: string;
  /** null: the scenario's own `profile:` decides. */
  profile: ProfileName | null;
  /** The misconception run beside the scenario (model/beliefs.ts); null: none. */
  belief: BeliefId | null;
}

const PROFILES: readonly ProfileName[] = ['linux', 'rfc9293'];

/** `scenario=…&profile=…&belief=…`, without the leading `#`. */
export function encodeShared({ text, profile, belief }: Shared): string {
  const params = new URLSearchParams({ scenario: toBase64Url(new TextEncoder().encode(text)) });
  if (profile !== null) params.set('profile', profile);
  if (belief !== null) params.set('belief', belief);
  return params.toString();
}

/**
 * Reads a fragment (with or without `#`): null when it carries no scenario, 'invalid' when
 * it carries one that is not base64url of UTF-8 text (a link cut short, or tampered with).
 * A profile or belief it does not know (a typo, or a belief since renamed) is dropped: the
 * scenario still opens, and the controls show what is compared.
 */
export function decodeShared(hash: string): Shared | null | 'invalid' {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const encoded = params.get('scenario');
  if (encoded === null) return null;
  const bytes = fromBase64Url(encoded);
  if (bytes === null) return 'invalid';
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return 'invalid';
  }
  const profile = params.get('profile');
  const belief = params.get('belief');
  return {
    text,
    profile: PROFILES.find((p) => p === profile) ?? null,
    belief: BELIEF_IDS.find((b) => b === belief) ?? null,
  };
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  // In slices: spreading a long array into fromCharCode would overflow the call stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
