// The Paxos tour, run for real: each step's "Do it for me" is injected into a live session and the
// session advanced until the step's completion holds on the frame, as the page does; and steps
// that must not complete early or on the wrong state.
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../engine/frame';
import { defaultScenario } from '../../scenarios/catalog';
import { SimulationService } from '../../worker/simulation-service';
import { paxosTour } from './tour';

function advanceUntil(service: SimulationService, done: (frame: Frame) => boolean, limitMs: number): Frame | null {
  let frame = service.frame();
  const end = frame.timeMs + limitMs;
  while (frame.timeMs < end) {
    frame = service.advanceTo(frame.timeMs + 100);
    if (done(frame)) return frame;
  }
  return null;
}

function step(id: string) {
  const found = paxosTour.steps.find((s) => s.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
}

describe('Paxos tour', () => {
  it('has six steps, each with narration, a task, a "Do it" and an honest note', () => {
    expect(paxosTour.steps.map((s) => s.id)).toEqual(['chosen', 'adopted', 'duel', 'backoff', 'multi-paxos', 'forgetful']);
    for (const s of paxosTour.steps) expect([s.narration, s.task, s.note, s.doIt?.label].every(Boolean)).toBe(true);
  });

  it.each([[1, 0, 0], [2, 600, 300], [3, 0, 800], [4, 900, 0], [5, 300, 500], [6, 0, 200], [7, 1200, 1000], [8, 100, 100]])(
    'completes every step with "Do it for me" on seed %i (first press at %i ms, each %i ms after the step begins)',
    (seed, firstPressMs, pressDelayMs) => {
      const service = new SimulationService();
      expect(service.load({ ...defaultScenario('paxos', seed), until: undefined }).ok).toBe(true);
      service.advanceTo(firstPressMs);
      const texts: string[] = [];
      for (const s of paxosTour.steps) {
        const begun = service.frame();
        if (s.id !== 'chosen') expect(s.done(begun, begun), `${s.id} done before its action`).toBe(false);
        const pressed = service.advanceTo(begun.timeMs + pressDelayMs);
        if (s.id !== 'chosen') expect(s.done(pressed, begun), `${s.id} done before its action`).toBe(false);
        for (const action of s.doIt!.actions(pressed)) expect(service.inject(action as never).ok).toBe(true);
        const done = advanceUntil(service, (frame) => s.done(frame, begun), 15_000);
        expect(done, `${s.id} never completed`).not.toBeNull();
        texts.push(s.doneText(done!, begun));
      }
      expect(texts[0]).toMatch(/^[AB]1 was chosen for slot 1 at ballot \d+\.\d: 3 of 5 acceptors accepted it$/);
      expect(texts[1]).toMatch(/^[AB]1 was chosen again, at ballot \d+\.\d/);
      expect(texts[2]).toMatch(/pre-empted each other \d+ times and slot 2 still has no value/);
      expect(texts[3]).toMatch(/^with randomised backoff, [AB]2 was chosen for slot 2/);
      expect(texts[4]).toMatch(/slots were chosen with phase 2 alone, led by p\d/);
      expect(texts[5]).toMatch(/^the agreement invariant caught it: two values chosen for slot 1/);
    },
  );

  it('the duel step is not done while backoff is on, and the backoff step not before the slot fills', () => {
    const service = new SimulationService();
    service.load({ ...defaultScenario('paxos', 3), until: undefined });
    const chosen = advanceUntil(service, (frame) => step('chosen').done(frame, frame), 5000)!;
    // Both proposers on slot 2 with backoff still on: pre-emptions happen, but it is no duel.
    service.inject({ do: 'lab', name: 'propose', proposer: 'p1', slot: 2 } as never);
    service.inject({ do: 'lab', name: 'propose', proposer: 'p2', slot: 2, afterMs: 150 } as never);
    const later = service.advanceTo(chosen.timeMs + 5000);
    expect(step('duel').done(later, chosen)).toBe(false);
    expect(step('backoff').done(chosen, chosen)).toBe(false);
  });
});
