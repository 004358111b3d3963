// Last-writer-wins (Thomas's write rule, as in Dynamo and Cassandra): a key keeps the value whose
// stamp is greatest by (writer's clock, writer's id, writer's counter). The clock is the writer's
// own, so a node whose clock runs behind writes values that lose to older ones: the lab's lesson.
import type { KeyValue } from '../kv';
import type { Stamp } from './types';

/** The stamp of a key nobody wrote: older than every write. */
export const NO_STAMP: Stamp = { ms: Number.MIN_SAFE_INTEGER, node: '', seq: 0 };

export function isNewer(a: Stamp, b: Stamp | undefined): boolean {
  if (b === undefined) return true;
  if (a.ms !== b.ms) return a.ms > b.ms;
  if (a.node !== b.node) return a.node > b.node;
  return a.seq > b.seq;
}

/** Sets an own property, even for keys like "__proto__". */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
  else record[key] = value;
}

export function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A store and its stamps being changed by one handler: copied on the first change only. */
export class StoreDraft {
  private copied = false;

  constructor(
    public store: KeyValue,
    public stamps: Record<string, Stamp>,
  ) {}

  get changed(): boolean {
    return this.copied;
  }

  /** LWW: takes (value, stamp) for `key` if the stamp is newer than the one held; true if taken. */
  merge(key: string, value: unknown, stamp: Stamp): boolean {
    if (!isNewer(stamp, own(this.stamps, key))) return false;
    this.set(key, value, stamp);
    return true;
  }

  /** Sets `key` unconditionally (a CP command applied in log order). */
  set(key: string, value: unknown, stamp: Stamp): void {
    this.copy();
    setOwn(this.store, key, value);
    setOwn(this.stamps, key, stamp);
  }

  /** Replaces everything (a CP sync entry). */
  replace(store: KeyValue, stamps: Record<string, Stamp>): void {
    this.copied = true;
    this.store = { ...store };
    this.stamps = { ...stamps };
  }

  private copy(): void {
    if (this.copied) return;
    this.copied = true;
    this.store = { ...this.store };
    this.stamps = { ...this.stamps };
  }
}
