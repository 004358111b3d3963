// The trust lab's guided tour: an honest router; a tampering one, caught by MACs; the same
// without MACs, corrupting n2; a replay that a MAC alone lets through, rolling n2 back; sessions
// that reject it; a forger that cannot make a tag; and a drop that nothing stops. Each step
// completes on the lab's view of engine state (labView) or on the frame's violations.
import type { Frame } from '../../engine/frame';
import type { Tour, TourAction, TourStep } from '../../ui/tour/types';
import type { TrustCounts, TrustView } from './checks';
import type { Attack } from './params';

/** The lab's part of the frame, or null before it has one. */
export function trustView(frame: Frame): TrustView | null {
  const view = frame.labView as Partial<TrustView> | null;
  return typeof view === 'object' && view !== null && typeof view.counts === 'object' && typeof view.settings === 'object' ? (view as TrustView) : null;
}

const attack = (value: Attack): TourAction => ({ do: 'lab', name: 'setAttack', attack: value });
const protect = (change: { mac?: boolean; sessions?: boolean }): TourAction => ({ do: 'lab', name: 'protect', ...change });

function count(frame: Frame, key: keyof TrustCounts): number {
  return trustView(frame)?.counts[key] ?? 0;
}

function grew(frame: Frame, start: Frame, key: keyof TrustCounts, by = 1): boolean {
  return count(frame, key) >= count(start, key) + by;
}

function violation(frame: Frame, invariant: string): string | null {
  return frame.violations.find((v) => v.invariant === invariant)?.message ?? null;
}

function attackIs(frame: Frame, value: Attack): boolean {
  return trustView(frame)?.settings.attack === value;
}

function behind(frame: Frame, id: string): number {
  return trustView(frame)?.replicas.find((r) => r.id === id)?.behind ?? 0;
}

const honest: TourStep = {
  id: 'honest-router',
  title: 'A register, replicated over a router you do not own',
  narration:
    'Clients write x to the primary n1, which sends its state to n2 and n3 and answers once a majority holds it. The n1–n2 link runs through a router, m1 — as real links run through switches, ISPs and cloud fabric nobody in the cluster controls. For now it forwards every packet as it came. Each packet carries a MAC, and n1 opened a session with each follower by answering its challenge.',
  task: 'Play, and watch writes reach the replicas.',
  lookFor: 'hello, challenge, proof, welcome at the start; then Replicates and acks. n2’s traffic takes two hops, through m1.',
  doIt: { label: 'let the router forward faithfully', actions: () => [attack('none'), protect({ mac: true, sessions: true })] },
  done: (frame, start) => count(frame, 'sessionsOpened') > 0 && grew(frame, start, 'writesOk', 3) && attackIs(frame, 'none'),
  doneText: (frame, start) => `${count(frame, 'writesOk') - count(start, 'writesOk')} writes acknowledged; ${count(frame, 'sessionsOpened')} session(s) opened by challenge and response`,
};

const tamperCaught: TourStep = {
  id: 'tamper-caught',
  title: 'The router tampers: the MAC gives it away',
  narration:
    'Now m1 changes the value in every Replicate from n1 to n2. The tag on the packet was computed by n1 over every field with the key only n1 and n2 hold; m1 can copy the tag but not compute a new one. n2 recomputes it, finds a mismatch, and drops the packet.',
  task: 'Make the router tamper, and play.',
  lookFor: 'Replicates marked (tampered) reach n2 and are rejected; n2 falls behind, but holds nothing false. A MAC turns tampering into loss.',
  doIt: { label: 'make the router tamper', actions: () => [protect({ mac: true }), attack('tamper')] },
  done: (frame, start) => attackIs(frame, 'tamper') && trustView(frame)?.settings.auth === 'mac' && grew(frame, start, 'rejectedBadTag', 2),
  doneText: (frame, start) => `n2 rejected ${count(frame, 'rejectedBadTag') - count(start, 'rejectedBadTag')} tampered packet(s) with a bad tag; it is ${behind(frame, 'n2')} version(s) behind and holds no forged value`,
};

const tamperThrough: TourStep = {
  id: 'tamper-unauthenticated',
  title: 'Without a MAC, n2 believes the source field',
  narration:
    'Turn MACs off. A packet says it is from n1 because its source field says so — and m1 writes that field as easily as the value. n2 takes the altered state as n1’s. The replicas-match-primary invariant compares every follower’s version and value with what n1 wrote at that version.',
  task: 'Turn MACs off, keep the router tampering, and play.',
  lookFor: 'n2’s x becomes 666…, a value no client wrote; the invariant fires and the run stops on it.',
  doIt: { label: 'turn MACs off', actions: () => [attack('tamper'), protect({ mac: false })] },
  done: (frame) => violation(frame, 'replicas-match-primary') !== null,
  doneText: (frame) => `replicas-match-primary: ${violation(frame, 'replicas-match-primary')}`,
};

