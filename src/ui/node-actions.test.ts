// The node menu's items and the actions they send.
import { describe, expect, it } from 'vitest';
import { makeNode } from '../../tests/component/fixtures';
import { isClientWrite, nodeMenuItems } from './node-actions';

describe('nodeMenuItems', () => {
  it('offers crash, pause, time out and a client write for an up node', () => {
    const items = nodeMenuItems(makeNode('n3'), 7);
    expect(items.map((item) => item.id)).toEqual(['crash', 'pause', 'timeout', 'write']);
    expect(items.map((item) => item.action)).toEqual([
      { do: 'crash', node: 'n3' },
      { do: 'pause', node: 'n3', durationMs: 2000 },
      { do: 'timeout', node: 'n3' },
      { do: 'request', node: 'n3', op: { f: 'write', key: 'x', value: 7 } },
    ]);
    expect(items.every((item) => !item.disabled)).toBe(true);
  });

  it('offers restart instead of crash for a crashed node, and disables pause and time out', () => {
    const items = nodeMenuItems(makeNode('n2', { up: false }), 1);
    expect(items[0]).toMatchObject({ id: 'restart', action: { do: 'restart', node: 'n2' }, disabled: false });
    expect(items.find((item) => item.id === 'pause')?.disabled).toBe(true);
    expect(items.find((item) => item.id === 'timeout')?.disabled).toBe(true);
  });
});

it('recognises client writes', () => {
  expect(isClientWrite({ do: 'request', node: 'n1', op: { f: 'write', key: 'x', value: 1 } })).toBe(true);
  expect(isClientWrite({ do: 'request', node: 'n1', op: { f: 'read', key: 'x' } })).toBe(false);
  expect(isClientWrite({ do: 'heal' })).toBe(false);
});
