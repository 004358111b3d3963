// Message authentication, simulated. A real system would use HMAC-SHA256 with keys handed out
// by an administrator; here a 32-bit keyed hash (FNV-1a, nested as HMAC nests its hash) stands in
// for it inside the deterministic core. What the lab teaches is the protocol — which fields the
// tag covers, who holds which key, what a receiver checks — not the cryptography: a 32-bit tag
// is guessable in real life, and the attacker here simply never holds the keys.

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over a string's UTF-16 code units, as an unsigned 32-bit integer. */
export function fnv1a(text: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}

/** The key two nodes share: one per pair, the same whichever way a message goes. */
export function pairKey(a: string, b: string): number {
  const [low, high] = a < b ? [a, b] : [b, a];
  return fnv1a(`trust-lab pair key|${low}|${high}`);
}

/** HMAC's shape: an inner hash of key and message, an outer hash of key and the inner hash. */
export function keyedHash(key: number, text: string): number {
  const inner = fnv1a(`${key}|in|${text}`);
  return fnv1a(`${key}|out|${inner}`);
}

/** The fields a tag covers, in a fixed order: everything in the packet but the tag itself. */
export const COVERED_FIELDS = ['type', 'src', 'dst', 'sess', 'seq', 'version', 'value', 'nonce'] as const;

export function macInput(packet: Record<string, unknown>): string {
  return COVERED_FIELDS.map((field) => `${field}=${packet[field] === undefined ? '' : String(packet[field])}`).join('|');
}

/** The tag a sender holding the pair's key puts on a packet. */
export function tagOf(packet: Record<string, unknown>): number {
  return keyedHash(pairKey(String(packet.src), String(packet.dst)), macInput(packet));
}

/** Whether a packet's tag is the one its claimed sender and receiver's key gives. */
export function verifyTag(packet: Record<string, unknown>): boolean {
  return typeof packet.mac === 'number' && packet.mac === tagOf(packet);
}
