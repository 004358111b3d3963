// Conformance, per registered lab: (4) seek equals replay, and a fork equals a fresh run of the
// script plus the forking action; (7) the frames a SimulationService returns survive
// structuredClone unchanged (they cross the worker boundary), labView included; (9) the lab's
// messageKinds name every kind its describeMessage gives, and every message has a label.
import { describe, expect, it } from 'vitest';
import type { Action, TimedAction } from '../../src/engine/actions';
import type { Frame } from '../../src/engine/frame';
import { Session } from '../../src/engine/session';
import { traceHash } from '../../src/engine/trace';
import { LABS } from '../../src/labs/registry';
import { toWorldConfig } from '../../src/scenarios/catalog';
import { planScenario } from '../../src/scenarios/headless';
import type { Scenario } from '../../src/scenarios/scenario';
import { SimulationService } from '../../src/worker/simulation-service';
import { freshHash, labActionExamples, must, recordedScenario, RUN_MS, sentPayloads, serverIds, validated, where } from './harness';

const T = RUN_MS;

describe.each(LABS)('conformance: $id lab, replay, frames and messages', (lab) => {
  /** Random faults to T, plus an example of each lab action: a busy run to move through. */
  function busyScenario(seed: number): Scenario {
    const scenario = planScenario({ lab: lab.id, seed, untilMs: T, faults: 'random' });
    scenario.actions.push(...labActionExamples(lab).map((action, i) => ({ ...action, at: Math.floor(T / 4) + i * 100 }) as TimedAction));
    return validated(lab, scenario, `random-fault scenario of seed ${seed}`);
  }

  const hashOf = (session: Session) => traceHash(session.simulation.world.trace);

  it.each([4000, 150])('4. seek equals replay (a checkpoint every %i events)', (checkpointEveryEvents) => {
    const scenario = busyScenario(5);
    const fresh = freshHash(lab, scenario, scenario.actions, T);
    const session = new Session(lab.system, toWorldConfig(scenario), scenario.actions, { checkpointEveryEvents });
    session.advanceTo(T);
    must(session.timeMs === T, `${where(lab, '4 seek')} advanceTo(${T}) stopped at ${session.timeMs} ms (a violation or a limit: ${session.simulation.world.limited ?? violationsOf(session)})`);
    must(hashOf(session) === fresh, `${where(lab, '4 seek')} a Session run to ${T} ms has trace ${hashOf(session)}, a fresh Simulation ${fresh}`);
    session.seek(Math.floor(T / 3));
    must(session.timeMs === Math.floor(T / 3), `${where(lab, '4 seek')} seek(${Math.floor(T / 3)}) landed at ${session.timeMs} ms`);
    const atThird = freshHash(lab, scenario, scenario.actions, Math.floor(T / 3));
    must(hashOf(session) === atThird, `${where(lab, '4 seek')} seeking back to ${Math.floor(T / 3)} ms gives trace ${hashOf(session)}, a fresh run to that time ${atThird}`);
    session.seek(T);
    must(hashOf(session) === fresh,
      `${where(lab, '4 seek')} seeking back to ${Math.floor(T / 3)} ms and forward to ${T} ms gives trace ${hashOf(session)}, a fresh run ${fresh}: a checkpoint does not capture the whole world (state kept outside World? a Map or class lost by structuredClone?)`);
  });

  function violationsOf(session: Session): string {
    return session.simulation.world.violations.map((v) => `${v.invariant}: ${v.message}`).join('; ') || 'none recorded';
  }

  const forks: [string, (ids: string[]) => Action][] = [
    ['a crash', (ids) => ({ do: 'crash', node: ids[1] })],
    ['a partition', (ids) => ({ do: 'partition', groups: [ids.slice(0, 1), ids.slice(1)] })],
  ];
  it.each(forks)('4. a fork (%s at T/2 after seeking back) equals a fresh run of the script plus that action', (_name, make) => {
    const scenario = busyScenario(6);
    const action = make(serverIds(lab, scenario.nodes));
    forkEqualsFresh(scenario, action);
  });

  it('4. a fork by each lab action equals a fresh run of the script plus it', () => {
    const scenario = busyScenario(6);
    for (const action of labActionExamples(lab)) forkEqualsFresh(scenario, action);
  });

  function forkEqualsFresh(scenario: Scenario, action: Action): void {
    const session = new Session(lab.system, toWorldConfig(scenario), scenario.actions, { checkpointEveryEvents: 150 });
    session.advanceTo(T);
    const half = Math.floor(T / 2);
    session.seek(Math.floor(T / 3));
    session.seek(half);
    session.inject(action);
    session.seek(T);
    const fresh = freshHash(lab, scenario, [...scenario.actions, { ...action, at: half } as TimedAction], T);
    must(hashOf(session) === fresh,
      `${where(lab, '4 fork')} seeking back to ${half} ms and injecting ${JSON.stringify(action)} gives trace ${hashOf(session)} at ${T} ms; a fresh run with that action at ${half} ms gives ${fresh}`);
    const recorded = session.recordedActions();
    must(recorded.length === 1 && recorded[0].at === half, `${where(lab, '4 fork')} the session recorded ${JSON.stringify(recorded)}, not the one forking action at ${half} ms`);
  }

  it('7. SimulationService frames survive structuredClone unchanged, labView included', () => {
    const service = new SimulationService();
    const scenario = recordedScenario(lab, 3);
    const loaded = service.load(scenario, { recordedFrom: 0 });
    must(loaded.ok, `${where(lab, '7 frames')} SimulationService.load refused the scenario: ${loaded.ok ? '' : loaded.issues.map((i) => i.message).join('; ')}`);
    const frames: [string, Frame][] = [['load', loaded.frame]];
    frames.push(['advanceTo(1000)', service.advanceTo(1000)]);
    for (let i = 0; i < 3; i++) frames.push([`step ${i + 1}`, service.step()]);
    for (const action of labActionExamples(lab)) {
      const result = service.inject(action);
      must(result.ok, `${where(lab, '7 frames')} inject(${JSON.stringify(action)}) failed: ${result.ok ? '' : result.error}`);
      frames.push([`inject ${JSON.stringify(action)}`, result.frame]);
    }
    frames.push(['advanceTo(T)', service.advanceTo(T)]);
    frames.push(['seek(T/3)', service.seek(Math.floor(T / 3))]);
    frames.push(['frame()', service.frame()]);
    for (const [when, frame] of frames) {
      must(frame.limited === null || !frame.limited.startsWith('engine error'), `${where(lab, '7 frames')} after ${when}: ${frame.limited}`);
      let copy: Frame;
      try {
        copy = structuredClone(frame);
      } catch (error) {
        throw new Error(`${where(lab, '7 frames')} the frame after ${when} cannot be structured-cloned (a function, a class with private fields, a DOM node?): ${(error as Error).message}`);
      }
      try {
        expect(copy).toStrictEqual(frame);
      } catch (error) {
        throw new Error(`${where(lab, '7 frames')} the frame after ${when} changes under structuredClone (a class instance, a getter, a symbol key?)\n${(error as Error).message}`);
      }
      must(frame.lab === lab.id && frame.nodes.length > 0, `${where(lab, '7 frames')} the frame after ${when} is for lab "${frame.lab}" with ${frame.nodes.length} actors`);
      if (lab.createProjection) must(frame.labView !== null && frame.labView !== undefined, `${where(lab, '7 frames')} the lab has createProjection but the frame after ${when} has no labView`);
    }
  });

  it('9. messageKinds cover every kind describeMessage gives over a run, and every message has a label', () => {
    const kinds = lab.messageKinds.map((spec) => spec.kind);
    must(new Set(kinds).size === kinds.length, `${where(lab, '9 message kinds')} messageKinds lists a kind twice: ${kinds.join(', ')}`);
    for (const spec of lab.messageKinds) {
      must(spec.label.trim() !== '', `${where(lab, '9 message kinds')} the legend label of kind "${spec.kind}" is empty`);
    }
    const unknown = new Map<string, string>();
    const unlabelled = new Set<string>();
    const used = new Set<string>();
    let count = 0;
    for (const seed of [1, 2, 3]) {
      const scenario = busyScenario(seed);
      // A request from the keyboard too, if the lab takes them: its client's messages count.
      if (lab.system.userRequest) {
        scenario.actions.push({ at: 800, do: 'request', node: 'leader', op: { f: 'write', key: 'x', value: seed } });
        scenario.actions.push({ at: 2600, do: 'request', node: serverIds(lab, scenario.nodes)[0], op: { f: 'read', key: 'x' } });
      }
      for (const payload of sentPayloads(lab, scenario, T)) {
        count++;
        const { label, kind } = lab.describeMessage(payload);
        used.add(kind);
        if (!kinds.includes(kind)) unknown.set(kind, payload.type);
        if (typeof label !== 'string' || label.trim() === '') unlabelled.add(payload.type);
      }
    }
    must(count > 0, `${where(lab, '9 message kinds')} no message was sent in three ${T} ms runs`);
    must(unknown.size === 0,
      `${where(lab, '9 message kinds')} describeMessage gives kinds missing from messageKinds (drawn with no glyph or legend line): ${[...unknown].map(([kind, type]) => `"${kind}" (for ${type})`).join(', ')}`);
    must(unlabelled.size === 0, `${where(lab, '9 message kinds')} describeMessage gives an empty label for ${[...unlabelled].join(', ')}`);
  });
});
