// A record a line of states owns is written in place; one from anywhere else is copied first.
import { describe, expect, it } from 'vitest';
import { withEntry, withoutEntry, writableRecord } from '../../../src/protocols/owned-record';

describe('owned records', () => {
  it('copies a record it does not own once, then writes the copy in place', () => {
    const shared: Record<string, number> = { n2: 1, n3: 1 };
    const first = withEntry(shared, 'n2', 5);
    expect(first).not.toBe(shared);
    expect(shared).toEqual({ n2: 1, n3: 1 });
    expect(first).toEqual({ n2: 5, n3: 1 });
    const second = withEntry(first, 'n3', 7);
    expect(second).toBe(first);
    expect(second).toEqual({ n2: 5, n3: 7 });
    expect(withoutEntry(second, 'n2')).toBe(first);
    expect(first).toEqual({ n3: 7 });
  });

  it('copies a spread, a clone or a frozen record of an owned one', () => {
    const owned = writableRecord({ n2: 1 });
    expect(writableRecord(owned)).toBe(owned);
    expect(writableRecord({ ...owned })).not.toBe(owned);
    expect(writableRecord(structuredClone(owned))).not.toBe(owned);
    const frozen = Object.freeze(owned);
    const copy = withEntry(frozen, 'n2', 2);
    expect(copy).not.toBe(frozen);
    expect(frozen).toEqual({ n2: 1 });
    expect(withoutEntry(frozen, 'n2')).toEqual({});
  });

  it('keeps the order of keys a copy would have', () => {
    let owned: Record<string, number> = writableRecord({ b: 1, a: 2 });
    let copied: Record<string, number> = { b: 1, a: 2 };
    for (const [key, value] of [['c', 3], ['b', 4], ['d', 5]] as const) {
      owned = withEntry(owned, key, value);
      copied = { ...copied, [key]: value };
    }
    owned = withoutEntry(owned, 'a');
    const { a: _a, ...rest } = copied;
    expect(Object.keys(owned)).toEqual(Object.keys(rest));
    expect(owned).toEqual(rest);
  });
});
