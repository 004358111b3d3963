import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeBase64url, encodeBase64url } from '../../../src/share/base64url';
import { fnv1a32 } from '../../../src/share/checksum';

describe('base64url', () => {
  it('agrees with Node\'s Buffer and round-trips', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      const text = encodeBase64url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(decodeBase64url(text)).toEqual({ ok: true, bytes });
    }), { numRuns: 500 });
  });

  it('rejects characters outside the alphabet and impossible lengths', () => {
    expect(decodeBase64url('ab+c')).toEqual({ ok: false, problem: 'unexpected character "+" at position 3' });
    expect(decodeBase64url('abcde')).toMatchObject({ ok: false });
    expect(decodeBase64url('aé')).toMatchObject({ ok: false });
    expect(decodeBase64url('')).toEqual({ ok: true, bytes: new Uint8Array(0) });
  });
});

describe('FNV-1a 32', () => {
  it('matches the published test vectors', () => {
    const ascii = (text: string) => new Uint8Array([...text].map((char) => char.charCodeAt(0)));
    expect(fnv1a32(ascii(''))).toBe(0x811c9dc5);
    expect(fnv1a32(ascii('a'))).toBe(0xe40c292c);
    expect(fnv1a32(ascii('foobar'))).toBe(0xbf9cf968);
    expect(fnv1a32(ascii('foo'), ascii('bar'))).toBe(0xbf9cf968);
  });
});
