// The transactions lab's guided tour: a transfer committed in two phases; a slow commit record
// that keeps participants locked; a coordinator crash that leaves them blocked, in doubt; its
// log deciding on restart; then sagas, which never block but show readers half-done transfers,
// compensate in reverse, and break money when a compensation is not idempotent. Each step
// completes on the lab's frame data (labView) or the frame's violations.
import type { Frame } from '../../engine/frame';
import type { Tour, TourAction, TourStep } from '../../ui/tour/types';
import type { TxView } from './checks';

/** The lab's part of the frame, or null before it has one. */
export function txView(frame: Frame): TxView | null {
  const view = frame.labView as Partial<TxView> | null;
  return typeof view === 'object' && view !== null && typeof view.counts === 'object' && typeof view.coordinator === 'object' ? (view as TxView) : null;
}

const configure = (change: Record<string, unknown>): TourAction => ({ do: 'lab', name: 'configure', ...change });
const SLOW_LOG_MS = 3000;

function coordinatorId(frame: Frame): string {
  return txView(frame)?.coordinator.id ?? 'n1';
}

function count(frame: Frame, key: keyof TxView['counts']): number {
  return txView(frame)?.counts[key] ?? 0;
}

function list(ids: readonly string[]): string {
  return ids.length <= 1 ? ids.join('') : `${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`;
}

const twoPhases: TourStep = {
  id: 'two-phases',
  title: 'Two phases: prepare, then commit',
  narration:
    'A client asks the coordinator n1 to move money between the accounts that n2, n3 and n4 keep. Phase one: n1 asks each participant to prepare; a participant that can do its part writes "prepared" to its log, locks its account and votes yes. Phase two: only if every vote is yes does n1 write "commit" to its log and tell them; any no, and everyone aborts.',
  task: 'Start a transfer and play.',
  lookFor: 'prep? goes out, yes votes come back, then commit; the balances change together. A participant that would overdraw, or whose business rule says no, votes no and the transfer aborts.',
  doIt: { label: 'start a transfer', actions: () => [{ do: 'lab', name: 'transfer', amount: 12 }] },
  done: (frame, start) => count(frame, 'committed') > count(start, 'committed'),
  doneText: (frame, start) => `${count(frame, 'committed') - count(start, 'committed')} transfer(s) committed at every participant: every vote was yes, and n1 logged its decision before telling them`,
};

const slowLog: TourStep = {
  id: 'slow-log',
  title: 'A yes vote is a promise: the lock stays until the decision',
  narration:
    'Once it has voted yes, a participant may no longer abort on its own: the coordinator might decide commit. So it keeps its lock and waits. Give the coordinator a slow disk, so that writing each commit decision takes three seconds.',
  task: 'Make the commit record take 3 s to write, and play.',
  lookFor: 'The participants show a lock: they voted yes and wait, in doubt, asking n1 "tx?" now and then. Readers are refused while an account is locked.',
  doIt: { label: 'make writing a commit decision take 3 s', actions: () => [configure({ protocol: '2pc', logWriteMs: SLOW_LOG_MS })] },
  done: (frame) => {
    const view = txView(frame);
    return view !== null && view.coordinator.writing && view.blocked.length > 0;
  },
  doneText: (frame) => {
    const view = txView(frame)!;
    return `${list(view.blocked.map((b) => b.id))} voted yes on tx ${view.coordinator.tx} and wait, locked, while ${view.coordinator.id} writes its decision`;
  },
};

function lockHolders(frame: Frame): string[] {
  return txView(frame)?.participants.filter((p) => p.lockedBy !== null).map((p) => p.id) ?? [];
}

const crash: TourStep = {
  id: 'crash-coordinator',
  title: 'Crash the coordinator: the participants are blocked',
  narration:
    'Now crash n1 while the participants hold their locks. They cannot commit (n1 may have decided abort) and they cannot abort (n1 may have decided commit, and another participant may already have applied it). Asking each other does not help when all of them voted yes: only n1’s log knows. This is why 2PC is called blocking.',
  task: 'Crash the coordinator while participants hold locks.',
  lookFor: 'The blocked list grows in time, the participants-blocked chart rises, readers are refused. Nothing times out into a safe answer.',
  note: 'If no participant holds a lock at the moment you crash it, restart n1 and try again while one does.',
  doIt: {
    label: 'crash the coordinator now',
    actions: (frame) => {
      const view = txView(frame);
      if (view && !view.coordinator.up) return [{ do: 'restart', node: coordinatorId(frame) }];
      return [{ do: 'crash', node: coordinatorId(frame) }];
    },
  },
  done: (frame) => {
    const view = txView(frame);
    return view !== null && !view.coordinator.up && view.blocked.some((b) => b.inDoubtMs >= 1000);
  },
  doneText: (frame) => {
    const view = txView(frame)!;
    const longest = Math.max(...view.blocked.map((b) => b.inDoubtMs));
    return `${view.coordinator.id} is down: ${list(view.blocked.map((b) => b.id))} ${view.blocked.length === 1 ? 'has' : 'have'} been in doubt for ${(longest / 1000).toFixed(1)} s, holding ${view.blocked.length === 1 ? 'its lock' : 'their locks'}`;
  },
};

