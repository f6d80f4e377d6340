/**
 * One benchmark workload in its own process (for whole-process timings against NumPy):
 * `tsx bench/one.ts B1|B2|B3 [threads]`. B3 trains its filter first, untimed, as the NumPy
 * baseline also starts from fixed weights.
 */
import { availableParallelism } from 'node:os';
import { machineLabelGroups, trainFilter, trainingSettings } from '../engine';
import { loadTf, runParallel } from '../main/engine-host';
import { B3_CONFIG, B4_CONFIG, WORKLOADS } from './workloads';

const [name, threadsArg] = process.argv.slice(2);
const threads = Number(threadsArg ?? availableParallelism());
if (name === 'B3') {
  const { tf } = await loadTf();
  const model = (await trainFilter(tf, machineLabelGroups(B4_CONFIG), 'gaussian', { ...trainingSettings(B4_CONFIG), epochs: 5 })).model;
  const start = performance.now();
  await runParallel(B3_CONFIG, { threads, filterModel: model });
  console.log(`${name} ${((performance.now() - start) / 1000).toFixed(3)}`);
} else {
  const w = WORKLOADS.find((x) => x.name === name);
  if (!w) throw new Error(`unknown workload ${name}`);
  const start = performance.now();
  await runParallel(w.config, { threads });
  console.log(`${name} ${((performance.now() - start) / 1000).toFixed(3)}`);
}
