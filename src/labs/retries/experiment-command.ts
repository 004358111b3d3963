// `cli experiment backoff [--clients 10,20,50,100] [--trials 100] [--json]`: one line per number
// of clients and strategy, {strategy, clients, trials, meanCalls, meanTimeMs}.
import type { ExperimentSpec } from '../define-lab';
import { runStrategy, STRATEGIES } from './experiment';
import { MAX_CLIENTS } from './config';

function positiveInts(text: string, max: number): number[] {
  const values = text.split(',').map((part) => part.trim());
  if (values.length === 0 || values.some((part) => !/^\d+$/.test(part) || Number(part) < 1 || Number(part) > max)) {
    throw new Error(`expected whole numbers from 1 to ${max}, separated by commas, not "${text}"`);
  }
  return values.map(Number);
}

function single(values: number[], text: string): number {
  if (values.length !== 1) throw new Error(`expected one number, not "${text}"`);
  return values[0];
}

export const backoffExperiment: ExperimentSpec = {
  description: 'the AWS "Exponential Backoff And Jitter" experiment: N clients race to write one row conditionally; mean calls and completion time per backoff strategy',
  options: {
    clients: { description: 'numbers of clients, comma-separated', default: '10,20,50,100', parse: (text) => positiveInts(text, MAX_CLIENTS) },
    trials: { description: 'trials per strategy and number of clients', default: '100', parse: (text) => single(positiveInts(text, 10_000), text) },
  },
  run(options, print) {
    for (const clients of options.clients as number[]) {
      for (const strategy of STRATEGIES) print({ ...runStrategy(strategy, clients, options.trials as number) });
    }
  },
};