const recover: TourStep = {
  id: 'recover',
  title: 'Restart it: the log decides',
  narration:
    'A restarted coordinator reads its log. A transaction with a commit record is committed: it tells every participant again. One without (the crash came before the write finished) is aborted — "presumed abort". Either way the participants in doubt finally learn, and release their locks.',
  task: 'Restart the coordinator, with a fast disk again.',
  lookFor: 'The recovery line says what the log held; the locks go; the longest wait is the price of blocking.',
  doIt: { label: 'restart the coordinator and speed its disk up', actions: (frame) => [{ do: 'restart', node: coordinatorId(frame) }, configure({ logWriteMs: 0 })] },
  done: (frame) => {
    const view = txView(frame);
    return view !== null && view.coordinator.up && view.coordinator.recovered !== null && view.blocked.length === 0 && view.settings.logWriteMs === 0;
  },
  doneText: (frame) => {
    const view = txView(frame)!;
    const found = view.coordinator.recovered!;
    const what = found.found === 'nothing' ? 'no transaction in progress' : `tx ${found.tx} ${found.found === 'preparing' ? 'with no decision' : found.found}`;
    return `${view.coordinator.id}'s log held ${what}, so ${found.action}. The longest wait in doubt: ${(view.counts.longestBlockMs / 1000).toFixed(1)} s`;
  },
};

const saga: TourStep = {
  id: 'saga',
  title: 'A saga: no locks, no blocking — and no isolation',
  narration:
    'A saga runs the transfer as a chain of local transactions: debit one account, commit; credit the next, commit; and so on. Nothing is held, so a crash blocks no participant. But between two steps the money is in flight, and anyone reading the accounts sees it missing.',
  task: 'Switch to an orchestrated saga and play.',
  lookFor: 'do / done messages one participant at a time. The readers’ anomaly count climbs: reads whose balances do not add up.',
  note: 'Readers are the same in both modes: they read every balance twice and keep a result only if nothing changed in between. Under 2PC that never shows a half-done transfer, because a participant waiting for the decision refuses reads.',
  doIt: { label: 'switch to a saga', actions: () => [configure({ protocol: 'saga' })] },
  done: (frame, start) => txView(frame)?.settings.protocol === 'saga' && count(frame, 'anomalies') > count(start, 'anomalies'),
  doneText: (frame) => {
    const anomaly = txView(frame)?.lastAnomaly;
    if (!anomaly) return 'a reader saw a transfer half done';
    const balances = Object.entries(anomaly.balances).map(([id, balance]) => `${id}=${balance}`).join(', ');
    return `${anomaly.reader} read a total of ${anomaly.total}, not ${txView(frame)!.money.opening} (${balances}): a transfer half done`;
  },
};

const compensate: TourStep = {
  id: 'compensate',
  title: 'When a step fails, compensate in reverse',
  narration:
    'A saga cannot roll back: its steps are committed. When a later step is refused, the orchestrator runs compensations — new local transactions that undo the earlier steps, last first. Atomicity is restored in the end, not at any moment in between, and only because every compensation eventually runs.',
  task: 'Make participants refuse 40% of their parts, and play.',
  lookFor: 'undo messages going back up the chain; the compensated line in the transfers chart.',
  doIt: { label: 'make participants refuse 40% of their parts', actions: () => [configure({ protocol: 'saga', failPercent: 40 })] },
  done: (frame, start) => count(frame, 'compensated') > count(start, 'compensated'),
  doneText: (frame, start) => `${count(frame, 'compensated') - count(start, 'compensated')} transfer(s) compensated: the steps done were undone, last first`,
};

const blind: TourStep = {
  id: 'blind-compensation',
  title: 'Break a rule: a compensation that is not idempotent',
  narration:
    'Messages get lost and duplicated, so the orchestrator retries a compensation until it is acknowledged, and a participant may see the same undo twice. A correct compensation checks whether it already ran. Make the compensations blind — refund whenever asked — and duplicate some messages.',
  task: 'Make compensations blind, duplicate 30% of messages, and play.',
  lookFor: 'The money-conserved invariant fires: no transfer is in progress, yet the balances add up to more than the accounts opened with.',
  doIt: { label: 'make compensations blind and duplicate messages', actions: () => [configure({ protocol: 'saga', failPercent: 40, compensation: 'blind' }), { do: 'network', duplicate: 0.3 }] },
  done: (frame) => frame.violations.some((violation) => violation.invariant === 'money-conserved'),
  doneText: (frame) => `money-conserved: ${frame.violations.find((violation) => violation.invariant === 'money-conserved')?.message ?? ''}`,
};

export const transactionsTour: Tour = {
  id: 'transactions',
  title: 'Atomic commit: two-phase commit blocks, sagas show their seams',
  steps: [twoPhases, slowLog, crash, recover, saga, compensate, blind],
};
