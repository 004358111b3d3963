// The Web Worker entry: exposes one SimulationService over Comlink. Nothing else runs here.
import * as Comlink from 'comlink';
import { SimulationService } from './simulation-service';

Comlink.expose(new SimulationService(), self);
