// A keyed list is written in place once owned and answers "is this key in it?" from its hidden
// counts; whatever happens, its contents are those a plain copy-on-write array would hold.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyedList } from '../../../src/protocols/keyed-list';
import { withPushed, writableList } from '../../../src/protocols/owned-record';

interface Item {
  id: number;
  tag: string;
}
const byId = keyedList((item: Item) => item.id);

describe('keyed lists', () => {
  it('copies a list it does not own once, then writes the copy in place', () => {
    const shared: Item[] = [{ id: 1, tag: 'a' }];
    const first = byId.push(shared, { id: 2, tag: 'b' });
    expect(first).not.toBe(shared);
    expect(shared).toEqual([{ id: 1, tag: 'a' }]);
    const second = byId.push(first, { id: 3, tag: 'c' });
    expect(second).toBe(first);
    expect(byId.has(second, 3)).toBe(true);
    expect(byId.has(second, 4)).toBe(false);
    const { item, list } = byId.shift(second);
    expect(item).toEqual({ id: 1, tag: 'a' });
    expect(list).toBe(first);
    expect(byId.has(list, 1)).toBe(false);
  });

  it('copies a clone or a frozen list, and answers for an unowned one by scanning', () => {
    const owned = byId.push([], { id: 1, tag: 'a' });
    const clone = structuredClone(owned);
    expect(byId.has(clone, 1)).toBe(true);
    expect(byId.push(clone, { id: 2, tag: 'b' })).not.toBe(clone);
    const frozen = Object.freeze(byId.push([], { id: 5, tag: 'e' }));
    const pushed = byId.push(frozen, { id: 6, tag: 'f' });
    expect(pushed).not.toBe(frozen);
    expect(frozen).toHaveLength(1);
  });

  it('removes every item with a key, and leaves a list without it as it is', () => {
    let list = byId.push([], { id: 1, tag: 'a' });
    list = byId.push(list, { id: 2, tag: 'b' });
    list = byId.push(list, { id: 1, tag: 'c' });
    expect(byId.without(list, 9)).toBe(list);
    list = byId.without(list, 1);
    expect(list).toEqual([{ id: 2, tag: 'b' }]);
    expect(byId.has(list, 1)).toBe(false);
  });

  it('holds what a copied array would, through any mix of operations and clones', () => {
    type Op =
      | { op: 'push'; id: number }
      | { op: 'front'; ids: number[] }
      | { op: 'shift' }
      | { op: 'without'; id: number }
      | { op: 'replace'; at: number; id: number }
      | { op: 'clone' };
    const id = fc.integer({ min: 0, max: 6 });
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ op: fc.constant('push' as const), id }),
      fc.record({ op: fc.constant('front' as const), ids: fc.array(id, { maxLength: 3 }) }),
      fc.constant({ op: 'shift' as const }),
      fc.record({ op: fc.constant('without' as const), id }),
      fc.record({ op: fc.constant('replace' as const), at: fc.nat(), id }),
      fc.constant({ op: 'clone' as const }),
    );
    fc.assert(fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
      let list: Item[] = [];
      let model: Item[] = [];
      let n = 0;
      const make = (key: number): Item => ({ id: key, tag: `t${n++}` });
      for (const step of ops) {
        if (step.op === 'push') {
          const item = make(step.id);
          list = byId.push(list, item);
          model = [...model, item];
        } else if (step.op === 'front') {
          const items = step.ids.map(make);
          list = byId.pushFront(list, items);
          model = [...items, ...model];
        } else if (step.op === 'shift') {
          if (model.length === 0) continue;
          const taken = byId.shift(list);
          expect(taken.item).toEqual(model[0]);
          list = taken.list;
          model = model.slice(1);
        } else if (step.op === 'without') {
          list = byId.without(list, step.id);
          model = model.filter((item) => item.id !== step.id);
        } else if (step.op === 'replace') {
          if (model.length === 0) continue;
          const at = step.at % model.length;
          const item = make(step.id);
          list = byId.replace(list, at, item);
          model = model.map((old, i) => (i === at ? item : old));
        } else {
          list = structuredClone(list);
          model = structuredClone(model);
        }
        expect(list).toEqual(model);
        for (let key = 0; key <= 6; key++) expect(byId.has(list, key)).toBe(model.some((item) => item.id === key));
      }
    }));
  });
});

describe('owned lists', () => {
  it('copies a list it does not own once, then pushes in place', () => {
    const shared = [1];
    const first = withPushed(shared, 2);
    expect(shared).toEqual([1]);
    expect(withPushed(first, 3)).toBe(first);
    expect(first).toEqual([1, 2, 3]);
    expect(writableList(structuredClone(first))).not.toBe(first);
    expect(writableList(Object.freeze(first))).not.toBe(first);
  });
});
