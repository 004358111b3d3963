// Entry point: the home page (every lab as a card) when the address names no lab, run or seed;
// otherwise the lab page with the real worker and the scenario catalog.
import { mount } from 'svelte';
import App from './ui/App.svelte';
import Home from './ui/home/Home.svelte';
import { showsHome } from './ui/home/route';
import { defaultScenario } from './scenarios/catalog';
import { createSimulationClient } from './worker/client';
import './ui/theme.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

try {
  if (showsHome(window.location.search)) mount(Home, { target, props: { storage: storage() } });
  else mount(App, { target, props: { connect: createSimulationClient, scenarioFor: defaultScenario } });
} catch (error) {
  target.textContent = `Splitbrain could not start: ${error instanceof Error ? error.message : String(error)}`;
  target.setAttribute('role', 'alert');
}
