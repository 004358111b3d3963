// A bug hunt's Web Worker: runs batches of seeds through the DOM-free hunt core. The page starts
// one per core (a pool) and hands each the next batch as it finishes the last.
import * as Comlink from 'comlink';
import { huntBatch } from '../hunt/batch';
import type { HuntWorkerApi } from './hunt-api';

const api: HuntWorkerApi = { hunt: huntBatch };
Comlink.expose(api, self);
