// The guided tour of the CAP lab: three steps, each with the actions that set it up, what to
// look for, and an honest word on what CAP does and does not say.
import type { Action } from '../../engine/actions';

export interface NarrationButton {
  label: string;
  actions: Action[];
}

export interface NarrationStep {
  title: string;
  /** What to do, in a sentence. */
  body: string;
  /** What to look for in the panels. */
  lookFor: string;
  /** The honest part: what this does and does not show about CAP. */
  note: string;
  buttons: NarrationButton[];
}

/** The steps, with partition buttons for the given groups (none when no minority can be made). */
export function narrationSteps(groups: string[][] | null): NarrationStep[] {
  const partition: Action[] = groups ? [{ do: 'partition', groups }] : [];
  const sides = groups ? `{${groups[0].join(', ')}} from {${groups[1].join(', ')}}` : 'a minority from the rest';
  return [
    {
      title: 'In AP mode, partition the network and watch a stale read',
      body: `Switch to AP and cut ${sides}. Then play: each side keeps answering its own clients.`,
      lookFor:
        'Operations keep succeeding (ok bars) and availability stays near 100%, until a client on one side reads a value the other side has already overwritten: the verdict turns to "Not linearizable" and the operations that prove it are outlined in the history.',
      note: 'AP did not break anything that AP promises: it chose to answer during the partition, and a stale read is the price. Without a partition the same system may well look linearizable.',
      buttons: [{ label: 'Set AP and partition', actions: [{ do: 'setMode', mode: 'ap' }, ...partition] }],
    },
    {
      title: 'Flip to CP and watch the minority side fail instead',
      body: 'Heal, switch to CP (the checker starts a fresh window at the switch), and cut the same minority off again.',
      lookFor:
        'Clients on the minority side now fail or time out (cross-hatched and striped bars; availability drops), while the majority side carries on; the verdict stays "Linearizable".',
      note: 'CP is not "unavailable": it refuses only where it cannot reach a majority, and only during the partition; with the network whole every client is served. "Linearizable" is a property of the history the checker just checked, not a promise about the future.',
      buttons: [{ label: 'Heal, set CP and partition', actions: [{ do: 'heal' }, { do: 'setMode', mode: 'cp' }, ...partition] }],
    },
    {
      title: 'Heal and watch AP converge',
      body: 'Switch back to AP while still partitioned so both sides accept writes, let it run a little, then heal.',
      lookFor:
        'While cut off, the two sides drift apart. After healing and a quiet moment, convergence reports that all replicas hold the same values again; the stale reads from the partition stay in the history.',
      note: 'Convergence (eventual consistency) is what AP offers instead of linearizability: replicas agree once they can talk, but reads during the partition were not linearizable and healing does not undo them.',
      buttons: [
        { label: 'Set AP (still partitioned)', actions: [{ do: 'setMode', mode: 'ap' }] },
        { label: 'Heal', actions: [{ do: 'heal' }] },
      ],
    },
  ];
}
