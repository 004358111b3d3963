import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deflateSync, strToU8 } from 'fflate';
import { labById } from '../../../src/labs/registry';
import { LAB_IDS, defaultScenario } from '../../../src/scenarios/catalog';
import { validateScenario } from '../../../src/scenarios/validate';
import { decodeShareState, encodeShareState, SUPPORTED_VERSIONS, type ShareState } from '../../../src/share';
import { encodeBase64url } from '../../../src/share/base64url';
import { fnv1a32, uint32ToBytes } from '../../../src/share/checksum';
import { recordedSession, shareStateArbitrary } from './arbitraries';

/** A link whose checksum is right but whose content is whatever the test wants. */
function forgedLink(lab: string, payload: unknown, version = 1): string {
  const json = strToU8(JSON.stringify(payload));
  const deflated = deflateSync(json);
  const bytes = new Uint8Array([...deflated, ...uint32ToBytes(fnv1a32(strToU8(lab), new Uint8Array([10]), json))]);
  return `v=${version}&lab=${lab}&s=${encodeBase64url(bytes)}`;
}

function errorOf(query: Parameters<typeof decodeShareState>[0]): string {
  const result = decodeShareState(query);
  if (result.kind !== 'error') throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return result.message;
}

describe('share link round trip', () => {
  it('gives back the same scenario, cursor and view for generated valid states', () => {
    fc.assert(fc.property(shareStateArbitrary(25, ['raft', 'cap']), (state) => {
      expect(validateScenario(state.scenario, LAB_IDS)).toMatchObject({ ok: true });
      const query = encodeShareState(state);
      expect(query).toMatch(new RegExp(`^v=1&lab=${state.scenario.lab}&s=[A-Za-z0-9_-]+$`));
      expect(decodeShareState(query)).toEqual({ kind: 'ok', state });
    }), { numRuns: 300 });
  });

  it('reads the query with or without "?", as URLSearchParams and as a plain record', () => {
    const state = recordedSession(5);
    const query = encodeShareState(state);
    const expected = { kind: 'ok', state };
    expect(decodeShareState(`?${query}`)).toEqual(expected);
    expect(decodeShareState(`?embed&${query}&autoplay=1#frag`)).toEqual(expected);
    expect(decodeShareState(new URLSearchParams(query))).toEqual(expected);
    expect(decodeShareState(Object.fromEntries(new URLSearchParams(query)))).toEqual(expected);
  });

  it('leaves out the lab defaults, and tells a default field from an absent one', () => {
    // The defaults left out are the frozen v1 ones: the Raft lab's newer default workload is written out.
    const { workload: _traffic, ...v1Scenario } = defaultScenario('raft', 7);
    const withDefaults: ShareState = { scenario: { ...v1Scenario, params: labById('raft').frozen[1].params }, cursorMs: 0 };
    const bare: ShareState = { scenario: { lab: 'raft', seed: 7, nodes: 5, actions: [] }, cursorMs: 0 };
    const withDefaultsQuery = encodeShareState(withDefaults);
    expect(withDefaultsQuery.length).toBeLessThan(60);
    const withTraffic: ShareState = { scenario: defaultScenario('raft', 7), cursorMs: 0 };
    expect(decodeShareState(encodeShareState(withTraffic))).toEqual({ kind: 'ok', state: withTraffic });
    expect(decodeShareState(withDefaultsQuery)).toEqual({ kind: 'ok', state: withDefaults });
    expect(decodeShareState(encodeShareState(bare))).toEqual({ kind: 'ok', state: bare });
  });

  it('keeps a recorded session short: no actions, 100 actions, 1000 actions', () => {
    const sizes = [0, 100, 1000].map((count) => encodeShareState(recordedSession(count)).length);
    expect(sizes[0]).toBeLessThan(60);
    expect(sizes[1]).toBeLessThan(2000);
    expect(sizes[2]).toBeLessThan(12_000);
    for (const count of [0, 100, 1000]) {
      const state = recordedSession(count);
      expect(decodeShareState(encodeShareState(state))).toEqual({ kind: 'ok', state });
    }
  });

  it('writes the same link for the same state', () => {
    expect(encodeShareState(recordedSession(20))).toBe(encodeShareState(recordedSession(20)));
  });
});

