// Hostile and damaged links: decoding never throws, always ends in ok (a valid scenario) or an
// error with a message, and a single mutation of a real link never yields a different run.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LAB_IDS } from '../../../src/scenarios/catalog';
import { validateScenario } from '../../../src/scenarios/validate';
import { decodeShareState, encodeShareState, type DecodeResult, type ShareState } from '../../../src/share';
import { recordedSession, shareStateArbitrary } from './arbitraries';

const STATES: ShareState[] = [
  recordedSession(0),
  recordedSession(3, 11),
  recordedSession(40, 99),
  ...fc.sample(shareStateArbitrary(12), { numRuns: 5, seed: 2024 }),
];
const LINKS = STATES.map(encodeShareState);

const CHARACTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=&?#%+ .~é\u0000\uffff';

type Mutation =
  | { kind: 'flip'; at: number; char: string }
  | { kind: 'delete'; at: number }
  | { kind: 'insert'; at: number; char: string }
  | { kind: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), char: fc.constantFrom(...CHARACTERS) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), char: fc.constantFrom(...CHARACTERS) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function mutate(link: string, change: Mutation): string {
  const at = change.at % (link.length + (change.kind === 'insert' ? 1 : 0));
  switch (change.kind) {
    case 'flip': return link.slice(0, at) + change.char + link.slice(at + 1);
    case 'delete': return link.slice(0, at) + link.slice(at + 1);
    case 'insert': return link.slice(0, at) + change.char + link.slice(at);
    case 'truncate': return link.slice(0, Math.max(1, at));
  }
}

const SHARE_KEY = /(^|[?&])(v|s|seed|nodes|lab)(=|&|#|$)/;

/** ok with a valid scenario and cursor, an error with a message, or none when no share key is left. */
function expectWellFormed(result: DecodeResult, query: unknown): void {
  if (result.kind === 'ok') {
    expect(validateScenario(result.state.scenario, LAB_IDS).ok).toBe(true);
    expect(Number.isInteger(result.state.cursorMs) && result.state.cursorMs >= 0).toBe(true);
  } else if (result.kind === 'error') {
    expect(typeof result.message).toBe('string');
    expect(result.message.length).toBeGreaterThan(0);
  } else {
    // Keys after a "#" are the fragment, not the query: a link whose query lost them is none.
    expect(typeof query === 'string' && SHARE_KEY.test(query.split('#')[0])).toBe(false);
  }
}

describe('damaged share links', () => {
  it('a single flip, deletion, insertion or truncation never decodes to a different run', () => {
    fc.assert(fc.property(fc.nat(LINKS.length - 1), mutation, (index, change) => {
      const mutated = mutate(LINKS[index], change);
      const result = decodeShareState(mutated);
      expect(result.kind).not.toBe('none');
      expectWellFormed(result, mutated);
      if (result.kind === 'ok') expect(result.state).toEqual(STATES[index]);
    }), { numRuns: 3000, seed: 7 });
  });

  it('several mutations never throw and end in ok or a message', () => {
    fc.assert(fc.property(fc.nat(LINKS.length - 1), fc.array(mutation, { minLength: 1, maxLength: 6 }), (index, changes) => {
      const mutated = changes.reduce(mutate, LINKS[index]);
      expectWellFormed(decodeShareState(mutated), mutated);
    }), { numRuns: 2000, seed: 8 });
  });

  it('every mutation of the payload alone is caught (checksum), except ones that change no byte', () => {
    let caught = 0;
    let harmless = 0;
    fc.assert(fc.property(fc.nat(LINKS.length - 1), mutation, (index, change) => {
      const link = LINKS[index];
      const start = link.indexOf('&s=') + 3;
      const payload = mutate(link.slice(start), change);
      const result = decodeShareState(link.slice(0, start) + payload);
      if (result.kind === 'ok') {
        harmless++;
        expect(result.state).toEqual(STATES[index]);
      } else {
        caught++;
        expect(result.kind).toBe('error');
      }
    }), { numRuns: 2000, seed: 9 });
    expect(caught).toBeGreaterThan(harmless * 10);
  });
});

describe('arbitrary input', () => {
  it('random strings never throw', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
      expectWellFormed(decodeShareState(text), text);
    }), { numRuns: 1500 });
  });

  it('random queries built from share keys never throw', () => {
    const value = fc.oneof(fc.string({ maxLength: 40 }), fc.base64String({ maxLength: 200 }).map((text) => text.replace(/\+/g, '-').replace(/\//g, '_')), fc.integer().map(String));
    const pair = fc.tuple(fc.constantFrom('v', 's', 'lab', 'seed', 'nodes', 'embed', '__proto__', 'constructor'), value);
    fc.assert(fc.property(fc.array(pair, { maxLength: 6 }), (pairs) => {
      const query = pairs.map(([key, text]) => `${key}=${encodeURIComponent(text)}`).join('&');
      expectWellFormed(decodeShareState(query), query);
      const record = Object.fromEntries(pairs);
      expectWellFormed(decodeShareState(record), undefined);
    }), { numRuns: 1500 });
  });

  it('anything at all in place of a query never throws', () => {
    fc.assert(fc.property(fc.anything({ withNullPrototype: true, withBoxedValues: true, withMap: true, withTypedArray: true }), (input) => {
      const result = decodeShareState(input as never);
      expect(['none', 'ok', 'error']).toContain(result.kind);
    }), { numRuns: 1000 });
  });

  it('hostile objects: throwing getters and proxies, huge strings', () => {
    const throwing = { get seed(): string { throw new Error('boom'); } };
    const proxy = new Proxy({}, { get() { throw new Error('boom'); }, getOwnPropertyDescriptor() { throw new Error('boom'); } });
    const badGet = { get(): string { throw new Error('boom'); } };
    for (const input of [throwing, proxy, badGet]) expect(() => decodeShareState(input as never)).not.toThrow();
    expect(decodeShareState(badGet)).toEqual({ kind: 'error', message: 'This link could not be read' });
    expect(decodeShareState(`v=1&lab=raft&s=${'A'.repeat(300_000)}`)).toMatchObject({ kind: 'error', message: expect.stringContaining('too long') });
    expect(decodeShareState({ v: '1', lab: 'raft', s: 'A'.repeat(200_000) })).toMatchObject({ kind: 'error', message: expect.stringContaining('too long') });
  });
});
