// Conformance, per registered lab: (1) its default scenario validates and so do its smallest and
// largest clusters, each running a few virtual seconds without a violation; (2) a share link of a
// recorded run round-trips to an equal scenario and the same trace; (3) same seed, same trace;
// another seed, another trace.
import { describe, expect, it } from 'vitest';
import { LABS } from '../../src/labs/registry';
import { actorsFor, defaultScenario } from '../../src/scenarios/catalog';
import { planScenario, runHeadless } from '../../src/scenarios/headless';
import { validateScenario } from '../../src/scenarios/validate';
import { decodeShareState, encodeShareState } from '../../src/share/index';
import { describeViolations, labActionExamples, must, recordedScenario, RUN_MS, validated, where } from './harness';

describe.each(LABS)('conformance: $id lab, scenarios and share links', (lab) => {
  const first = lab.roles[0];

  it('1. the default scenario and the smallest and largest clusters validate and run without violations', () => {
    must(first.min <= lab.defaults.nodes && lab.defaults.nodes <= first.max,
      `${where(lab, '1 default scenario')} defaults.nodes (${lab.defaults.nodes}) is outside roles[0] (${first.role}: ${first.min}–${first.max})`);
    const sizes = [...new Set([lab.defaults.nodes, first.min, first.max])];
    for (const nodes of sizes) {
      // Actions name actors by id, so ids must be unique and of the form validate accepts.
      const ids = actorsFor(lab, { nodes, workload: lab.defaults.workload }).map((actor) => actor.id);
      const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
      must(repeated.length === 0, `${where(lab, '1 default scenario')} with ${nodes} ${first.role}s, two actors share an id (${[...new Set(repeated)].join(', ')}): give each role its own prefix`);
      const malformed = ids.filter((id) => !/^[a-z]{1,6}[1-9][0-9]{0,2}$/.test(id));
      must(malformed.length === 0, `${where(lab, '1 default scenario')} actor ids ${malformed.join(', ')} are not of the form a scenario can name (1–6 lower-case letters, then a number)`);
      const scenario = validated(lab, defaultScenario(lab.id, 1, nodes), `default scenario with ${nodes} ${first.role}s`);
      scenario.until = RUN_MS;
      const result = runHeadless(scenario);
      must(result.events > 0, `${where(lab, '1 default scenario')} with ${nodes} ${first.role}s nothing happened in ${RUN_MS} ms (0 events)`);
      must(result.violations.length === 0,
        `${where(lab, '1 default scenario')} with ${nodes} ${first.role}s, seed 1, broke an invariant with no faults: ${describeViolations(result.violations)}`);
    }
    // And the sizes just outside the role's range are refused, with a reason.
    for (const nodes of [first.min - 1, first.max + 1].filter((n) => n >= 1 && n <= 64)) {
      const result = validateScenario(defaultScenario(lab.id, 1, nodes));
      must(!result.ok && result.issues.some((issue) => issue.path === 'nodes'),
        `${where(lab, '1 default scenario')} a scenario of ${nodes} ${first.role}s (outside ${first.min}–${first.max}) should be refused on "nodes"`);
    }
  });

  it('1. every lab action example validates in a scenario', () => {
    const scenario = defaultScenario(lab.id, 1);
    scenario.actions = labActionExamples(lab).map((action) => ({ ...action, at: 100 }) as typeof scenario.actions[number]);
    validated(lab, scenario, 'default scenario with an example of each lab action');
  });

  it('2. a share link of a recorded run round-trips to an equal scenario and the same trace', () => {
    const scenario = recordedScenario(lab, 42);
    const query = encodeShareState({ scenario, cursorMs: 1750, view: { speed: 2 } });
    const decoded = decodeShareState(query);
    must(decoded.kind === 'ok', `${where(lab, '2 share link')} the link ${query.slice(0, 80)}… does not decode: ${decoded.kind === 'error' ? decoded.message : decoded.kind}`);
    try {
      expect(decoded.state.scenario).toEqual(scenario);
    } catch (error) {
      throw new Error(`${where(lab, '2 share link')} the decoded scenario differs from the one encoded\n${(error as Error).message}`);
    }
    must(decoded.state.cursorMs === 1750, `${where(lab, '2 share link')} the cursor came back as ${decoded.state.cursorMs}, not 1750`);
    const before = runHeadless(scenario);
    const after = runHeadless(decoded.state.scenario);
    must(after.traceHash === before.traceHash,
      `${where(lab, '2 share link')} the decoded scenario runs to trace ${after.traceHash} (${after.events} events), the original to ${before.traceHash} (${before.events} events)`);
    // And the link carries the recorded actions (not just the defaults).
    must(decoded.state.scenario.actions.length === scenario.actions.length, `${where(lab, '2 share link')} recorded actions were lost`);
  });

  it('3. the same seed gives the same trace hash; another seed another', () => {
    const plan = (seed: number) => planScenario({ lab: lab.id, seed, untilMs: RUN_MS, faults: 'random' });
    const a = runHeadless(plan(11));
    const b = runHeadless(plan(11));
    must(a.traceHash === b.traceHash && a.events === b.events,
      `${where(lab, '3 determinism')} seed 11 ran twice to different traces: ${a.traceHash} (${a.events} events) and ${b.traceHash} (${b.events} events); something reads Math.random, Date.now or iteration order`);
    const c = runHeadless(plan(12));
    must(c.traceHash !== a.traceHash, `${where(lab, '3 determinism')} seeds 11 and 12 gave the same trace ${a.traceHash}: the seed does not reach the run`);
    // The seed alone (no fault plan) must also matter.
    const quiet = (seed: number) => runHeadless({ ...defaultScenario(lab.id, seed), until: RUN_MS }).traceHash;
    must(quiet(1) !== quiet(2), `${where(lab, '3 determinism')} without faults, seeds 1 and 2 gave the same trace: the seed does not reach the protocol's randomness`);
  });
});
