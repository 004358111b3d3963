import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultScenario } from '../../../src/scenarios/catalog';
import { parseHostCommand, type HostCommand, type LabEvent } from '../../../src/share';

const context = { nodes: 5 };

function reasonOf(data: unknown, nodes = 5): string {
  const result = parseHostCommand(data, { nodes });
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.command)}`);
  return result.reason;
}

describe('parseHostCommand: valid commands', () => {
  it('play, pause and seek', () => {
    expect(parseHostCommand({ type: 'splitbrain:play' }, context)).toEqual({ ok: true, command: { type: 'splitbrain:play' } });
    expect(parseHostCommand({ type: 'splitbrain:pause', extra: 1 }, context)).toEqual({ ok: true, command: { type: 'splitbrain:pause' } });
    expect(parseHostCommand({ type: 'splitbrain:seek', timeMs: 1500 }, context)).toEqual({ ok: true, command: { type: 'splitbrain:seek', timeMs: 1500 } });
    expect(parseHostCommand({ type: 'splitbrain:seek', timeMs: 0 }, context)).toMatchObject({ ok: true });
  });

  it('inject: a checked copy of the action, without "at" or unknown keys', () => {
    const crash = parseHostCommand({ type: 'splitbrain:inject', action: { do: 'crash', node: 'leader', at: 99, evil: true } }, context);
    expect(crash).toEqual({ ok: true, command: { type: 'splitbrain:inject', action: { do: 'crash', node: 'leader' } } });
    const partition = { do: 'partition', groups: [['n1', 'n2'], ['n3', 'n4', 'n5']] };
    expect(parseHostCommand({ type: 'splitbrain:inject', action: partition }, context)).toEqual({ ok: true, command: { type: 'splitbrain:inject', action: partition } });
    const request = { do: 'request', node: 'n2', op: { f: 'write', key: 'x', value: 3 } };
    expect(parseHostCommand({ type: 'splitbrain:inject', action: request }, context)).toEqual({ ok: true, command: { type: 'splitbrain:inject', action: request } });
  });

  it('load: a validated scenario', () => {
    const scenario = { ...defaultScenario('raft', 7, 3), actions: [{ at: 100, do: 'crash', node: 'n3' }] };
    expect(parseHostCommand({ type: 'splitbrain:load', scenario }, context)).toEqual({ ok: true, command: { type: 'splitbrain:load', scenario } });
  });

  it('the event types describe what the lab posts', () => {
    const events: LabEvent[] = [
      { type: 'splitbrain:ready', lab: 'raft' },
      { type: 'splitbrain:time', timeMs: 10 },
      { type: 'splitbrain:leader-elected', leader: 'n2', term: 3, timeMs: 420 },
      { type: 'splitbrain:violation', invariant: 'election-safety', message: 'two leaders in term 3', timeMs: 900, seed: 7 },
    ];
    expect(events.map((event) => event.type.startsWith('splitbrain:'))).toEqual([true, true, true, true]);
  });
});

describe('parseHostCommand: rejections', () => {
  it('names what is wrong', () => {
    expect(reasonOf(42)).toBe('expected an object like { type: "splitbrain:play" }, got number');
    expect(reasonOf(null)).toContain('got null');
    expect(reasonOf([{ type: 'splitbrain:play' }])).toContain('got an array');
    expect(reasonOf({ type: 7 })).toBe('"type" must be a string, got number');
    expect(reasonOf({ type: 'splitbrain:explode' })).toBe('unknown command type "splitbrain:explode"');
    expect(reasonOf({ type: 'webpackOk' })).toBe('not a Splitbrain command (type "webpackOk")');
  });

  it('seek: NaN, Infinity, negatives, fractions, strings and too-late times', () => {
    for (const timeMs of [Number.NaN, Infinity, -Infinity, -1, 1.5, '100', null, undefined, 24 * 3600 * 1000 + 1, {}]) {
      expect(reasonOf({ type: 'splitbrain:seek', timeMs })).toMatch(/^seek: "timeMs" must be a whole number/);
    }
  });

  it('inject: nodes outside the cluster, unknown actions, missing fields', () => {
    expect(reasonOf({ type: 'splitbrain:inject', action: { do: 'crash', node: 'n7' } })).toBe('inject: the action (crash) names n7, but the cluster has 5 nodes');
    expect(parseHostCommand({ type: 'splitbrain:inject', action: { do: 'crash', node: 'n7' } }, { nodes: 9 })).toMatchObject({ ok: true });
    expect(reasonOf({ type: 'splitbrain:inject', action: { do: 'crash', node: 'N12' } })).toContain('"action.node"');
    expect(reasonOf({ type: 'splitbrain:inject', action: { do: 'crash', node: 'n12' } })).toBe('inject: the action (crash) names n12, but the cluster has 5 nodes');
    expect(reasonOf({ type: 'splitbrain:inject', action: { do: 'explode' } })).toContain('inject: "action.do"');
    expect(reasonOf({ type: 'splitbrain:inject', action: { do: 'pause', node: 'n1' } })).toContain('durationMs');
    expect(reasonOf({ type: 'splitbrain:inject', action: { do: 'partition', groups: [['n1'], ['n1', 'n2']] } })).toBe('inject: the partition puts a node in two groups');
    expect(reasonOf({ type: 'splitbrain:inject', action: 'crash n1' })).toContain('"action" must be an object');
    expect(reasonOf({ type: 'splitbrain:inject', action: { do: 'crash', node: 'n1' } }, Number.NaN)).toContain('cannot take actions');
  });

  it('inject: actions are checked against the running lab (its own actions, its clients)', () => {
    const setMode = { do: 'lab', name: 'setMode', mode: 'ap' };
    expect(parseHostCommand({ type: 'splitbrain:inject', action: setMode }, { nodes: 5, lab: 'cap' })).toEqual({ ok: true, command: { type: 'splitbrain:inject', action: setMode } });
    // The v1 spelling is read as the lab action.
    expect(parseHostCommand({ type: 'splitbrain:inject', action: { do: 'setMode', mode: 'cp' } }, { nodes: 5, lab: 'cap' }))
      .toEqual({ ok: true, command: { type: 'splitbrain:inject', action: { do: 'lab', name: 'setMode', mode: 'cp' } } });
    expect(parseHostCommand({ type: 'splitbrain:inject', action: { do: 'crash', node: 'c2' } }, { nodes: 5, lab: 'cap' })).toMatchObject({ ok: true });
    expect(parseHostCommand({ type: 'splitbrain:inject', action: { ...setMode, mode: 'ca' } }, { nodes: 5, lab: 'cap' })).toMatchObject({ ok: false, reason: expect.stringMatching(/mode/) });
    // Without a lab, the first registered one (raft): it has neither the action nor clients.
    expect(reasonOf({ type: 'splitbrain:inject', action: setMode })).toMatch(/no action "setMode"/);
    expect(reasonOf({ type: 'splitbrain:inject', action: { do: 'crash', node: 'c2' } })).toMatch(/names c2/);
  });

  it('load: invalid scenarios', () => {
    expect(reasonOf({ type: 'splitbrain:load', scenario: { ...defaultScenario('raft', 1), nodes: 3, actions: [{ at: 0, do: 'crash', node: 'n5' }] } }))
      .toBe('load: the scenario is invalid: action 1 (crash) names n5, but the cluster has 3 nodes (and c1–c2)');
    expect(reasonOf({ type: 'splitbrain:load', scenario: { ...defaultScenario('raft', 1), lab: 'no-such-lab' } })).toContain('unknown lab "no-such-lab"');
    expect(reasonOf({ type: 'splitbrain:load', scenario: { ...defaultScenario('raft', 1), actions: new Array(6000).fill({ at: 0, do: 'heal' }) } })).toContain('6000 actions');
    expect(reasonOf({ type: 'splitbrain:load' })).toContain('"scenario" must be an object');
  });

  it('prototype tricks: inherited and __proto__ keys are not read, nothing is polluted', () => {
    expect(reasonOf(JSON.parse('{"__proto__": {"type": "splitbrain:play"}}'))).toContain('"type" must be a string');
    expect(reasonOf(Object.create({ type: 'splitbrain:play' }))).toContain('"type" must be a string');
    const polluting = JSON.parse('{"type":"splitbrain:inject","action":{"do":"crash","node":"n1","__proto__":{"polluted":true}}}');
    const result = parseHostCommand(polluting, context);
    expect(result).toEqual({ ok: true, command: { type: 'splitbrain:inject', action: { do: 'crash', node: 'n1' } } });
    const load = JSON.parse(`{"type":"splitbrain:load","scenario":{"lab":"raft","seed":1,"nodes":3,"actions":[],"params":{"__proto__":{"polluted":true},"heartbeatMs":9}}}`);
    expect(parseHostCommand(load, context)).toMatchObject({ ok: true, command: { scenario: { params: { heartbeatMs: 9 } } } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('getters, proxies and huge strings', () => {
    const getter = { get type(): string { throw new Error('boom'); } };
    expect(reasonOf(getter)).toContain('"type" must be a string');
    const proxy = new Proxy({}, { getOwnPropertyDescriptor() { throw new Error('boom'); } });
    expect(reasonOf(proxy)).toBe('the message could not be read');
    const actionProxy = { type: 'splitbrain:inject', action: new Proxy({}, { ownKeys() { throw new Error('boom'); } }) };
    expect(reasonOf(actionProxy)).toBe('the message could not be read');
    const huge = 'splitbrain:' + 'x'.repeat(5_000_000);
    expect(reasonOf({ type: huge }).length).toBeLessThan(100);
  });

  it('fc.anything() is never accepted by accident and never throws', () => {
    fc.assert(fc.property(fc.anything({ withNullPrototype: true, withBoxedValues: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withBigInt: true, withDate: true }), (data) => {
      const result = parseHostCommand(data, context);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason.length).toBeGreaterThan(0);
    }), { numRuns: 2000 });
  });

  it('known command types with arbitrary fields never throw and accept only well-typed commands', () => {
    const types = ['splitbrain:play', 'splitbrain:pause', 'splitbrain:seek', 'splitbrain:inject', 'splitbrain:load'];
    const field = fc.anything({ withNullPrototype: true, withBigInt: true, maxDepth: 3 });
    fc.assert(fc.property(fc.constantFrom(...types), field, field, field, (type, timeMs, action, scenario) => {
      const result = parseHostCommand({ type, timeMs, action, scenario }, context);
      if (!result.ok) {
        expect(result.reason.length).toBeGreaterThan(0);
        return;
      }
      const command: HostCommand = result.command;
      expect(command.type).toBe(type);
      if (command.type === 'splitbrain:seek') expect(Number.isInteger(command.timeMs)).toBe(true);
    }), { numRuns: 2000 });
  });
});
