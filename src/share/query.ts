// Reads parameters from a query string, a URLSearchParams or a plain record, without the DOM's
// URLSearchParams and without ever throwing on odd input: a bad escape is kept as written.

/** A query as the page may hold it: `v=1&lab=raft&s=…`, a URLSearchParams, or `{ seed: '7' }`. */
export type QueryInput =
  | string
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | number | undefined>>;

/** The first value of a parameter ('' for a bare `?embed`), or undefined when absent. */
export type QueryReader = (name: string) => string | undefined;

export const MAX_QUERY_CHARS = 200_000;

export function queryReader(input: unknown): QueryReader {
  if (typeof input === 'string') return stringReader(input);
  if (typeof input !== 'object' || input === null) return () => undefined;
  const get = (input as { get?: unknown }).get;
  if (typeof get === 'function') {
    return (name) => {
      const value: unknown = get.call(input, name);
      return typeof value === 'string' ? value : undefined;
    };
  }
  return (name) => recordValue(ownValue(input, name));
}

/** An own data property, never a getter or an inherited value. */
export function ownValue(object: object, key: string): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(object, key);
  return descriptor && 'value' in descriptor ? descriptor.value : undefined;
}

function recordValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

function stringReader(text: string): QueryReader {
  const values = new Map<string, string>();
  const body = text.replace(/^\?/, '').replace(/#.*$/s, '');
  for (const part of body.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const key = decodeComponent(equals < 0 ? part : part.slice(0, equals));
    const value = equals < 0 ? '' : decodeComponent(part.slice(equals + 1));
    if (!values.has(key)) values.set(key, value);
  }
  return (name) => values.get(name);
}

function decodeComponent(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** A user-supplied value fit to quote in a message: short, and visibly quoted. */
export function quote(value: string, maxChars = 24): string {
  const short = value.length > maxChars ? `${value.slice(0, maxChars)}…` : value;
  return JSON.stringify(short);
}
