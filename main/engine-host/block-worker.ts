/**
 * Worker-thread entry: advances one block of replicates through every generation and streams
 * their raw per-generation values to the host in batches. A block's numbers depend only on its
 * replicates' own random streams, so any split gives the same run bit for bit.
 */
import { parentPort } from 'node:worker_threads';
import { createBlock, SimulationFailure, trainFilter } from '../../engine';
import { loadTf } from './tf-backend';
import type { FromWorker, RawBatch, ToWorker } from './protocol';

const port = parentPort!;

function post(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

function runBlock(msg: Extract<ToWorker, { type: 'block' }>): void {
  const { config, first, count } = msg;
  const credits = new Int32Array(msg.credits);
  const block = createBlock(config, first, count, msg.filterModel);
  const T = config.generations;
  let pending: { t: number; n: number; errSq: Float64Array; diversity: Float64Array; kept: Float64Array; contraction: Float64Array | null; testErr: Float64Array | null; hasDiversity: boolean }[] = [];
  let batchStart = Date.now();

  const flush = (): void => {
    if (pending.length === 0) return;
    // Backpressure: wait until the host has consumed enough batches to take another.
    while (Atomics.load(credits, 0) <= 0) Atomics.wait(credits, 0, Atomics.load(credits, 0), 1000);
    Atomics.sub(credits, 0, 1);
    const n = pending.length;
    const batch: RawBatch = {
      type: 'raw',
      t0: pending[0].t,
      n,
      sampleSizes: new Float64Array(n),
      errSq: new Float64Array(n * count),
      diversity: new Float64Array(n * count),
      kept: new Float64Array(n * count),
      contraction: pending[0].contraction ? new Float64Array(n * count) : null,
      testErr: pending[0].testErr ? new Float64Array(n * count) : null,
      hasDiversity: pending[0].hasDiversity,
    };
    pending.forEach((g, i) => {
      batch.sampleSizes[i] = g.n;
      batch.errSq.set(g.errSq, i * count);
      batch.diversity.set(g.diversity, i * count);
      batch.kept.set(g.kept, i * count);
      if (batch.contraction && g.contraction) batch.contraction.set(g.contraction, i * count);
      if (batch.testErr && g.testErr) batch.testErr.set(g.testErr, i * count);
    });
    const buffers = [batch.sampleSizes, batch.errSq, batch.diversity, batch.kept, batch.contraction, batch.testErr].filter((a): a is Float64Array => a !== null).map((a) => a.buffer as ArrayBuffer);
    post(batch, buffers);
    pending = [];
    batchStart = Date.now();
  };

  for (let t = 0; t <= T; t++) {
    const raw = t === 0 ? block.initial() : block.advance(t);
    // The block reuses its arrays: copy before the next generation overwrites them.
    pending.push({
      t,
      n: raw.sampleSize,
      errSq: raw.errSq.slice(),
      diversity: raw.diversity.slice(),
      kept: raw.kept.slice(),
      contraction: raw.contraction ? raw.contraction.slice() : null,
      testErr: raw.testErr ? raw.testErr.slice() : null,
      hasDiversity: raw.hasDiversity !== false,
    });
    if (Date.now() - batchStart >= msg.batchMs || pending.length >= 512) flush();
  }
  flush();
  post({ type: 'done' });
}

/** Trains the neural filter here, so the host's thread only stores epochs as they arrive. */
async function runTraining(msg: Extract<ToWorker, { type: 'train' }>): Promise<void> {
  const abort = new Int32Array(msg.abort);
  const { trainer } = await loadTf({ prefer: msg.prefer });
  const result = await trainFilter(trainer, msg.groups, msg.family, msg.settings, {
    signal: { get aborted() { return Atomics.load(abort, 0) === 1; } },
    onEpoch: (record) => post({ type: 'epoch', record }),
    yieldToHost: () => new Promise((resolve) => setImmediate(resolve)),
  });
  post({ type: 'trained', result });
}

function reportFailure(error: unknown): void {
  post({
    type: 'failed',
    name: error instanceof Error ? error.name : 'Error',
    message: error instanceof SimulationFailure ? error.message.replace(/^generation \d+: /, '') : error instanceof Error ? error.message : String(error),
    generation: error instanceof SimulationFailure ? error.generation : null,
  });
}

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'train') {
    runTraining(msg).catch(reportFailure);
    return;
  }
  try {
    if (msg.type === 'block') runBlock(msg);
  } catch (error) {
    post({
      type: 'failed',
      name: error instanceof Error ? error.name : 'Error',
      message: error instanceof SimulationFailure ? error.message.replace(/^generation \d+: /, '') : error instanceof Error ? error.message : String(error),
      generation: error instanceof SimulationFailure ? error.generation : null,
    });
  }
});
