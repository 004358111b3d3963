// One side of the engine benchmark, in its own process: runs the Raft configurations of the
// "seeds at scale" issue against the engine found under a root directory (this checkout or a
// baseline one) and prints delivered messages per second as JSON. bench/engine.ts drives it.
//   tsx bench/engine-run.ts <root> [budgetMs]
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The four configurations: 5-node Raft idle, then one client write per node every 20 ms at
 * 5, 9 and 64 nodes; latency 10–15 ms, election timeout 100–200 ms, heartbeat 50 ms. */
/** The larger clusters run a shorter virtual span per seed, so a run fits a second of wall time
 * on a busy machine (a 60 s run at 64 nodes delivers tens of millions of messages). */
/** `floor5` is idle5's traffic (a heartbeat to each follower every 50 ms, a reply, an election
 * timer set again) from a protocol that does nothing else: what the engine itself costs per
 * delivered message, beside what Raft and its invariants add. */
export const CONFIGS = [
  { name: 'idle5', nodes: 5, load: false, untilMs: 60_000 },
  { name: 'load5', nodes: 5, load: true, untilMs: 60_000 },
  { name: 'load9', nodes: 9, load: true, untilMs: 10_000 },
  { name: 'load64', nodes: 64, load: true, untilMs: 1_000 },
  { name: 'floor5', nodes: 5, load: false, untilMs: 60_000, floor: true },
] as const;

type Config = (typeof CONFIGS)[number];

const HEARTBEAT = { kind: 'set-timer', timer: 'heartbeat', range: { minMs: 50, maxMs: 50 } } as const;
const ELECTION = { kind: 'set-timer', timer: 'election', range: { minMs: 100, maxMs: 200 } } as const;

/** Raft's idle traffic and nothing else: n1 sends every peer a heartbeat every 50 ms; a peer sets
 * its election timer again and replies. Written against the contract both sides share. */
const floorProtocol = {
  id: 'floor',
  init: (ctx: { id: string }) => [null, [ctx.id === 'n1' ? HEARTBEAT : ELECTION]],
  onTimer: (state: null, timer: string, ctx: { peers: string[] }) => {
    if (timer !== 'heartbeat') return [state, []];
    const out: unknown[] = ctx.peers.map((to) => ({ kind: 'send', to, message: { type: 'AppendEntries', term: 1, entries: [] } }));
    out.push(HEARTBEAT);
    return [state, out];
  },
  onMessage: (state: null, from: string, message: { type: string }) =>
    [state, message.type === 'AppendEntries' ? [ELECTION, { kind: 'send', to: from, message: { type: 'AppendEntriesReply', term: 1, success: true } }] : []],
  persisted: () => null,
  recover: () => [null, []],
  view: () => ({ role: 'floor', summary: '', details: {} }),
};

interface Modules {
  Simulation: any;
  /** The Raft lab's actor system, or (before labs had actors) its single protocol. */
  raft: any;
  toWorldConfig: (scenario: any) => any;
}

/** Loads the engine of a checkout. Checkouts from before the lab platform (the code the issue
 * measured when it was filed) have no lab registry: there the engine ran one protocol, and the
 * catalog handed it out, with the clients inside the engine. */
async function load(root: string): Promise<Modules> {
  const from = (file: string) => import(pathToFileURL(path.resolve(root, file)).href);
  const [simulation, catalog] = await Promise.all([from('src/engine/simulation.ts'), from('src/scenarios/catalog.ts')]);
  const raft = existsSync(path.resolve(root, 'src/labs/registry.ts'))
    ? (await from('src/labs/registry.ts')).labById('raft').system
    : catalog.protocolFor('raft');
  return { Simulation: simulation.Simulation, raft, toWorldConfig: catalog.toWorldConfig };
}

/** Counts the messages a server node handles. Before the lab platform a client's request reached
 * the server through onRequest and its reply went to a client inside the engine, with no protocol
 * call; since then both are messages between actors. Counting what servers receive (Raft's own
 * messages and client requests) counts the same deliveries on both sides of a run. */
function countingDeliveries(protocol: any, count: () => void): any {
  const counted: any = { ...protocol, onMessage: (...args: unknown[]) => { count(); return protocol.onMessage(...args); } };
  if (protocol.onRequest) counted.onRequest = (...args: unknown[]) => { count(); return protocol.onRequest(...args); };
  return counted;
}

function scenarioFor(config: Config, seed: number): any {
  return {
    lab: 'raft', seed, nodes: config.nodes, actions: [], until: config.untilMs,
    params: { electionTimeoutMs: [100, 200], heartbeatMs: 50 },
    network: { latencyMs: [10, 15], drop: 0, duplicate: 0 },
    workload: config.load ? { clients: config.nodes, intervalMs: [20, 20], timeoutMs: 1000, mix: { read: 0, write: 1, cas: 0 }, keys: ['x'] } : undefined,
  };
}

/** Runs one seed; deliveries are counted by wrapping the server protocol's handlers (the same
 * cost on both sides, and blind to how the engine stores its messages). */
function runOne(modules: Modules, config: Config, seed: number): { delivered: number; hash: string } {
  let delivered = 0;
  const count = () => { delivered++; };
  let system: any;
  const actorSystem = Boolean(modules.raft.protocols);
  if ('floor' in config) {
    const protocol = countingDeliveries(floorProtocol, count);
    system = actorSystem ? { protocols: { server: protocol }, serverRole: 'server', invariants: [] } : { ...protocol, invariants: [] };
  } else if (actorSystem) {
    const protocols: Record<string, any> = {};
    for (const [role, protocol] of Object.entries<any>(modules.raft.protocols)) protocols[role] = role === 'server' ? countingDeliveries(protocol, count) : protocol;
    system = { ...modules.raft, protocols };
  } else {
    system = countingDeliveries(modules.raft, count);
  }
  const scenario = scenarioFor(config, seed);
  const sim = modules.Simulation.create(system, modules.toWorldConfig(scenario), []);
  sim.runUntil(config.untilMs, Infinity, false);
  const trace = sim.world.trace;
  return { delivered, hash: `${(trace.hashA >>> 0).toString(16)}${(trace.hashB >>> 0).toString(16)}` };
}

/** Seeds run one after another until the budget is spent (after one warm-up seed). The rate is
 * per second of this process's CPU time, not of the wall clock: on a shared machine other
 * processes take the cores away from either side at random. */
function measure(modules: Modules, config: Config, budgetMs: number): { rate: number; hashes: string[] } {
  // A seed's hash carries its delivery count, so the two sides must also agree on what they count.
  runOne(modules, config, 1000);
  let delivered = 0;
  const hashes: string[] = [];
  const started = performance.now();
  const cpu = process.cpuUsage();
  let seed = 1;
  while (performance.now() - started < budgetMs) {
    const run = runOne(modules, config, seed++);
    delivered += run.delivered;
    hashes.push(`${run.hash}/${run.delivered}`);
  }
  const used = process.cpuUsage(cpu);
  return { rate: Math.round(delivered / ((used.user + used.system) / 1e6)), hashes };
}

async function main(): Promise<void> {
  const root = path.resolve(process.argv[2] ?? '.');
  const budgetMs = Number(process.argv[3] ?? 2000);
  const modules = await load(root);
  const out: Record<string, { rate: number; hashes: string[] }> = {};
  for (const config of CONFIGS) out[config.name] = measure(modules, config, budgetMs);
  console.log(JSON.stringify(out));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
