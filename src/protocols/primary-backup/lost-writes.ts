// "Acknowledged, then lost": a write a client was told succeeded that is not in the log of the
// node that now holds the data — the primary of the newest epoch, or, with no primary, the node a
// failover would promote (the most up-to-date one running). In async mode a primary acknowledges
// before any follower has the write, so a failover can lose it; this check counts such writes.
import type { HistoryEvent, NodeId, NodeSnapshot } from '../../engine/types';
import { lastEpoch, lastIndex } from './log';
import type { PrimaryBackupState } from './types';

export interface LostWrite {
  /** Index in the history of the acknowledgement. */
  index: number;
  client: string | null;
  key: string;
  value: unknown;
  /** The node that acknowledged it, and when. */
  node: NodeId | null;
  timeMs: number;
  /** The replication mode the primary acknowledged it in. */
  mode: string | null;
}

export interface LostWritesResult {
  /** Whose log the writes were looked for in; null when no server is running. */
  authority: NodeId | null;
  authorityIsPrimary: boolean;
  acknowledged: number;
  lost: LostWrite[];
}

/** The primary of the newest epoch among running servers, else the most up-to-date running server. */
export function authoritativeServer(servers: readonly NodeSnapshot<PrimaryBackupState>[]): { id: NodeId; primary: boolean; state: PrimaryBackupState } | null {
  const up = servers.filter((s): s is NodeSnapshot<PrimaryBackupState> & { state: PrimaryBackupState } => s.up && s.state !== null);
  const primaries = up.filter((s) => s.state.role === 'primary').sort((a, b) => b.state.epoch - a.state.epoch);
  if (primaries.length > 0) return { id: primaries[0].id, primary: true, state: primaries[0].state };
  const best = up.slice().sort((a, b) => lastEpoch(b.state.log) - lastEpoch(a.state.log) || lastIndex(b.state.log) - lastIndex(a.state.log))[0];
  return best ? { id: best.id, primary: false, state: best.state } : null;
}

/** The value an acknowledged write put in the register: a write's value, a successful cas's new one. */
function writtenValue(event: HistoryEvent): { value: unknown } | null {
  if (event.type !== 'ok') return null;
  if (event.f === 'write') return { value: event.value };
  if (event.f === 'cas' && Array.isArray(event.value)) return { value: event.value[1] };
  return null;
}

const valueKey = (key: string, value: unknown) => `${key}\u0000${JSON.stringify(value)}`;

export function findLostWrites(history: readonly HistoryEvent[], servers: readonly NodeSnapshot<PrimaryBackupState>[]): LostWritesResult {
  const authority = authoritativeServer(servers);
  if (!authority) return { authority: null, authorityIsPrimary: false, acknowledged: 0, lost: [] };
  const held = new Set(authority.state.log.map((entry) => valueKey(entry.key, entry.value)));
  const lost: LostWrite[] = [];
  let acknowledged = 0;
  history.forEach((event, index) => {
    const written = writtenValue(event);
    if (!written) return;
    acknowledged++;
    const key = event.key ?? 'x';
    if (held.has(valueKey(key, written.value))) return;
    lost.push({ index, client: event.client ?? null, key, value: written.value, node: event.node ?? null, timeMs: event.time ?? 0, mode: event.mode ?? null });
  });
  return { authority: authority.id, authorityIsPrimary: authority.primary, acknowledged, lost };
}

/** The server the protocol considers primary: the running primary of the newest epoch. */
export function currentPrimary(servers: readonly NodeSnapshot<PrimaryBackupState>[]): NodeId | null {
  const found = authoritativeServer(servers);
  return found?.primary ? found.id : null;
}
