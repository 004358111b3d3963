// Entry point: mounts the Raft lab page with the real worker and the scenario catalog.
import { mount } from 'svelte';
import App from './ui/App.svelte';
import { defaultScenario } from './scenarios/catalog';
import { createSimulationClient } from './worker/client';
import './ui/theme.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

try {
  mount(App, { target, props: { connect: createSimulationClient, scenarioFor: defaultScenario } });
} catch (error) {
  target.textContent = `Splitbrain could not start: ${error instanceof Error ? error.message : String(error)}`;
  target.setAttribute('role', 'alert');
}
