// A small reader for the EDN subset Jepsen writes: nil, booleans, numbers, strings, keywords,
// symbols, vectors, lists, maps, sets, tagged values and `#_` discards, with `;` comments and commas
// as whitespace. It never throws: errors come back with their line.

export class EdnKeyword {
  constructor(readonly name: string) {}
  toString(): string {
    return `:${this.name}`;
  }
}

export class EdnSymbol {
  constructor(readonly name: string) {}
}

export class EdnTagged {
  constructor(
    readonly tag: string,
    readonly value: EdnValue,
  ) {}
}

/** A map: keys are printed forms (`:type`, `"a"`, `1`), values kept with their original keys. */
export class EdnMap {
  readonly entries = new Map<string, EdnValue>();
  constructor(readonly line: number) {}
  get(key: string): EdnValue | undefined {
    return this.entries.get(key);
  }
}

export type EdnValue = null | boolean | number | string | EdnKeyword | EdnSymbol | EdnTagged | EdnMap | EdnValue[];

export interface EdnForm {
  value: EdnValue;
  line: number;
}

export type EdnReadResult = { ok: true; forms: EdnForm[] } | { ok: false; error: string; line: number };

class EdnError {
  constructor(
    readonly message: string,
    readonly line: number,
  ) {}
}

const DELIMITERS = new Set([' ', '\t', '\n', '\r', ',', '(', ')', '[', ']', '{', '}', '"', ';']);
const CLOSERS: Record<string, string> = { '[': ']', '(': ')', '{': '}' };

/** Reads every top-level form of `text`. */
export function readEdn(text: string): EdnReadResult {
  const reader = new Reader(text);
  try {
    const forms: EdnForm[] = [];
    for (;;) {
      reader.skipSpace();
      if (reader.atEnd()) return { ok: true, forms };
      const line = reader.line;
      forms.push({ value: reader.read(), line });
    }
  } catch (error) {
    if (error instanceof EdnError) return { ok: false, error: error.message, line: error.line };
    throw error;
  }
}

class Reader {
  private pos = 0;
  line = 1;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  private fail(message: string, line = this.line): never {
    throw new EdnError(message, line);
  }

  skipSpace(): void {
    const text = this.text;
    while (this.pos < text.length) {
      const c = text[this.pos];
      if (c === '\n') this.line++;
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ',') this.pos++;
      else if (c === ';') while (this.pos < text.length && text[this.pos] !== '\n') this.pos++;
      else return;
    }
  }

  read(): EdnValue {
    this.skipSpace();
    if (this.atEnd()) this.fail('unexpected end of input');
    const c = this.text[this.pos];
    if (c === '[' || c === '(') return this.readSequence(c);
    if (c === '{') return this.readMap();
    if (c === '"') return this.readString();
    if (c === '#') return this.readDispatch();
    if (c === ']' || c === ')' || c === '}') this.fail(`unexpected ${c}`);
    return this.readAtom();
  }

  private readSequence(open: string): EdnValue[] {
    const close = CLOSERS[open];
    const startLine = this.line;
    this.pos++;
    const items: EdnValue[] = [];
    for (;;) {
      this.skipSpace();
      if (this.atEnd()) this.fail(`${open} opened on line ${startLine} is never closed`);
      if (this.text[this.pos] === close) {
        this.pos++;
        return items;
      }
      items.push(this.read());
    }
  }

  private readMap(): EdnMap {
    const map = new EdnMap(this.line);
    const items = this.readSequence('{');
    if (items.length % 2 !== 0) this.fail(`a map opened on line ${map.line} has an odd number of forms`, map.line);
    for (let i = 0; i < items.length; i += 2) map.entries.set(printKey(items[i]), items[i + 1]);
    return map;
  }

  private readString(): string {
    const startLine = this.line;
    const text = this.text;
    let out = '';
    this.pos++;
    while (this.pos < text.length) {
      const c = text[this.pos++];
      if (c === '"') return out;
      if (c === '\n') this.line++;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const escaped = text[this.pos++];
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', b: '\b', f: '\f' };
      if (escaped in simple) out += simple[escaped];
      else if (escaped === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(this.pos, this.pos + 4))) {
        out += String.fromCharCode(parseInt(text.slice(this.pos, this.pos + 4), 16));
        this.pos += 4;
      } else this.fail(`bad escape \\${escaped ?? ''} in a string`);
    }
    return this.fail(`string opened on line ${startLine} is never closed`, startLine);
  }

  private readDispatch(): EdnValue {
    const next = this.text[this.pos + 1];
    if (next === '{') {
      this.pos++;
      return this.readSequence('{');
    }
    if (next === '_') {
      this.pos += 2;
      this.read();
      return this.read();
    }
    this.pos++;
    const tag = this.readToken();
    if (!/^[A-Za-z]/.test(tag)) this.fail(`bad tag #${tag}`);
    return new EdnTagged(tag, this.read());
  }

  private readToken(): string {
    const start = this.pos;
    while (this.pos < this.text.length && !DELIMITERS.has(this.text[this.pos])) this.pos++;
    return this.text.slice(start, this.pos);
  }

  private readAtom(): EdnValue {
    const token = this.readToken();
    if (token === '') this.fail(`unexpected character ${JSON.stringify(this.text[this.pos])}`);
    if (token === 'nil') return null;
    if (token === 'true') return true;
    if (token === 'false') return false;
    if (token.startsWith(':')) {
      if (token.length === 1) this.fail('empty keyword');
      return new EdnKeyword(token.slice(1));
    }
    if (/^[+-]?\d/.test(token)) return this.readNumber(token);
    if (token.startsWith('\\')) this.fail(`characters such as ${token} are not supported`);
    return new EdnSymbol(token);
  }

  private readNumber(token: string): number {
    const match = /^([+-]?\d+)N?$/.exec(token) ?? /^([+-]?\d+(\.\d*)?([eE][+-]?\d+)?)M?$/.exec(token);
    if (!match) this.fail(`bad number ${token}`);
    return Number(match[1]);
  }
}

/** The printed form of a map key, so `:type` and `"type"` stay distinct. */
export function printKey(value: EdnValue): string {
  if (value instanceof EdnKeyword) return `:${value.name}`;
  if (value instanceof EdnSymbol) return value.name;
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'nil';
  if (Array.isArray(value)) return `[${value.map(printKey).join(' ')}]`;
  if (value instanceof EdnMap) return `{${[...value.entries].map(([k, v]) => `${k} ${printKey(v)}`).join(' ')}}`;
  if (value instanceof EdnTagged) return `#${value.tag} ${printKey(value.value)}`;
  return String(value);
}

/** Plain data for a history value: nil → null, keywords → ":name", maps → objects. */
export function ednToPlain(value: EdnValue): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(ednToPlain);
  if (value instanceof EdnKeyword) return `:${value.name}`;
  if (value instanceof EdnSymbol) return value.name;
  if (value instanceof EdnTagged) return ednToPlain(value.value);
  const out: Record<string, unknown> = {};
  for (const [key, entry] of value.entries) out[key.startsWith(':') ? key.slice(1) : key] = ednToPlain(entry);
  return out;
}
