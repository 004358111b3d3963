// The consistency map's public API: every model of Jepsen's map over a register history with
// unique written values, combined along the map so that it is sound by construction.

export {
  checkConsistencyMap,
  checkHistoryConsistency,
  checkConsistencyModel,
  type ConsistencyMapResult,
  type ConsistencyMapOptions,
  type ConsistencyCheck,
  type ModelVerdict,
  type NamedOperation,
} from './map';
export { CONSISTENCY_MODELS, MODEL_LABELS, modelInSentence, WEAKER, weakerThan, strongerThan, enforceHierarchy, type ConsistencyModel } from './hierarchy';
export type { WeakModel } from './models';
export type { InitialState } from './normalize';
