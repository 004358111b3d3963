// `cli labs`: every registered lab, one line each (hidden ones too: the CLI runs them all).
import { LABS } from '../labs/registry';

export function labsCommand(json: boolean, out: (line: string) => void): number {
  for (const lab of LABS) {
    const roles = lab.roles.filter((role) => role.max > 0).map((role) => ({ role: role.role, min: role.min, default: role.default, max: role.max }));
    if (json) out(JSON.stringify({ id: lab.id, title: lab.title, topics: lab.topics, roles }));
    else out(`${lab.id.padEnd(12)} ${lab.title}${lab.hidden ? ' (hidden from the page)' : ''}`);
  }
  return 0;
}
