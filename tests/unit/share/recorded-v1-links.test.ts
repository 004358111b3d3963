// Share links recorded before the lab platform existed (made with the v1 code at commit c36d93d,
// scenarios with faults, keyboard requests, the CAP lab's old {"do":"setMode"} spelling and a
// broken Raft rule). A link once published replays forever: each must still decode and reach the
// very trace hash it reached then. Never edit these strings or hashes.
import { describe, expect, it } from 'vitest';
import { runHeadless } from '../../../src/scenarios/headless';
import { decodeShareState } from '../../../src/share';

const RECORDED = [
  { name: "raft faults", link: "v=1&lab=raft&s=bZDBboMwDIbf5T_nAJRuUt5h5x0QhwjcFY0mLHG2VYh3r1NEitReIjv6_PuTZwTodwUD3cwwDF0XhULvoNF5E85QsK4naUcyPXksauWOmfP0Eynwg7SV1G6CnnGS9s8PTPLzTVfp_qX6NWMUsFy2sEMOm4zngQdnBfvyLk7i1zSwZYqv0CqpD6mu03NE2z4LncmM2bPceQaW9J1nmalqJxBDst2YtKyP3iSnD5GRNdvQWx7i4UIu7qPrFwLdnTh5d1mXK3D6Xs9l6dPIfdhHWlqF7n6UYrkBmgQGjw", cursorMs: 3000, traceHash: "a7c3f3c2a4752f28" },
  { name: "raft vote-twice", link: "v=1&lab=raft&s=HcmxCoAgFAXQf7mzwbNo8R_a2qJB5VFCZdSzBvHfk9ZzMm6YVuGEyeCNvYR4jGHnmGSoNemeVEc0K6xsL3Fsf68KlxYYPFG4kTd4RlHwMJqIygdembea", cursorMs: 1000, traceHash: "572abbd995659ab1" },
  { name: "cap modes", link: "v=1&lab=cap&s=fZFNbsMgFITvMmtagdtUFXfoCSwvkHluLLuGApZbWb57Hkn8s4iyAUYa5s0HMyK0UgIGupxhEvRJSgHroBEpfTlLEPjJm4bxWMTNVWwub0JqU-sG9n0HN3pOLEsMivVQoBJ8fsvn97ycUFVrxueWEeh3pJiy4TbpanYeekbDcgptyj06-mf1h2WNUHJv29F0CChyQNNkBi70wlTrnR3wTKbfiJ5w1zs3D7y76mDieR_Yk7EUNt_HgS0mfqJDNfUgbaA0udCxy4bMLV_5U-zo-7Y2jJ71UgnU155yuQDOKN1_", cursorMs: 5000, traceHash: "0b7ae2ca2a33f795" },
  { name: "cap 7 nodes", link: "v=1&lab=cap&s=HcoxCoAwDEbhu_xzhqCDkKuIQzBxUazaCkrp3Q2O7-NVZEhP2CEDQSFjhZYgZoIlCC4_b88F8STzgM3V_IpOB6Ri-R-1gNXfiAetTYQZ0jFz-wANJMgp", cursorMs: 2000, traceHash: "3897bc4590642378" },
];

describe('v1 share links recorded before the lab platform', () => {
  it.each(RECORDED)('$name replays to its recorded trace hash', ({ link, cursorMs, traceHash }) => {
    const decoded = decodeShareState(link);
    if (decoded.kind !== 'ok') throw new Error(`the link no longer decodes: ${JSON.stringify(decoded)}`);
    expect(decoded.state.cursorMs).toBe(cursorMs);
    expect(runHeadless({ ...decoded.state.scenario, until: cursorMs }).traceHash).toBe(traceHash);
  });

  it('an old CAP mode switch reads as the lab action it is now', () => {
    const decoded = decodeShareState(RECORDED[2].link);
    if (decoded.kind !== 'ok') throw new Error('the CAP link no longer decodes');
    expect(decoded.state.scenario.actions[0]).toEqual({ at: 500, do: 'lab', name: 'setMode', mode: 'ap' });
  });
});
