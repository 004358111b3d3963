// "Acknowledged, then lost" over a hand-made history and servers: only acknowledged writes count,
// and they are looked for in the newest primary's log (or, with none, the most up-to-date node's).
import { describe, expect, it } from 'vitest';
import type { HistoryEvent, NodeSnapshot } from '../../engine/types';
import { authoritativeServer, findLostWrites } from './lost-writes';
import type { LogEntry, PrimaryBackupState } from './types';

const entry = (epoch: number, value: number): LogEntry => ({ epoch, key: 'x', value, atMs: 0, client: 'c1', requestId: value });

function server(id: string, role: PrimaryBackupState['role'], epoch: number, log: LogEntry[], up = true): NodeSnapshot<PrimaryBackupState> {
  return { id, up, state: up ? ({ role, epoch, log } as PrimaryBackupState) : null };
}

const ok = (value: unknown, f = 'write'): HistoryEvent => ({ process: 0, type: 'ok', f, key: 'x', value, client: 'c1', node: 'n1', time: 10 });

describe('findLostWrites', () => {
  const history: HistoryEvent[] = [ok(1), ok(2), { ...ok(3), type: 'info' }, ok(4, 'read'), ok([2, 5], 'cas'), ok(false, 'cas')];

  it('counts acknowledged writes and cas missing from the newest primary', () => {
    const servers = [server('n1', 'primary', 1, [entry(1, 1), entry(1, 2), entry(1, 5)]), server('n2', 'primary', 2, [entry(1, 1)]), server('n3', 'follower', 2, [])];
    const found = findLostWrites(history, servers);
    expect(found.authority).toBe('n2');
    expect(found.acknowledged).toBe(3);
    expect(found.lost.map((w) => w.value)).toEqual([2, 5]);
  });

  it('with no primary, looks in the most up-to-date running node', () => {
    const servers = [server('n1', 'primary', 1, [entry(1, 1), entry(1, 2)], false), server('n2', 'follower', 2, [entry(1, 1)]), server('n3', 'follower', 2, [entry(1, 1), entry(1, 2), entry(1, 5)])];
    expect(authoritativeServer(servers)?.id).toBe('n3');
    expect(findLostWrites(history, servers).lost).toEqual([]);
  });

  it('reports nothing when no server runs', () => {
    expect(findLostWrites(history, [server('n1', 'primary', 1, [], false)])).toEqual({ authority: null, authorityIsPrimary: false, acknowledged: 0, lost: [] });
  });
});
