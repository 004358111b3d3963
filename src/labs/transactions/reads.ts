// The readers' history, judged: every read that completed either adds up to the money the accounts
// opened with, or saw a transfer half done (an anomaly: a debit without its credit, or a credit
// without its debit). Refused reads (a 2PC lock) are counted as blocked. Incremental, so a live
// panel does not rescan a long history every frame.
import type { HistoryEvent } from '../../engine/types';

export interface Anomaly {
  reader: string;
  timeMs: number;
  total: number;
  balances: Record<string, number>;
}

export interface ReadFindings {
  ok: number;
  blocked: number;
  anomalies: number;
  lastAnomaly: Anomaly | null;
}

export function emptyFindings(): ReadFindings {
  return { ok: 0, blocked: 0, anomalies: 0, lastAnomaly: null };
}

/** Adds the events of `history` from `from` on to `findings` (in place). */
export function scanReads(findings: ReadFindings, history: readonly HistoryEvent[], from: number, expected: number): void {
  for (let i = from; i < history.length; i++) {
    const event = history[i];
    if (event.f !== 'read') continue;
    const value = event.value as { total?: number; balances?: Record<string, number>; lockedBy?: number } | undefined;
    if (event.type === 'fail' && typeof value?.lockedBy === 'number') findings.blocked++;
    if (event.type !== 'ok' || typeof value?.total !== 'number') continue;
    findings.ok++;
    if (value.total !== expected) {
      findings.anomalies++;
      findings.lastAnomaly = { reader: event.client ?? `p${event.process}`, timeMs: event.time ?? 0, total: value.total, balances: { ...(value.balances ?? {}) } };
    }
  }
}

export function judgeReads(history: readonly HistoryEvent[], expected: number): ReadFindings {
  const findings = emptyFindings();
  scanReads(findings, history, 0, expected);
  return findings;
}

/** Remembers how far it has read a history; starts over when the history is not the one it read
 * (a seek back restored an older world, or a new timeline replaced the old one). */
export class ReadJudge {
  private findings = emptyFindings();
  private scanned = 0;
  private lastSeen: HistoryEvent | null = null;

  judge(history: readonly HistoryEvent[], expected: number): ReadFindings {
    if (history.length < this.scanned || (this.scanned > 0 && history[this.scanned - 1] !== this.lastSeen)) {
      this.findings = emptyFindings();
      this.scanned = 0;
    }
    scanReads(this.findings, history, this.scanned, expected);
    this.scanned = history.length;
    this.lastSeen = history.length > 0 ? history[history.length - 1] : null;
    return { ...this.findings };
  }
}
