/**
 * Worker-thread entry: advances one block of replicates through every generation and streams
 * their raw per-generation values to the host in batches. A block's numbers depend only on its
 * replicates' own random streams, so any split gives the same run bit for bit.
 */
import { parentPort, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { createBlock, MIXTURE_STRIDE, SimulationFailure, trainFilter, type GenerationRaw } from '../../engine';
import { loadRunInputs } from './run-inputs';
import { loadTf } from './tf-backend';
import type { FromWorker, RawBatch, ToWorker } from './protocol';

const port = parentPort!;

function post(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

/** Most generations in one batch. */
const BATCH_CAPACITY = 256;

/**
 * Batch arrays come back from the host once it has merged them (over `recycle`) and are
 * refilled: in a long run this thread allocates nothing per generation. Allocating fresh arrays
 * per batch, freed on the host's thread, fragmented the C heap: RSS grew with T (R = 1000, two
 * workers: 292 MB at T = 100,000, 434 MB at T = 300,000) though the live data stayed small.
 */
class BufferPool {
  private readonly free = new Map<number, ArrayBuffer[]>();

  constructor(private readonly port: MessagePort) {}

  take(length: number): Float64Array {
    for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
      for (const b of (m.message as { buffers: ArrayBuffer[] }).buffers) {
        const list = this.free.get(b.byteLength) ?? [];
        list.push(b);
        this.free.set(b.byteLength, list);
      }
    }
    const reused = this.free.get(length * 8)?.pop();
    return reused ? new Float64Array(reused) : new Float64Array(length);
  }
}

function runBlock(msg: Extract<ToWorker, { type: 'block' }>): void {
  const { config, first, count } = msg;
  const credits = new Int32Array(msg.credits);
  const pool = new BufferPool(msg.recycle);
  const block = createBlock(config, first, count, msg.filterModel, loadRunInputs(config));
  const T = config.generations;
  let batch: RawBatch | null = null;
  let batchStart = Date.now();

  const open = (t0: number, first: GenerationRaw): RawBatch => {
    const size = BATCH_CAPACITY * count;
    return {
      type: 'raw',
      t0,
      n: 0,
      sampleSizes: pool.take(BATCH_CAPACITY),
      errSq: pool.take(size),
      diversity: pool.take(size),
      kept: pool.take(size),
      contraction: first.contraction ? pool.take(size) : null,
      testErr: first.testErr ? pool.take(size) : null,
      mixture: first.mixture ? pool.take(size * MIXTURE_STRIDE) : null,
      paths: first.paths ? pool.take(BATCH_CAPACITY * first.paths.length) : null,
      pathsLength: first.paths?.length ?? 0,
      pathSize: first.pathSize ?? 0,
      hasDiversity: first.hasDiversity !== false,
    };
  };

  const flush = (): void => {
    if (!batch || batch.n === 0) return;
    // Backpressure: wait until the host has consumed enough batches to take another.
    while (Atomics.load(credits, 0) <= 0) Atomics.wait(credits, 0, Atomics.load(credits, 0), 1000);
    Atomics.sub(credits, 0, 1);
    const buffers = [batch.sampleSizes, batch.errSq, batch.diversity, batch.kept, batch.contraction, batch.testErr, batch.mixture, batch.paths].filter((a): a is Float64Array => a !== null).map((a) => a.buffer as ArrayBuffer);
    post(batch, buffers);
    batch = null;
    batchStart = Date.now();
  };

  for (let t = 0; t <= T; t++) {
    const raw = t === 0 ? block.initial() : block.advance(t);
    batch ??= open(t, raw);
    // The block reuses its arrays: copy this generation into its row of the batch.
    const row = batch.n * count;
    batch.sampleSizes[batch.n] = raw.sampleSize;
    batch.errSq.set(raw.errSq, row);
    batch.diversity.set(raw.diversity, row);
    batch.kept.set(raw.kept, row);
    if (batch.contraction && raw.contraction) batch.contraction.set(raw.contraction, row);
    if (batch.testErr && raw.testErr) batch.testErr.set(raw.testErr, row);
    if (batch.mixture && raw.mixture) batch.mixture.set(raw.mixture, row * MIXTURE_STRIDE);
    if (batch.paths && raw.paths) batch.paths.set(raw.paths, batch.n * batch.pathsLength);
    batch.n++;
    if (Date.now() - batchStart >= msg.batchMs || batch.n === BATCH_CAPACITY) flush();
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
