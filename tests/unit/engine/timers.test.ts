// Timers against a model of their meaning: setting a timer replaces its pending firing, cancelling
// removes it, and pending firings happen at their due time in the order they were set. The engine
// keeps one queued event per timer and moves it when the timer is set again for later (see
// Simulation.setTimer); this checks that nothing of that shows: random protocols set, re-set and
// cancel timers from timers and messages, and every firing is the one the model expects.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/engine/simulation';
import type { ActorSystem } from '../../../src/engine/system';
import type { Effect, NodeContext, Protocol } from '../../../src/engine/types';

const NAMES = ['a', 'b', 'c'];

interface Pending {
  dueAtMs: number;
  order: number;
}

/** What the model expects: every pending firing by node and timer name. */
class TimerModel {
  private readonly pending = new Map<string, Pending>();
  private order = 0;
  readonly mismatches: string[] = [];
  fired = 0;

  set(node: string, name: string, dueAtMs: number): void {
    this.pending.set(`${node}/${name}`, { dueAtMs, order: this.order++ });
  }

  cancel(node: string, name: string): void {
    this.pending.delete(`${node}/${name}`);
  }

  /** A firing must be pending, due now, and first among the pending by (due, order). */
  fire(node: string, name: string, nowMs: number): void {
    const key = `${node}/${name}`;
    const mine = this.pending.get(key);
    this.fired++;
    if (mine === undefined) return void this.mismatches.push(`${key} fired at ${nowMs} but was not pending`);
    if (mine.dueAtMs !== nowMs) this.mismatches.push(`${key} fired at ${nowMs}, due at ${mine.dueAtMs}`);
    for (const [other, pending] of this.pending) {
      if (other !== key && (pending.dueAtMs < mine.dueAtMs || (pending.dueAtMs === mine.dueAtMs && pending.order < mine.order))) {
        this.mismatches.push(`${key} fired at ${nowMs} before ${other} (due ${pending.dueAtMs})`);
      }
    }
    this.pending.delete(key);
  }
}

/** A protocol that, on every timer and message, draws what to do next: set (or re-set) timers
 * with short or long delays, cancel one, message a peer. Every decision is told to the model. */
function chaoticSystem(model: TimerModel): ActorSystem {
  const act = (ctx: NodeContext, out: Effect[]) => {
    const actions = 1 + ctx.rng.int(3);
    for (let i = 0; i < actions; i++) {
      const name = NAMES[ctx.rng.int(NAMES.length)];
      const roll = ctx.rng.int(10);
      if (roll < 6) {
        const afterMs = roll < 3 ? 1 + ctx.rng.int(5) : 1 + ctx.rng.int(80);
        model.set(ctx.id, name, ctx.clockMs + afterMs);
        out.push({ kind: 'set-timer', timer: name, afterMs });
      } else if (roll < 8) {
        model.cancel(ctx.id, name);
        out.push({ kind: 'cancel-timer', timer: name });
      } else {
        out.push({ kind: 'send', to: ctx.peers[ctx.rng.int(ctx.peers.length)], message: { type: 'Poke' } });
      }
    }
  };
  const protocol: Protocol<number> = {
    id: 'chaotic',
    init: (ctx) => {
      const out: Effect[] = [];
      model.set(ctx.id, 'a', ctx.clockMs + 10);
      out.push({ kind: 'set-timer', timer: 'a', afterMs: 10 });
      return [0, out];
    },
    onTimer: (state, timer, ctx) => {
      model.fire(ctx.id, timer, ctx.clockMs);
      const out: Effect[] = [];
      act(ctx, out);
      // Keep this timer going, so the run does not go quiet.
      const afterMs = 1 + ctx.rng.int(40);
      model.set(ctx.id, timer, ctx.clockMs + afterMs);
      out.push({ kind: 'set-timer', timer, afterMs });
      return [state + 1, out];
    },
    onMessage: (state, _from, _message, ctx) => {
      const out: Effect[] = [];
      act(ctx, out);
      return [state + 1, out];
    },
    persisted: () => null,
    recover: () => [0, []],
    view: (state) => ({ role: 'chaotic', summary: String(state), details: {} }),
  };
  return { protocols: { server: protocol }, serverRole: 'server', invariants: [] };
}

describe('timers', () => {
  it('fire at their last setting, in the order they were set, whatever re-sets and cancels came between', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 2, max: 5 }), (seed, nodes) => {
        const model = new TimerModel();
        const actors = Array.from({ length: nodes }, (_, i) => ({ id: `n${i + 1}`, role: 'server' }));
        const sim = Simulation.create(chaoticSystem(model), {
          lab: 'timers', seed, actors, params: {}, network: { latencyMs: [1, 20], drop: 0, duplicate: 0 },
        }, []);
        sim.runUntil(3000, Infinity, false);
        expect(model.mismatches.slice(0, 5)).toEqual([]);
        expect(model.fired).toBeGreaterThan(100);
      }),
      { numRuns: 60 },
    );
  });

  it('a checkpoint clone carries its timers: the clone fires exactly what the original does', () => {
    const model = new TimerModel();
    const actors = ['n1', 'n2', 'n3'].map((id) => ({ id, role: 'server' }));
    const config = { lab: 'timers', seed: 7, actors, params: {}, network: { latencyMs: [1, 20] as [number, number], drop: 0, duplicate: 0 } };
    const system = chaoticSystem(model);
    const original = Simulation.create(system, config, []);
    original.runUntil(1000, Infinity, false);
    const clone = new Simulation(system, structuredClone(original.world), [], false);
    original.runUntil(2000, Infinity, false);
    clone.runUntil(2000, Infinity, false);
    expect(clone.world.trace.hashA).toBe(original.world.trace.hashA);
    expect(clone.world.eventCount).toBe(original.world.eventCount);
  });
});
