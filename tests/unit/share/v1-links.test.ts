// Share links recorded by the engine before the lab platform (commit c36d93d): each must decode
// and replay to the trace hash and history it had then. v1 links replay forever (DESIGN §3); a
// failure here is a change of behaviour in the engine, a protocol or a lab, never a test to update.
import { describe, expect, it } from 'vitest';
import { runHeadless } from '../../../src/scenarios/headless';
import { decodeShareState } from '../../../src/share';

const RECORDED: { name: string; link: string; traceHash: string; history: number }[] = [
  { name: "raft, two clicks on one node while the first is pending", link: 'v=1&lab=raft&s=pZDNCsIwEITfZc57SErxkFcRD6FZUSyN5kctYd_dxSIq6snbzjB8fGxDhrM9ocKtjDEED7du8OWeCSHCIfGpci4gTDGwFiP7wElzPMI1bLW6pH1hbQ48a7rqdfZj1bEVoQVofwOn7g2WlP_C-kIYks-7D6HHrv9DfX6qdyIbwrC8Rm5bPSAo', traceHash: 'd9b6e3139f891d81', history: 5 },
  { name: "raft, a leaderless burst of clicks on n1", link: 'v=1&lab=raft&s=pZFdDoMgEITvMs88iEpquIrhgVTamhqwCP2J4e5dY8QD8LKZ2Wy-TGZXLJCCIdKsqopBQ_YrdIDkmx0cJLx5RbMEMFg3GFpYTtrNkCtuZD9-DIY2T_Mj9yX11lOkQ54S22F1MavOLF7MajKruxywWfswhtFZOrt7F2cqpu93pK2hGOlm0-02BJQ68xQHanMgUcwSZ1Fdpj2MnpAUw3V_dPoDCBQ6vA', traceHash: '239d38a0d6999505', history: 7 },
  { name: "cap, mode flips recorded as {do: \"setMode\"}, clicks, pause, timeout, skew, a lossy network", link: 'v=1&lab=cap&s=dVJbboMwELzLfruVIY0c-Q45AeLDgqVFEEyNXVoh7t5dEh4K5MfekXZndsYeoAN9EhBAX6SUAgzoZADjQZ8Z5hY0dOivNkcQcONLg2lhFM9drXG-9KVtqO_T2dASc5JAExFuYkgF1SeuP_g4Q5rOHPGkPJE4_A7Yee64S03jtgU9QEGwd6XnRSr8I_RL1Y-pAzUqNW7oXrKx9srm0OQbsoWBongwfKGpD7zuEsmOEwkd9zzEa1JDRzgPznBQV0pISTkPRmsMvryhDdvF4wP-nb1FYbWYme4orkQpoS7p4pi0Z2sV9htdfjFbFGyYtn0j8f1Ig763rmJnjpXle8Qm27rMDL0W4zEVkN3_2PgPkuErMA', traceHash: '9c12c3976e5fd28e', history: 171 },
  { name: "cap AP with random faults", link: 'v=1&lab=cap&s=jVPLboMwEPyXPVuRwUAS33vsrVIPEQeXOA0qsZGxVUUR_941YEIDRLmAHzOzO2P7Bg3wmEAN_AaykoUttfooL1I7-45bhyilhFGaEzhLYeyXFN06rsJFHyVwEDUQEMqWb8oaXV_9NrJaAg74jlJEChS6gbDAkz1OjxpphbPIOxl9wYmKcWz9skpwpJX8FFfgJ1E1siU9NR2Itu8OYapvQDEYMRS9dKgamy29GcR9G-1qb-bg5XOCv8jTfVEk4yeFPA8aLM0GDSXtrzY_CDiiMeB0Q_c4dnVVFsJiabqJ4kDLWLJKi3xXE9rI6TaetRu6-98zmhjb3bIQzJpGx2O9xkB_sJzsgkZhRHNejJZlu7GOa-QEk3qnzghfujt8yvb3Awmp4PWpRrHM57gS8UNWG5qNYttFsXCjZlrLoQe4kY3FxCZGopnkHBO_gLmHto5JXsCk0OK7K_pX1P4BazSvew', traceHash: '9885d141607e4d12', history: 151 },
  { name: "cap CP with random faults", link: 'v=1&lab=cap&s=hVTLjoQgEPyXPpsNCD6WH9mD8UCU3THriEHMZjPx3wdUZHyQuRDpVBfVVeADBmBJBCOwHCEUAQdWPIBrYFlmtrUEBj1XutGN7CCCHyXH3vQUBXTY7LvYLtQuCZSRqRIoyylaOOI0XTl0cxdy1BYna2EKBudQlMQrqlJ8uL1gqMdQo3LBzCzfSt4tIjHf2pZnNbITX_wfmFajcJ2YuM6zBs9PCA5oiDcMxm6asCOzBbMn5NUY7whyajqh_6T6NYBayR4Y-pjpx75tKq7N0aawTZ-7LG6Ct5ugrXrB9Xnkoq4rJW-m2Cm386xB-yloTlcOJQZtaC49xdSKOGdmqZfMrFFXmdE0f9NpNV51xrHrPHuCjv6ibGvDgSvYCl4L5a_h9ih2QQRz2B94hJ_NwyfKM8ZfyDDGP64wxgcVxiQwlRFUy99hegJfZwNc', traceHash: 'ba73c5250501eb16', history: 86 },
  { name: "raft with the vote-twice bug", link: 'v=1&lab=raft&s=JYwxDsIwEAT_srWRHAGN_0BHhygu9olYCjnknKGw_HcuSbk7O9uwIlwcPggNPHPULMs9v1mq3gw9hqt3Z--fDhNT0ZFp763FWF8I-IrySX85MrpD3ZA3SOY2kCIMe05i21honeCwSGKLM1Pigm7n8fD6HwtOxMo', traceHash: '2daa5b9539790ad1', history: 0 },
  { name: "raft with a workload", link: 'v=1&lab=raft&s=JYxBDsIwDAT_smcfklIJ5D_wAtRDFHywaIMUXCiq-vc67W13tTMrPuAroYAvhBd4RR5VivncEbSY1G8a714ffaDYhYFgOsl7tjbeQiBMujSwSnqCI-FX1eTgc_JP3Nws_6bAgsHbDO5DI_MZth3QTQTJ', traceHash: '0071bbc65637c6ad', history: 74 },
];

