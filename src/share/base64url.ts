// Base64url (RFC 4648 §5, no padding) for byte arrays, without Buffer or btoa, so it runs the
// same in the page, the worker and Node.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP: Int8Array = buildLookup();

function buildLookup(): Int8Array {
  const table = new Int8Array(128).fill(-1);
  for (let index = 0; index < ALPHABET.length; index++) table[ALPHABET.charCodeAt(index)] = index;
  return table;
}

export function encodeBase64url(bytes: Uint8Array): string {
  let text = '';
  for (let index = 0; index < bytes.length; index += 3) {
    const chunk = (bytes[index] << 16) | ((bytes[index + 1] ?? 0) << 8) | (bytes[index + 2] ?? 0);
    const remaining = bytes.length - index;
    text += ALPHABET[(chunk >> 18) & 63] + ALPHABET[(chunk >> 12) & 63];
    if (remaining > 1) text += ALPHABET[(chunk >> 6) & 63];
    if (remaining > 2) text += ALPHABET[chunk & 63];
  }
  return text;
}

export type Base64urlResult = { ok: true; bytes: Uint8Array } | { ok: false; problem: string };

/** Strict decoding: only the url-safe alphabet; up to two trailing "=" are tolerated. */
export function decodeBase64url(text: string): Base64urlResult {
  const body = text.replace(/={1,2}$/, '');
  const bytes = new Uint8Array(Math.floor((body.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let written = 0;
  for (let index = 0; index < body.length; index++) {
    const code = body.charCodeAt(index);
    const value = code < 128 ? LOOKUP[code] : -1;
    if (value < 0) return { ok: false, problem: `unexpected character ${JSON.stringify(body.charAt(index))} at position ${index + 1}` };
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[written++] = (buffer >> bits) & 0xff;
    }
  }
  if (body.length % 4 === 1) return { ok: false, problem: `its length (${body.length}) is impossible for base64url` };
  return { ok: true, bytes };
}
