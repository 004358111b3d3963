// Dynamo-style leaderless replication: the server protocol, its settings, invariants and labels.
export { dynamoServer, HANDOFF_TIMER, ANTI_ENTROPY_TIMER } from './server';
export { DEFAULT_QUORUM, TIMING, clampConfig, quorumsOverlap, readQuorumConfig } from './config';
export { dynamoInvariants } from './invariants';
export { describeDynamoMessage, DYNAMO_MESSAGE_KINDS } from './describe';
export { preferenceList, fallbacks } from './ring';
export { compareStamps, mergeVersions, valueOf } from './versions';
export type { CoordinatedWrite, DynamoState, QuorumConfig, Stamp, Version, Versioning } from './types';
