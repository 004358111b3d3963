// The Paxos lab: proposers, acceptors and learners run single-decree Paxos, or Multi-Paxos with a
// stable leader. The agreement invariant proves one value per slot whatever the faults; without
// randomised backoff two proposers can pre-empt each other for the whole run; a broken rule (an
// acceptor that forgets its promise on restart) lets the invariant catch two values chosen.
import { defineLab, type LabDefaults } from '../define-lab';
import { acceptor } from './acceptor';
import { agreement } from './agreement';
import { afterRestart, configure, CONFIGURE_SCHEMA, duel, DUEL_SCHEMA, propose, PROPOSE_SCHEMA } from './controls';
import { paxosCoverage } from './coverage';
import { learner } from './learner';
import { describePaxosMessage, PAXOS_MESSAGE_KINDS } from './messages';
import { proposer } from './proposer';
import { DEFAULT_PARAMS, PARAM_SCHEMAS, proposerCount } from './settings';
import { paxosVerdict } from './verdict';
import { paxosView } from './view';

const DEFAULTS: LabDefaults = {
  nodes: 5,
  params: { ...DEFAULT_PARAMS },
  network: { latencyMs: [10, 30], drop: 0, duplicate: 0 },
};

export default defineLab({
  id: 'paxos',
  name: 'Paxos',
  title: 'Paxos: one value, chosen by a majority',
  tagline: 'Paxos lab — proposers, acceptors and learners agree on one value whatever the faults',
  summary: 'Proposers run two phases against a majority of acceptors; learners learn the value a majority accepted. Watch a later proposer adopt the chosen value, two proposers duel without randomised backoff and settle with it, a Multi-Paxos leader skip phase 1, and an acceptor that forgets its promise let two values be chosen.',
  topics: ['consensus', 'paxos', 'multi-paxos', 'FLP', 'randomised backoff', 'stable storage'],
  roles: [
    { role: 'acceptor', prefix: 'n', min: 3, default: 5, max: 9 },
    { role: 'proposer', prefix: 'p', min: 1, default: 2, max: 4, count: (scenario) => proposerCount(scenario.params) },
    { role: 'learner', prefix: 'l', min: 1, default: 2, max: 2 },
  ],
  system: {
    protocols: { acceptor, proposer, learner },
    serverRole: 'acceptor',
    invariants: [agreement],
    afterRestart,
  },
  defaults: DEFAULTS,
  frozen: { 1: DEFAULTS },
  params: PARAM_SCHEMAS,
  actions: {
    configure: { schema: CONFIGURE_SCHEMA, apply: configure },
    propose: { schema: PROPOSE_SCHEMA, apply: propose },
    duel: { schema: DUEL_SCHEMA, apply: duel },
  },
  rules: [
    {
      id: 'forget-on-restart',
      param: 'forgetOnRestart',
      value: true,
      label: 'Break a rule: acceptors forget their promise and votes on restart (no stable storage)',
      warning: 'Acceptors keep nothing on disk: crash and restart a majority after a value is chosen, propose again, and the agreement invariant will catch a second value',
    },
  ],
  describeMessage: describePaxosMessage,
  messageKinds: PAXOS_MESSAGE_KINDS,
  stage: { layout: 'tiers', links: 'active', tiers: ['proposer', 'acceptor', 'learner'] },
  createProjection: () => paxosView,
  verdict: paxosVerdict,
  coverage: paxosCoverage,
  // Acceptors have no election timer to fire early.
  faultWeights: { timeout: 0 },
  charts: [
    {
      id: 'phases', title: 'Phase 1 and phase 2 rounds', unit: 'per s',
      lines: [
        { metric: 'phase1', stat: 'rate', label: 'phase 1 (Prepare)' },
        { metric: 'phase2', stat: 'rate', label: 'phase 2 (Accept)' },
        { metric: 'chosen', stat: 'rate', label: 'chosen' },
      ],
    },
    {
      id: 'preemptions', title: 'Pre-emptions', unit: 'per s',
      lines: [{ metric: 'preemptions', stat: 'rate', label: 'ballots pre-empted' }],
    },
  ],
});
