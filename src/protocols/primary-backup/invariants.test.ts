// The split-brain invariant: an older primary acknowledging after a newer one did is reported,
// and counted on; acknowledgements in epoch order are not.
import { describe, expect, it } from 'vitest';
import type { NodeSnapshot } from '../../engine/types';
import { noSplitBrain, onePrimaryPerEpoch } from './invariants';
import type { PrimaryBackupState } from './types';

const node = (id: string, epoch: number, acks: number, role: PrimaryBackupState['role'] = 'primary'): NodeSnapshot<PrimaryBackupState> => ({
  id, up: true, state: { epoch, acks, role } as PrimaryBackupState,
});

describe('no-split-brain', () => {
  it('allows acknowledgements in epoch order', () => {
    const ghost = noSplitBrain.initGhost();
    expect(noSplitBrain.check([node('n1', 1, 3), node('n2', 2, 0, 'follower')], ghost, null)).toBeNull();
    expect(noSplitBrain.check([node('n1', 1, 3, 'follower'), node('n2', 2, 1)], ghost, 'n2')).toBeNull();
  });

  it('reports an older primary acknowledging after a newer one, and counts each such write', () => {
    const ghost = noSplitBrain.initGhost();
    noSplitBrain.check([node('n1', 1, 3), node('n2', 2, 1)], ghost, null);
    const message = noSplitBrain.check([node('n1', 1, 5), node('n2', 2, 1)], ghost, 'n1');
    expect(message).toContain('n1, primary of epoch 1, acknowledged a write after n2, primary of epoch 2');
    expect(ghost.splitAcks).toBe(2);
  });
});

describe('one-primary-per-epoch', () => {
  it('reports two primaries of one epoch', () => {
    expect(onePrimaryPerEpoch.check([node('n1', 2, 0), node('n2', 2, 0)], null, null)).toContain('both primary of epoch 2');
    expect(onePrimaryPerEpoch.check([node('n1', 1, 0), node('n2', 2, 0)], null, null)).toBeNull();
  });
});
