// Per-lab extras on a `cli run` line. Labs whose runs produce a client history add checker
// verdicts here; the Raft lab adds nothing.
import type { RunDecorator } from './run';

export function decoratorFor(_target: string): RunDecorator | undefined {
  return undefined;
}
