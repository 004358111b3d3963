// Register values as the checkers see them: a canonical key per value (so 1 and 1.0 match, and
// objects compare by content), interning to small integers for the search, and short display text.

/** The register's initial value; `undefined` reads as nil too. */
export const NIL_ID = 0;
/** A register state nobody has observed yet (a check that starts mid-run): any value. */
export const UNKNOWN_ID = 0x7fffffff; // far above any interned id; invalid steps are negative
/** What an unknown state shows as in explanations. */
export const UNKNOWN_VALUE = Symbol('unknown');
/** Stands for every value that an unknown write may have left and nobody read. */
export const UNOBSERVED_VALUE = Symbol('unobserved');

/** A canonical string for a value: equal values give equal keys, whatever their key order. */
export function valueKey(value: unknown): string {
  if (value === null || value === undefined) return 'nil';
  switch (typeof value) {
    case 'number':
      return `n:${value}`;
    case 'string':
      return `s:${value}`;
    case 'boolean':
      return `b:${value}`;
    case 'bigint':
      return `n:${value.toString()}`;
    default:
      return `j:${canonicalJson(value)}`;
  }
}

function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
  }
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(value) ?? 'null';
}

/** Whether two register values are the same value. */
export function sameValue(a: unknown, b: unknown): boolean {
  return valueKey(a) === valueKey(b);
}

/** Maps values to dense integers; nil is always 0. */
export class ValueInterner {
  private readonly ids = new Map<string, number>([['nil', NIL_ID]]);
  private readonly values: unknown[] = [null];

  id(value: unknown): number {
    const key = valueKey(value);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(key, id);
      this.values.push(value);
    }
    return id;
  }

  /** A new id equal to no value of the history: stands for "some value nobody observed". */
  fresh(shownAs: unknown): number {
    this.values.push(shownAs);
    return this.values.length - 1;
  }

  value(id: number): unknown {
    return id === UNKNOWN_ID ? UNKNOWN_VALUE : this.values[id];
  }
}

/** Short display text: nil, 3, "abc", [1,2]. */
export function showValue(value: unknown): string {
  if (value === UNKNOWN_VALUE) return 'an unknown value';
  if (value === UNOBSERVED_VALUE) return '(a value nobody read)';
  if (value === null || value === undefined) return 'nil';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  const text = canonicalJson(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
