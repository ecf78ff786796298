/** The assignment page's storage: versioned per assignment and learner; unreadable entries set aside, never lost. */
import { beforeEach, describe, expect, it } from 'vitest';
import { loadAnswers, saveAnswers, storageKey } from '../../../src/components/assignment-store.ts';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(k: string): string | null {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.items.set(k, v);
  }
  removeItem(k: string): void {
    this.items.delete(k);
  }
}

let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
  Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true });
});

describe('assignment answers in localStorage', () => {
  it('keeps each learner’s answers apart and reads back what it wrote', () => {
    const answers = new Map([['e/q1', { answer: 'RST', at: '2026-12-01T00:00:00.000Z' }]]);
    saveAnswers('a', 'alice', { answers, finished: true });
    expect(loadAnswers('a', 'alice')).toEqual({ stored: { answers, finished: true }, setAside: false });
    expect(loadAnswers('a', 'bob').stored.answers.size).toBe(0);
    expect(loadAnswers('b', 'alice').stored.answers.size).toBe(0);
  });

  for (const [what, text] of [
    ['text that is not JSON', '{"v":1,"answers":'],
    ['another version', '{"v":2,"answers":{}}'],
    ['an answer of the wrong shape', '{"v":1,"answers":{"e/q":{"answer":3}}}'],
  ] as const) {
    it(`sets aside ${what} once and starts afresh`, () => {
      storage.setItem(storageKey('a', 'alice'), text);
      expect(loadAnswers('a', 'alice')).toEqual({ stored: { answers: new Map(), finished: false }, setAside: true });
      expect(storage.getItem(storageKey('a', 'alice'))).toBeNull();
      expect([...storage.items.values()]).toEqual([text]);
      storage.setItem(storageKey('a', 'alice'), 'worse');
      loadAnswers('a', 'alice');
      expect([...storage.items.values()]).toEqual([text]);
    });
  }

  it('stores a hostile key as plain data, not as a prototype', () => {
    storage.setItem(storageKey('a', 'x'), '{"v":1,"answers":{"__proto__":{"answer":"RST","at":"t"}}}');
    const { stored } = loadAnswers('a', 'x');
    expect(stored.answers.get('__proto__')).toEqual({ answer: 'RST', at: 't' });
    expect(({} as Record<string, unknown>)['answer']).toBeUndefined();
  });
});
