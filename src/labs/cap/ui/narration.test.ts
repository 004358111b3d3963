// The guided tour's steps and the actions their buttons send.
import { describe, expect, it } from 'vitest';
import { narrationSteps } from './narration';

const groups = [
  ['n1', 'n2'],
  ['n3', 'n4', 'n5'],
];

describe('narrationSteps', () => {
  it('has three steps: AP + partition, heal + CP + partition, then AP and heal', () => {
    const steps = narrationSteps(groups);
    expect(steps).toHaveLength(3);
    expect(steps[0].buttons[0].actions).toEqual([{ do: 'setMode', mode: 'ap' }, { do: 'partition', groups }]);
    expect(steps[1].buttons[0].actions).toEqual([{ do: 'heal' }, { do: 'setMode', mode: 'cp' }, { do: 'partition', groups }]);
    expect(steps[2].buttons.flatMap((button) => button.actions)).toEqual([{ do: 'setMode', mode: 'ap' }, { do: 'heal' }]);
  });

  it('is honest about CAP: partitions, not "unavailable", and a checked history', () => {
    const text = narrationSteps(groups).map((step) => `${step.body} ${step.lookFor} ${step.note}`).join(' ');
    expect(text).toMatch(/during the partition/);
    expect(text).toMatch(/CP is not "unavailable"/);
    expect(text).toMatch(/property of the history the checker just checked/);
  });

  it('leaves the partition out when no minority can be made', () => {
    expect(narrationSteps(null)[0].buttons[0].actions).toEqual([{ do: 'setMode', mode: 'ap' }]);
  });
});