describe('v1 share links recorded before the lab platform', () => {
  for (const recorded of RECORDED) {
    it(`${recorded.name}: replays to ${recorded.traceHash}`, () => {
      const decoded = decodeShareState(recorded.link);
      expect(decoded.kind).toBe('ok');
      if (decoded.kind !== 'ok') return;
      const { scenario, cursorMs } = decoded.state;
      const result = runHeadless({ ...scenario, until: cursorMs });
      expect(result.traceHash).toBe(recorded.traceHash);
      expect(result.simulation.world.history).toHaveLength(recorded.history);
    });
  }

  it('a recorded {do: "setMode"} decodes to the CAP lab action', () => {
    const decoded = decodeShareState(RECORDED[2].link);
    expect(decoded.kind).toBe('ok');
    if (decoded.kind !== 'ok') return;
    const switches = decoded.state.scenario.actions.filter((action) => action.do === 'lab');
    expect(switches).toEqual([{ at: 500, do: 'lab', name: 'setMode', mode: 'ap' }, { at: 4500, do: 'lab', name: 'setMode', mode: 'cp' }]);
    expect(decoded.state.scenario.actions.some((action) => (action.do as string) === 'setMode')).toBe(false);
  });

  it('two clicks on one node while the first is still pending: the first is forgotten, as v1 runs did', () => {
    const decoded = decodeShareState(RECORDED[0].link);
    if (decoded.kind !== 'ok') throw new Error('undecodable');
    const history = runHeadless({ ...decoded.state.scenario, until: 6000 }).simulation.world.history;
    // u2's read (process 1001) was still waiting when the second click on n2 came: it never completes.
    expect(history.filter((event) => event.process === 1001).map((event) => event.type)).toEqual(['invoke']);
    expect(history.filter((event) => event.process === 1002).map((event) => event.type)).toEqual(['invoke', 'ok']);
  });
});
