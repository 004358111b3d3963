// `cli experiment balls`: the balls-into-bins experiment, one JSON line per number of choices.
import type { ExperimentSpec } from '../define-lab';
import { ballsIntoBins } from './balls';

function integer(min: number, max: number) {
  return (text: string): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) throw new Error(`expected a whole number from ${min} to ${max}, got "${text}"`);
    return value;
  };
}

function list(parse: (text: string) => number) {
  return (text: string): number[] => {
    const items = text.split(',').map((item) => item.trim()).filter((item) => item !== '');
    if (items.length === 0) throw new Error('expected a comma-separated list');
    return items.map(parse);
  };
}

export const ballsExperiment: ExperimentSpec = {
  description: 'n balls into n bins, each into the least loaded of d random bins: the fullest bin per d (Azar, Broder, Karlin, Upfal)',
  options: {
    bins: { description: 'bins, and balls thrown', default: '100000', parse: integer(1, 10_000_000) },
    choices: { description: 'bins each ball chooses among, comma-separated', default: '1,2,3', parse: list(integer(1, 64)) },
    trials: { description: 'runs averaged per row', default: '5', parse: integer(1, 1000) },
    seed: { description: 'the seed of the draws', default: '1', parse: integer(0, 2 ** 31 - 1) },
  },
  run(options, print) {
    for (const row of ballsIntoBins(options.bins as number, options.choices as number[], options.trials as number, options.seed as number)) {
      print({ choices: row.choices, bins: row.bins, maxLoad: row.maxLoad, trials: row.trials, maxLoads: row.maxLoads });
    }
  },
};
