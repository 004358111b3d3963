// A long run keeps a bounded client history: the oldest events are dropped (open operations keep
// their invocations), time travel still lands on the same history, and checks say what they cover.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dropOldest } from '../../../src/engine/history-window';
import { Session } from '../../../src/engine/session';
import type { HistoryEvent } from '../../../src/engine/types';
import { historyScope } from '../../../src/labs/history-scope';
import { labById } from '../../../src/labs/registry';
import { defaultScenario, toWorldConfig } from '../../../src/scenarios/catalog';
import { checkHistory } from '../../../src/checkers/index';

const op = (process: number, type: HistoryEvent['type'], time: number): HistoryEvent => ({ process, type, f: 'write', value: process, time });

describe('dropOldest', () => {
  it('drops completed operations and keeps the invocation of one still open at the cut', () => {
    const history = [op(1, 'invoke', 1), op(2, 'invoke', 2), op(1, 'ok', 3), op(3, 'invoke', 4), op(2, 'ok', 5), op(3, 'ok', 6)];
    const dropped = dropOldest(history, 3);
    expect(dropped).toEqual({ events: 2, operations: 1 });
    expect(history).toEqual([op(2, 'invoke', 2), op(3, 'invoke', 4), op(2, 'ok', 5), op(3, 'ok', 6)]);
  });

  it('leaves every kept completion after its invocation (property)', () => {
    const arbitrary = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 60 }).map((processes) => {
      const open = new Set<number>();
      return processes.map((p, i) => {
        const type = open.has(p) ? 'ok' : 'invoke';
        if (type === 'ok') open.delete(p); else open.add(p);
        return op(p, type, i);
      });
    });
    fc.assert(fc.property(arbitrary, fc.integer({ min: 0, max: 60 }), (history, count) => {
      dropOldest(history, count);
      const open = new Set<number>();
      for (const event of history) {
        if (event.type === 'invoke') open.add(event.process);
        else expect(open.delete(event.process)).toBe(true);
      }
    }));
  });
});

function capSession(historyEvents: number): Session {
  const scenario = defaultScenario('cap', 3);
  const config = { ...toWorldConfig(scenario), limits: { historyEvents } };
  return new Session(labById('cap').system, config, scenario.actions, { checkpointEveryEvents: 2000 });
}

describe('a long run\'s history window', () => {
  it('stays within the limit, counts what it dropped, and is checked from an unknown value', () => {
    const session = capSession(400);
    session.advanceTo(60_000);
    const world = session.simulation.world;
    expect(world.history.length).toBeLessThanOrEqual(400);
    expect(world.historyDroppedOps).toBeGreaterThan(100);
    const scope = historyScope(session.simulation);
    expect(scope.initialState).toBe('unknown');
    expect(scope.fields.droppedOps).toBe(world.historyDroppedOps);
    const checked = checkHistory(world.history, { initialState: scope.initialState });
    expect(checked.ok && checked.linearizability.valid).toBe(true);
  });

  it('a seek back and forward again lands on the same window as the straight run', () => {
    const session = capSession(400);
    session.advanceTo(40_000);
    const straight = JSON.stringify(session.simulation.world.history);
    const dropped = session.simulation.world.historyDropped;
    session.seek(39_000);
    session.seek(40_000);
    expect(session.simulation.world.historyDropped).toBe(dropped);
    expect(JSON.stringify(session.simulation.world.history)).toBe(straight);
  });
});

describe('Session.footprint', () => {
  it('reports checkpoints, history and trace, each within its budget after a long run', () => {
    const scenario = defaultScenario('cap', 3);
    const session = new Session(labById('cap').system, { ...toWorldConfig(scenario), limits: { historyEvents: 400, traceEvents: 256 } }, scenario.actions, { checkpointEveryEvents: 500, maxCheckpoints: 8 });
    session.advanceTo(60_000);
    const footprint = session.footprint();
    expect(footprint.checkpoints).toBeGreaterThan(2);
    expect(footprint.checkpoints).toBeLessThanOrEqual(8);
    expect(footprint.historyEvents).toBeLessThanOrEqual(400);
    expect(footprint.historyDroppedOps).toBeGreaterThan(0);
    expect(footprint.traceEvents).toBeLessThanOrEqual(256);
    expect(footprint.oldestCheckpointMs).toBe(0);
  });
});
