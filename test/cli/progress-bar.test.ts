import { describe, expect, it } from 'vitest';
import { findPreset, presetConfig, resolveConfig, sampleSizeAt } from '../../engine';
import { generationWork, ProgressBar } from '../../main/cli/progress-bar';

// Issue 13, item 8: the ETA follows the work (n_t per generation), and 100% means done.

/** A bar on a fake clock; `lines()` gives what was drawn, without the \r and the erase code. */
function fakeBar(work?: (i: number) => number): { bar: ProgressBar; tick: (ms: number) => void; lines: () => string[] } {
  let now = 0;
  const out: string[] = [];
  const bar = new ProgressBar((t) => out.push(t), 'x', { now: () => now, intervalMs: 0, ...(work ? { work } : {}) });
  return { bar, tick: (ms) => (now += ms), lines: () => out.map((l) => l.replace(/^\r/, '').replace('\u001b[K', '')) };
}

const eta = (line: string): number | null => {
  const m = / eta (\d+\.\d)s/.exec(line);
  return m ? Number(m[1]) : null;
};

describe('ProgressBar', () => {
  it('predicts the end of a growing schedule from the work done, not the generations counted', () => {
    // Generation i costs i + 1 (a linear schedule); 1 ms per unit of work. After generations
    // 0..9 (55 units) of 0..99 (5050 units), 4995 units remain: 4.995 s at the measured rate.
    const work = (i: number): number => i + 1;
    const { bar, tick, lines } = fakeBar(work);
    bar.update(1, 100); // generation 0 ended before the bar existed: the rate starts here
    tick(54); // generations 1..9: 2 + ... + 10 = 54 units
    bar.update(10, 100);
    const line = lines()[1];
    expect(eta(line)).toBeCloseTo(4.995, 1);
    expect(line).toMatch(/\]   1% 10\/100 /); // 55 / 5050 of the work, rounded down
    // Counting generations would have said 10% done and 0.5 s to go.
  });

  it('counts every unit the same without weights, as before', () => {
    const { bar, tick, lines } = fakeBar();
    bar.update(1, 11);
    tick(1000);
    bar.update(6, 11);
    expect(eta(lines()[1])).toBeCloseTo(1.0, 5);
    expect(lines()[1]).toMatch(/\]  54% 6\/11 /);
  });

  it('shows 100% and a full bar only when the last unit is done, and no ETA then', () => {
    const { bar, tick, lines } = fakeBar();
    bar.update(1, 201);
    tick(100);
    bar.update(200, 201);
    tick(1);
    bar.update(201, 201);
    const [, almost, done] = lines();
    expect(almost).toMatch(/\[#{29}-\]  99% 200\/201 /);
    expect(done).toMatch(/\[#{30}\] 100% 201\/201 0\.1s$/);
  });

  it("generationWork is the preset's n_t, so xu-superlinear's late generations weigh the most", () => {
    const preset = findPreset('xu-superlinear');
    expect(preset).toBeDefined();
    const config = resolveConfig(presetConfig(preset!));
    const work = generationWork(config);
    const T = config.generations;
    expect(work(0)).toBe(sampleSizeAt(config.sampleSize, 0));
    expect(work(T)).toBe(sampleSizeAt(config.sampleSize, T));
    expect(work(T)).toBeGreaterThan(10 * work(1));
  });
});
