// Every fallacy's link decodes to a valid scenario of its lab with its knob set, and each knob
// differs from the lab's defaults (a link that opened the defaults would show nothing breaking).
import { describe, expect, it } from 'vitest';
import { findLab } from './registry';
import { decodeShareState } from '../share';
import { FALLACIES, fallacyHref } from './fallacies';

describe('the eight fallacies', () => {
  it('are eight, each on a registered lab', () => {
    expect(FALLACIES.map((f) => f.id)).toHaveLength(8);
    for (const fallacy of FALLACIES) expect(findLab(fallacy.lab), fallacy.id).toBeDefined();
  });

  it.each(FALLACIES.map((f) => [f.id, f] as const))('%s: the link opens its lab with the knob set', (_id, fallacy) => {
    const decoded = decodeShareState(fallacyHref(fallacy).slice(1));
    expect(decoded.kind, JSON.stringify(decoded)).toBe('ok');
    if (decoded.kind !== 'ok') return;
    const { scenario } = decoded.state;
    expect(scenario.lab).toBe(fallacy.lab);
    expect(scenario).toEqual({ ...fallacy.scenario(), ...pick(scenario, fallacy.scenario()) });
    const defaults = findLab(fallacy.lab)!.defaults;
    const changed = scenario.actions.length > 0 || scenario.nodes !== defaults.nodes || JSON.stringify(scenario.params) !== JSON.stringify(defaults.params) || JSON.stringify(scenario.network) !== JSON.stringify(defaults.network);
    expect(changed).toBe(true);
  });
});

/** Fields the decoder fills in that the builder left out (until, defaults of an older form). */
function pick(decoded: object, built: object): object {
  return Object.fromEntries(Object.entries(decoded).filter(([key]) => !Object.hasOwn(built, key)));
}
