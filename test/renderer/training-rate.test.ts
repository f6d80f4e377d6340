import { describe, expect, it } from 'vitest';
import { averageRate, epochsPerSecond, formatRate, keepRecent, remainingMs, type Arrival } from '../../renderer/training/epoch-rate';

describe('epochs per second', () => {
  it('is null until two arrivals span some time', () => {
    expect(epochsPerSecond([])).toBeNull();
    expect(epochsPerSecond([{ epoch: 1, t: 100 }])).toBeNull();
    expect(epochsPerSecond([{ epoch: 1, t: 100 }, { epoch: 2, t: 100 }])).toBeNull();
  });

  it('measures over the recent window, so a slow start does not drag it down', () => {
    // Epoch 1 after 3 s of start-up, then 20 epochs/s.
    const arrivals: Arrival[] = [{ epoch: 1, t: 3000 }];
    for (let e = 2; e <= 200; e++) arrivals.push({ epoch: e, t: 3000 + (e - 1) * 50 });
    expect(epochsPerSecond(arrivals)).toBeCloseTo(20, 6);
    expect(averageRate(200, 3000 + 199 * 50)).toBeCloseTo(200 / 12.95, 6);
  });

  it('uses the last two arrivals when they are further apart than the window', () => {
    expect(epochsPerSecond([{ epoch: 1, t: 0 }, { epoch: 2, t: 10_000 }], 5000)).toBeCloseTo(0.1, 9);
  });

  it('counts epochs, not events (batched or skipped epochs)', () => {
    expect(epochsPerSecond([{ epoch: 10, t: 0 }, { epoch: 20, t: 500 }, { epoch: 40, t: 1000 }])).toBeCloseTo(30, 9);
  });

  it('tells the time left, and formats the speed', () => {
    expect(remainingMs(50, 200, 25)).toBe(6000);
    expect(remainingMs(200, 200, 25)).toBeNull();
    expect(remainingMs(10, 200, null)).toBeNull();
    expect(formatRate(null)).toBe('–');
    expect(formatRate(0)).toBe('–');
    expect(formatRate(0.4234)).toBe('0.42 epochs/s');
    expect(formatRate(12.34)).toBe('12.3 epochs/s');
    expect(formatRate(1250.4)).toBe('1,250 epochs/s');
    expect(averageRate(0, 1000)).toBeNull();
  });

  it('keeps only the newest arrivals', () => {
    const arrivals: Arrival[] = Array.from({ length: 600 }, (_, i) => ({ epoch: i + 1, t: i }));
    keepRecent(arrivals, 512);
    expect(arrivals).toHaveLength(512);
    expect(arrivals[0].epoch).toBe(89);
  });
});
