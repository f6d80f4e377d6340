/**
 * One benchmark workload in its own process, for whole-process timings against NumPy and
 * PyTorch: `node build/dev-run.mjs bench/one.ts B1|B2|M1 [threads]`, `... B3 MODEL.json [threads]`
 * or `... B4` (trains the filter on the fastest training backend that loads, as `run` does).
 * Prints the workload's wall time (s) and the process's peak RSS (KB).
 * B3 applies a filter trained beforehand (bench/run.ts writes it), as the NumPy baseline starts
 * from fixed weights: neither process trains or loads tfjs. `--check` only makes sure the bundle
 * is built (bench/run.ts calls it once before timing). `... scaled B1|B2 R T n` runs B1 or B2 at
 * that size on the main thread (bench/scaling.ts).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { machineLabelGroups, runSimulation, trainFilter, trainingSettings, type FilterModel } from '../engine';
import { loadTf, runParallel } from '../main/engine-host';
import { B3_CONFIG, B4_CONFIG, M1_CONFIG, WORKLOADS } from './workloads';
import { scaledConfig } from './scaling';

const args = process.argv.slice(2);
if (args[0] === 'B4') {
  const start = performance.now();
  const { trainer } = await loadTf({});
  await trainFilter(trainer, machineLabelGroups(B4_CONFIG), 'gaussian', trainingSettings(B4_CONFIG));
  console.log(`B4 ${((performance.now() - start) / 1000).toFixed(3)} ${process.resourceUsage().maxRSS}`);
} else if (args[0] === 'scaled') {
  const config = scaledConfig(args[1], { replicates: Number(args[2]), generations: Number(args[3]), n: Number(args[4]) });
  const start = performance.now();
  // On this thread: no worker start-up, a constant that would bend the fitted exponents below 1.
  await runSimulation(config);
  console.log(`${args[1]} ${((performance.now() - start) / 1000).toFixed(3)} ${process.resourceUsage().maxRSS}`);
} else if (args[0] !== '--check') {
  const name = args[0];
  const model = name === 'B3' ? (JSON.parse(readFileSync(args[1], 'utf8')) as FilterModel) : undefined;
  const threadsArg = name === 'B3' ? args[2] : args[1];
  const threads = Number(threadsArg ?? availableParallelism());
  const config = name === 'B3' ? B3_CONFIG : name === 'M1' ? M1_CONFIG : WORKLOADS.find((x) => x.name === name)?.config;
  if (!config) throw new Error(`unknown workload ${name}`);
  const start = performance.now();
  await runParallel(config, { threads, filterModel: model });
  // maxRSS: this process's peak resident set (all threads), in kilobytes.
  console.log(`${name} ${((performance.now() - start) / 1000).toFixed(3)} ${process.resourceUsage().maxRSS}`);
}
