// Leader-follower (primary-backup) replication: async, semi-sync and sync modes, failover by an
// operator or an election on leases, epochs that fence an old primary, and the checks that show
// what each choice loses.
export { primaryBackup } from './protocol';
export { primaryBackupInvariants, noSplitBrain, onePrimaryPerEpoch, type AckGhost } from './invariants';
export { findLostWrites, authoritativeServer, currentPrimary, type LostWrite, type LostWritesResult } from './lost-writes';
export { primaryBackupParams, primaryBackupParamSchemas, PRIMARY_BACKUP_DEFAULTS, MODES, READ_TARGETS, FAILOVERS, type PrimaryBackupParams } from './params';
export { describeReplicationMessage, REPLICATION_MESSAGE_KINDS } from './describe';
export { ELECTION_TIMER } from './timers';
export { lastIndex, lastEpoch } from './log';
export type * from './types';
