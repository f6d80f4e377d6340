/**
 * `npm run bench -- --scaling` (issue 21): how B1's and B2's cost grows with R, T and n. Each
 * axis is run at three sizes (the others at the base), every point in its own process on its
 * main thread, timing the run alone (bench/one.ts `scaled`), so the peak RSS is that point's; each
 * point's wall is the median of `repeat` processes (a shared machine's load comes and goes). The
 * exponent is the least-squares slope of log(wall) on log(size): 1 is linear. Figures, not
 * assertions. (B5, one generation of the MNIST CVAE, joins when that model exists.)
 */
import { spawnSync } from 'node:child_process';
import { resolveConfig, type RunConfig } from '../engine';
import { WORKLOADS } from './workloads';

/** The base point: B1's model at a size a loaded 2-core machine runs in about a second. */
export const SCALING_BASE = { replicates: 128, generations: 100, n: 256 } as const;
/** Each axis at 1, 2 and 4 times its base. */
const FACTORS = [1, 2, 4] as const;
const AXES = ['replicates', 'generations', 'n'] as const;
type Axis = (typeof AXES)[number];
type Size = Record<Axis, number>;

/** B1 or B2 at R replicates, T generations and n samples a generation. */
export function scaledConfig(name: string, size: Readonly<Size>): RunConfig {
  const w = WORKLOADS.find((x) => x.name === name);
  if (!w) throw new Error(`scaling: unknown workload ${name} (B1 or B2)`);
  return resolveConfig({ ...w.config, replicates: size.replicates, generations: size.generations, sampleSize: { ...w.config.sampleSize, n0: size.n } });
}

/** Least-squares slope of log y on log x. */
export function logLogSlope(x: readonly number[], y: readonly number[]): number {
  const lx = x.map(Math.log);
  const ly = y.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < lx.length; i++) {
    sxy += (lx[i] - mx) * (ly[i] - my);
    sxx += (lx[i] - mx) ** 2;
  }
  return sxy / sxx;
}

interface Point {
  wall: number;
  rssMiB: number;
}

function runPoint(name: string, size: Size, repeat: number): Point {
  const walls: number[] = [];
  let rssMiB = 0;
  for (let i = 0; i < repeat; i++) {
    const r = spawnSync(process.execPath, ['build/dev-run.mjs', 'bench/one.ts', 'scaled', name, String(size.replicates), String(size.generations), String(size.n)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`scaling ${name} ${JSON.stringify(size)} failed: ${r.stderr}`);
    const [, wall, rssKb] = r.stdout.trim().split(' ');
    walls.push(Number(wall));
    rssMiB = Math.max(rssMiB, Number(rssKb) / 1024);
  }
  walls.sort((a, b) => a - b);
  return { wall: walls[walls.length >> 1], rssMiB };
}

/** Prints, per workload and axis, the three walls, the fitted exponent and the peak RSS at each size. */
export function printScaling(names: readonly string[], repeat: number, loadAverage: () => string): void {
  console.log(`\nscaling (one thread, the run alone, its own process, median of ${repeat}; base R = ${SCALING_BASE.replicates}, T = ${SCALING_BASE.generations}, n = ${SCALING_BASE.n}; load average ${loadAverage()})`);
  for (const name of names) {
    const base = runPoint(name, { ...SCALING_BASE }, repeat);
    for (const axis of AXES) {
      const sizes = FACTORS.map((f) => SCALING_BASE[axis] * f);
      const points = sizes.map((s, i) => (i === 0 ? base : runPoint(name, { ...SCALING_BASE, [axis]: s }, repeat)));
      const exponent = logLogSlope(sizes, points.map((p) => p.wall));
      const label = axis === 'replicates' ? 'R' : axis === 'generations' ? 'T' : 'n';
      const walls = points.map((p, i) => `${label} = ${sizes[i]}: ${p.wall.toFixed(2)} s`).join(', ');
      const rss = points.map((p) => p.rssMiB.toFixed(0)).join(' / ');
      console.log(`${name}  ${label}  exponent ${exponent.toFixed(2)}  | ${walls} | peak RSS ${rss} MiB | load ${loadAverage()}`);
    }
  }
}
