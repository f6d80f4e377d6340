// Starts a TypeScript worker entry in development and tests (tsx's loader, registered inside
// the worker). The packaged app bundles its workers to JavaScript and does not use this file.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
