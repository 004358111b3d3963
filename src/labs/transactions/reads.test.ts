// The readers' findings: a completed read that does not add up is an anomaly, a refused one is
// blocked; the incremental judge agrees with a full scan and starts over on another history.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../engine/types';
import { judgeReads, ReadJudge } from './reads';

const ok = (total: number, time = 0): HistoryEvent => ({ process: 101, client: 'r1', type: 'ok', f: 'read', value: { total, balances: { n2: total } }, time });
const refused: HistoryEvent = { process: 102, client: 'r2', type: 'fail', f: 'read', value: { lockedBy: 4, at: 'n3' } };
const transfer: HistoryEvent = { process: 1, client: 'c1', type: 'ok', f: 'transfer', value: { total: 5 } };

describe('read findings', () => {
  it('counts consistent reads, refused reads and anomalies, keeping the last anomaly', () => {
    const findings = judgeReads([ok(300), refused, ok(280, 1200), transfer, ok(300)], 300);
    expect(findings).toEqual({ ok: 3, blocked: 1, anomalies: 1, lastAnomaly: { reader: 'r1', timeMs: 1200, total: 280, balances: { n2: 280 } } });
  });

  it('judged a frame at a time, it agrees with one scan of the whole history (property)', () => {
    const event = fc.oneof(fc.integer({ min: 250, max: 350 }).map((total) => ok(total)), fc.constant(refused), fc.constant(transfer));
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), fc.array(fc.nat(40), { maxLength: 6 }), (history, cuts) => {
        const judge = new ReadJudge();
        for (const cut of [...cuts].sort((a, b) => a - b)) judge.judge(history.slice(0, cut), 300);
        expect(judge.judge(history, 300)).toEqual(judgeReads(history, 300));
      }),
    );
  });

  it('starts over when handed a different history (a seek back restored another world)', () => {
    const judge = new ReadJudge();
    judge.judge([ok(280), ok(290)], 300);
    expect(judge.judge([ok(300)], 300)).toMatchObject({ ok: 1, anomalies: 0 });
    expect(judge.judge([ok(280), ok(290)].map((e) => ({ ...e })), 300)).toMatchObject({ ok: 2, anomalies: 2 });
  });
});