describe('share link messages', () => {
  const good = encodeShareState(recordedSession(10));

  it('answers none when no share parameters are present', () => {
    expect(decodeShareState('')).toEqual({ kind: 'none' });
    expect(decodeShareState('?embed&theme=dark')).toEqual({ kind: 'none' });
    expect(decodeShareState({})).toEqual({ kind: 'none' });
  });

  it('names a newer version', () => {
    expect(errorOf(good.replace('v=1', 'v=7'))).toBe('This link was made by a newer version of Splitbrain (v=7); this version reads v=1');
  });

  it('names an older version that cannot be replayed', () => {
    expect(SUPPORTED_VERSIONS).toEqual([1]);
    expect(errorOf(good.replace('v=1', 'v=0'))).toBe('This link was made by an older version of Splitbrain (v=0) and cannot be replayed; this version reads v=1');
  });

  it('names a version that is not a number, and a missing one', () => {
    expect(errorOf(good.replace('v=1', 'v=one'))).toContain('version (v="one") is not a whole number');
    expect(errorOf(good.replace('v=1&', ''))).toContain('no version');
  });

  it('names bad base64url', () => {
    expect(errorOf(good.replace('&s=', '&s=ab*'))).toBe('This link\'s payload is not valid base64url (unexpected character "*" at position 3)');
    expect(errorOf('v=1&lab=raft&s=abcde')).toContain('not valid base64url');
  });

  it('names a checksum mismatch, a truncation and a changed lab', () => {
    const payload = good.slice(good.indexOf('&s=') + 3);
    const flipped = payload.slice(0, -3) + (payload.at(-3) === 'A' ? 'B' : 'A') + payload.slice(-2);
    expect(errorOf(`v=1&lab=raft&s=${flipped}`)).toMatch(/^This link is truncated or was altered \(/);
    expect(errorOf(`v=1&lab=raft&s=${payload.slice(0, -6)}`)).toMatch(/^This link is truncated or was altered \(/);
    expect(errorOf(`v=1&lab=no-such-lab&s=${payload}`)).toBe('This link is truncated or was altered (checksum mismatch)');
    expect(errorOf('v=1&lab=raft&s=AAAA')).toBe('This link is truncated or was altered (its payload is too short)');
  });

  it('names a missing payload or lab', () => {
    expect(errorOf('v=1&lab=raft')).toBe('This link has a version (v=1) but no payload (s=)');
    expect(errorOf(good.replace('lab=raft&', ''))).toContain('does not say which lab');
  });

  it('names what is wrong with an invalid scenario', () => {
    const crashN12 = forgedLink('raft', { s: 1, a: [{ at: 0, do: 'timeout', node: 'n1' }, { at: 10, do: 'heal' }, { at: 10, do: 'crash', node: 'n9' }] });
    expect(errorOf(crashN12)).toBe("This link's scenario is invalid: action 3 (crash) names n9, but the cluster has 5 nodes");
    expect(errorOf(forgedLink('raft', { s: -4 }))).toMatch(/^This link's scenario is invalid: "seed"/);
    expect(errorOf(forgedLink('no-such-lab', { s: 1 }))).toBe(`This link is for a lab this version does not have ("no-such-lab"); known labs: ${LAB_IDS.join(', ')}`);
    expect(errorOf(forgedLink('raft', [1, 2]))).toBe("This link's payload is not a scenario object");
  });

  it('checks the cursor and the view', () => {
    expect(errorOf(forgedLink('raft', { s: 1, c: -1 }))).toContain("This link's cursor (-1) must be a whole number");
    expect(errorOf(forgedLink('raft', { s: 1, c: 24 * 3600 * 1000 + 1 }))).toContain('cursor');
    expect(errorOf(forgedLink('raft', { s: 1, c: 1.5 }))).toContain('cursor');
    expect(errorOf(forgedLink('raft', { s: 1, v: { speed: 0 } }))).toContain('playback speed');
    expect(errorOf(forgedLink('raft', { s: 1, v: { theme: '<b>' } }))).toContain('theme');
    expect(decodeShareState(forgedLink('raft', { s: 1, c: 24 * 3600 * 1000 }))).toMatchObject({ kind: 'ok', state: { cursorMs: 86_400_000 } });
  });

  it('catches a payload that would expand beyond the limit', () => {
    const bomb = forgedLink('raft', { s: 1, pad: ' '.repeat(1_100_000) });
    expect(errorOf(bomb)).toContain('expands beyond');
  });

  it('ignores prototype keys in the payload', () => {
    const link = forgedLink('raft', JSON.parse('{"s":3,"__proto__":{"polluted":1},"p":{"__proto__":{"polluted":1},"heartbeatMs":9}}'));
    const result = decodeShareState(link);
    expect(result).toMatchObject({ kind: 'ok', state: { scenario: { seed: 3, params: { heartbeatMs: 9 } } } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('simple links', () => {
  it('reads ?seed=7&nodes=5 into the default scenario at time 0', () => {
    expect(decodeShareState('?seed=7&nodes=5')).toEqual({ kind: 'ok', state: { scenario: defaultScenario('raft', 7, 5), cursorMs: 0 } });
    expect(decodeShareState('seed=7&nodes=3&lab=raft')).toEqual({ kind: 'ok', state: { scenario: defaultScenario('raft', 7, 3), cursorMs: 0 } });
    expect(decodeShareState({ seed: 42 })).toEqual({ kind: 'ok', state: { scenario: defaultScenario('raft', 42), cursorMs: 0 } });
  });

  it('names a bad seed, a bad node count and an unknown lab', () => {
    expect(errorOf('seed=abc')).toBe(`This link's seed ("abc") must be a whole number from 0 to 4294967295`);
    expect(errorOf('seed=-1')).toContain("This link's seed");
    expect(errorOf('seed=4294967296')).toContain("This link's seed");
    expect(errorOf('seed=1.5')).toContain("This link's seed");
    expect(errorOf('seed=7&nodes=12')).toBe(`This link's node count ("12") must be a whole number from 3 to 9`);
    expect(errorOf('seed=7&nodes=')).toContain('node count');
    expect(errorOf('seed=7&lab=no-such-lab')).toBe(`This link names an unknown lab ("no-such-lab"); known labs: ${LAB_IDS.join(', ')}`);
  });
});

describe('links of every lab', () => {
  it('a CAP lab link with recorded actions round-trips, and its defaults are left out', async () => {
    const { defaultScenario } = await import('../../../src/scenarios/catalog');
    const { encodeShareState, decodeShareState } = await import('../../../src/share/index');
    const partition = { at: 2000, do: 'partition' as const, groups: [['n1', 'n2'], ['n3', 'n4', 'n5']] };
    const scenario = { ...defaultScenario('cap', 9), actions: [{ at: 1200, do: 'lab' as const, name: 'setMode', mode: 'ap' }, partition] };
    const query = encodeShareState({ scenario, cursorMs: 2500 });
    expect(query.length).toBeLessThan(200);
    const decoded = decodeShareState(query);
    expect(decoded).toEqual({ kind: 'ok', state: { scenario, cursorMs: 2500 } });
  });

  it('a v1 CAP link that recorded {do: "setMode"} decodes to the lab action, and replays to the same trace hash', async () => {
    const { defaultScenario } = await import('../../../src/scenarios/catalog');
    const { encodeShareState, decodeShareState } = await import('../../../src/share/index');
    const { runHeadless } = await import('../../../src/scenarios/headless');
    const partition = { at: 2000, do: 'partition' as const, groups: [['n1', 'n2'], ['n3', 'n4', 'n5']] };
    // The v1 spelling, as the page recorded it before lab actions existed.
    const legacy = { ...defaultScenario('cap', 9), actions: [{ at: 1200, do: 'setMode', mode: 'ap' }, partition] } as never;
    const decoded = decodeShareState(encodeShareState({ scenario: legacy, cursorMs: 2500 }));
    const current = { ...defaultScenario('cap', 9), actions: [{ at: 1200, do: 'lab' as const, name: 'setMode', mode: 'ap' }, partition] };
    expect(decoded).toEqual({ kind: 'ok', state: { scenario: current, cursorMs: 2500 } });
    if (decoded.kind !== 'ok') return;
    const replay = runHeadless({ ...decoded.state.scenario, until: 3000 });
    expect(replay.simulation.world.labState.mode).toBe('ap');
    expect(replay.simulation.world.trace.faults.some((e) => e.tag === 'setMode' && e.timeMs === 1200)).toBe(true);
    expect(replay.traceHash).toBe(runHeadless({ ...current, until: 3000 }).traceHash);
  });
});

describe('params as a patch of the frozen ones', () => {
  it('a link whose params add a new key (log compaction) carries just that key, and decodes to the whole params', () => {
    const scenario = defaultScenario('cap', 5);
    const query = encodeShareState({ scenario, cursorMs: 0 });
    expect(query.length).toBeLessThan(120);
    expect(decodeShareState(query)).toEqual({ kind: 'ok', state: { scenario, cursorMs: 0 } });
  });

  it('params that drop a frozen key are carried whole', () => {
    const { mode: _mode, ...rest } = labById('cap').frozen[1].params;
    const scenario = { ...defaultScenario('cap', 5), params: rest };
    expect(decodeShareState(encodeShareState({ scenario, cursorMs: 0 }))).toEqual({ kind: 'ok', state: { scenario, cursorMs: 0 } });
  });
});
