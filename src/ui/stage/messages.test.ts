// Message kinds, stage labels and positions as a function of display time (DESIGN §1.7).
import { describe, expect, it } from 'vitest';
import { isLabelled, MESSAGE_KINDS, messageKind, messageProgress, stageLabel, steppedProgress, STOPPED_AT, symbolPath } from './messages';

const msg = (type: string, label = type, from = 'n1', to = 'n2') => ({ type, label, from, to });

describe('messageKind', () => {
  it('classifies Raft messages by type', () => {
    expect(messageKind(msg('RequestVote'))).toBe('vote-request');
    expect(messageKind(msg('RequestVoteReply'))).toBe('vote-reply');
    expect(messageKind(msg('AppendEntries', 'AppendEntries (3)'))).toBe('append');
    expect(messageKind(msg('AppendEntries', 'AppendEntries (heartbeat)'))).toBe('heartbeat');
    expect(messageKind(msg('AppendEntriesReply', 'AppendEntriesReply ✓'))).toBe('append-reply');
  });

  it('accepts close variants of the names', () => {
    expect(messageKind(msg('vote-response'))).toBe('vote-reply');
    expect(messageKind(msg('Heartbeat'))).toBe('heartbeat');
    expect(messageKind(msg('append_entries_response'))).toBe('append-reply');
  });

  it('treats anything to or from a client as client traffic', () => {
    expect(messageKind(msg('Write', 'write', 'c1', 'n1'))).toBe('client');
    expect(messageKind(msg('Gossip'))).toBe('other');
  });
});

describe('stageLabel', () => {
  it('abbreviates Raft labels', () => {
    expect(stageLabel({ label: 'RequestVote' }, 'vote-request')).toBe('vote?');
    expect(stageLabel({ label: 'RequestVoteReply ✓' }, 'vote-reply')).toBe('vote ✓');
    expect(stageLabel({ label: 'RequestVoteReply' }, 'vote-reply')).toBe('vote');
    expect(stageLabel({ label: 'AppendEntries (3)' }, 'append')).toBe('AE 3');
    expect(stageLabel({ label: 'AppendEntries (heartbeat)' }, 'heartbeat')).toBe('HB');
    expect(stageLabel({ label: 'AppendEntriesReply ✗' }, 'append-reply')).toBe('AE ✗');
    expect(stageLabel({ label: 'AVeryLongMessageTypeName' }, 'other')).toHaveLength(14);
  });
});

describe('messageProgress', () => {
  const base = { sentAtMs: 100, deliverAtMs: 200, fate: 'in-flight' as const };

  it('is the fraction of the trip made by display time', () => {
    expect(messageProgress(base, 100)).toBe(0);
    expect(messageProgress(base, 125)).toBe(0.25);
    expect(messageProgress(base, 200)).toBe(1);
  });

  it('is clamped to the link', () => {
    expect(messageProgress(base, 50)).toBe(0);
    expect(messageProgress(base, 500)).toBe(1);
  });

  it('stops lost and cut messages halfway', () => {
    expect(messageProgress({ ...base, fate: 'cut' }, 190)).toBe(STOPPED_AT);
    expect(messageProgress({ ...base, fate: 'dropped' }, 120)).toBeCloseTo(0.2);
  });

  it('survives a zero-length trip', () => {
    expect(messageProgress({ ...base, deliverAtMs: 100 }, 100)).toBe(1);
  });
});

describe('symbols', () => {
  it('gives each kind a path and the main Raft kinds distinct shapes', () => {
    for (const info of MESSAGE_KINDS) expect(symbolPath(info.kind)).toMatch(/^M/);
    const raftKinds = MESSAGE_KINDS.slice(0, 5);
    expect(new Set(raftKinds.map((info) => info.symbol)).size).toBe(5);
  });
});

it('labels messages only away from the crowded ends of a link', () => {
  expect(isLabelled(0)).toBe(false);
  expect(isLabelled(0.5)).toBe(true);
  expect(isLabelled(0.95)).toBe(false);
});

describe('steppedProgress (reduced motion)', () => {
  it('puts a message at its sender until half time, then at its receiver', () => {
    expect(steppedProgress(0, false)).toBe(0);
    expect(steppedProgress(0.49, false)).toBe(0);
    expect(steppedProgress(0.5, false)).toBe(1);
    expect(steppedProgress(0.9, false)).toBe(1);
  });

  it('leaves a lost message at the cut once it gets there', () => {
    expect(steppedProgress(0.3, true)).toBe(0);
    expect(steppedProgress(0.5, true)).toBe(STOPPED_AT);
  });
});
