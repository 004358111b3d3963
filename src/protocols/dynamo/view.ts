// What the stage and inspector show of a Dynamo server: each key's value (siblings joined by |)
// and the hints it keeps for others.
import type { NodeView } from '../../engine/types';
import type { DynamoState, Version } from './types';

function describeVersions(versions: readonly Version[]): string {
  return versions.map((v) => JSON.stringify(v.value)).join('|');
}

function describeStore(state: DynamoState, maxChars: number): string {
  const keys = Object.keys(state.store).sort();
  const text = keys.map((key) => `${key}=${describeVersions(state.store[key])}`).join(' ');
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - 1)}…`;
}

export function dynamoView(state: DynamoState): NodeView {
  const store = describeStore(state, 24);
  const hints = state.hints.map((hint) => `${hint.key}=${describeVersions(hint.versions)} for ${hint.for}`).join(', ');
  return {
    role: 'replica',
    summary: store || '(empty)',
    badge: describeStore(state, 14) || undefined,
    details: {
      store: store || '(empty)',
      hints: hints || '(none)',
      coordinating: Object.keys(state.coordinating).length,
      writes: state.seq,
      quorum: `N=${state.config.n} W=${state.config.w} R=${state.config.r}`,
      versioning: state.config.versioning,
    },
  };
}