const replayThrough: TourStep = {
  id: 'replay-with-mac-only',
  title: 'A MAC alone does not stop a replay',
  narration:
    'MACs back on, but no sessions: n2 takes any packet with a good tag. m1 now keeps copies of old Replicates and sends one again now and then. The copy is exactly what n1 sent, tag and all, so it checks out — and n2 goes back to an old value. The no-rollback invariant catches a replica going back a version.',
  task: 'Turn MACs on and sessions off, make the router replay, and play.',
  lookFor: 'Replicates marked (replayed); n2’s version drops.',
  doIt: { label: 'MACs on, sessions off, replay', actions: () => [protect({ mac: true, sessions: false }), attack('replay')] },
  done: (frame) => violation(frame, 'no-rollback') !== null,
  doneText: (frame) => `no-rollback: ${violation(frame, 'no-rollback')}`,
  note: 'It need not take an attacker. Without session sequence numbers a replica also takes an older Replicate that an honest network delivered after a newer one (two packets on one link can arrive out of order), so n3, whose link m1 never touches, can go back a version too. Either way the fix is the same: a receiver that knows which packets are new.',
};

const replayCaught: TourStep = {
  id: 'replay-caught',
  title: 'Sessions and sequence numbers reject the old copy',
  narration:
    'Turn sessions on. n2 sends n1 a fresh random challenge; n1 proves it holds the key by returning it under a MAC, and that nonce names the session. Every Replicate then carries the session and a sequence number under the MAC, and n2 takes only a newer number in the current session. An old copy is from an old session, or carries an old number.',
  task: 'Turn sessions on, keep the router replaying, and play.',
  lookFor: 'A new handshake; replayed copies rejected as "not new"; n2 stays current.',
  doIt: { label: 'turn sessions on', actions: () => [protect({ mac: true, sessions: true }), attack('replay')] },
  done: (frame, start) =>
    trustView(frame)?.settings.replayProtection === 'nonce' && attackIs(frame, 'replay') && grew(frame, start, 'replayed', 2) && grew(frame, start, 'rejectedReplays') && !grew(frame, start, 'rollbacks'),
  doneText: (frame, start) => `m1 replayed ${count(frame, 'replayed') - count(start, 'replayed')} old packet(s); n2 refused ${count(frame, 'rejectedReplays') - count(start, 'rejectedReplays')} packet(s) as not new and never went back a version`,
};

const forge: TourStep = {
  id: 'forge',
  title: 'A forger without the key can only guess a tag',
  narration:
    'm1 now injects Replicates of its own, posing as n1, in the session it saw and with the next sequence number. Without the key its tag is a guess, and n2 rejects it. (Here the tag is a 32-bit stand-in, and m1 never holds the key; a real MAC has 256 bits, so a guess never lands.)',
  task: 'Make the router forge, and play.',
  lookFor: 'Replicates marked (forged), rejected with a bad tag.',
  doIt: { label: 'make the router forge', actions: () => [protect({ mac: true, sessions: true }), attack('forge')] },
  done: (frame, start) => attackIs(frame, 'forge') && grew(frame, start, 'forged', 2) && grew(frame, start, 'rejectedBadTag', 2) && !grew(frame, start, 'acceptedForged'),
  doneText: (frame, start) => `m1 forged ${count(frame, 'forged') - count(start, 'forged')} packet(s) as n1; n2 rejected every one with a bad tag`,
};

const drop: TourStep = {
  id: 'drop',
  title: 'Nothing stops a drop',
  narration:
    'Last, m1 silently drops n1’s Replicates to n2. Authentication protects integrity, not delivery: n2 never hears of the writes, so it falls behind. The cluster keeps going because n1 and n3 are a majority; what you can do about a hostile link is detect it (timeouts, lag) and route around it.',
  task: 'Make the router drop, and play. Then the sandbox is yours: the charts show what MACs (32 bytes a packet) and handshakes cost.',
  lookFor: 'n2’s version stalls while n1 and n3 move on; writes are still acknowledged.',
  doIt: { label: 'make the router drop', actions: () => [attack('drop')] },
  done: (frame, start) => attackIs(frame, 'drop') && grew(frame, start, 'dropped', 3) && behind(frame, 'n2') >= 2,
  doneText: (frame, start) => `m1 dropped ${count(frame, 'dropped') - count(start, 'dropped')} Replicate(s); n2 is ${behind(frame, 'n2')} versions behind, while ${count(frame, 'writesOk') - count(start, 'writesOk')} writes were acknowledged by the n1–n3 majority`,
};

export const trustTour: Tour = {
  id: 'trust',
  title: 'The network is not secure: tampering, replays, forgery and drops',
  steps: [honest, tamperCaught, tamperThrough, replayThrough, replayCaught, forge, drop],
};
