// Every bad flag of `npm run cli -- run` ends in exit 2 with a sentence naming it; a closed pipe
// ends a long run quietly instead of computing into the void.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

function cli(...args: string[]) {
  return spawnSync('npx', ['tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
}

describe('cli run refuses bad flags', () => {
  it.each([
    [['run', 'cap', '--mode', 'bogus'], /params\.mode/],
    [['run', 'raft', '--mode', 'ap'], /"params\.mode" is not a parameter of the raft lab/],
    [['run', 'raft', '--seed', '4', '--seeds', '1..3'], /--seed and --seeds cannot be used together/],
    [['run', 'raft', '--until', '99999999999m'], /--until 99999999999m is outside 1 ms to 24 h/],
    [['run', 'raft', '--nodes', 'many'], /--nodes takes a whole number/],
    [['run', 'raft', '--nodes', '40'], /the raft lab runs 3 to 9 servers, not 40/],
    [['run', 'raft', '--param', 'heartbeatMs'], /--param takes key=value/],
    [['run', 'raft', '--frobnicate'], /Unknown option '--frobnicate'/],
    [['run', 'raft', '--seeds', '1..4', '--jobs', '0'], /--jobs takes a number of threads from 1, not "0"/],
  ])('%j exits 2 naming the problem', (args, message) => {
    const result = cli(...args);
    expect(result.status, result.stderr).toBe(2);
    expect(result.stdout.trim()).toBe('');
    expect(result.stderr).toMatch(message);
  });
});

describe('cli run into a closed pipe', () => {
  it('stops soon after its reader goes away (run … | head -1)', async () => {
    const child = spawn('npx', ['tsx', 'src/cli/main.ts', 'run', 'raft', '--seeds', '1..100000', '--until', '1s', '--json'], { cwd: ROOT });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await Promise.race([exited, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 30_000))]);
    if (code === 'still running') child.kill();
    expect(code).toBe(0);
  });
});
