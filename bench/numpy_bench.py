"""NumPy baselines of docs/experiments.md section 8 (B1-B3), written the way a researcher would:
one loop over generations, everything vectorised over replicates. Run one workload per process:
python3 bench/numpy_bench.py B1|B2|B3. Prints the wall time of the loop; `npm run bench --
--vs-numpy` times the whole process."""
import sys
import time

import numpy as np


def b1(rng, oracle_q=None):
    R, d, n, T = 256, 8, 256, 1000
    truth = np.zeros(d)
    theta = truth + rng.standard_normal((R, n, d)).mean(axis=1)
    k = round(oracle_q * n) if oracle_q else n
    for _ in range(T):
        x = theta[:, None, :] + rng.standard_normal((R, n, d))
        if oracle_q:
            dist = ((x - truth) ** 2).sum(axis=2)
            idx = np.argpartition(dist, k - 1, axis=1)[:, :k]
            x = np.take_along_axis(x, idx[:, :, None], axis=1)
        theta = x.mean(axis=1)
    return theta


def b3(rng):
    R, d, n, T, H = 100, 2, 1000, 200, 128
    f32 = np.float32
    w1 = (rng.standard_normal((d, H)) * 0.5).astype(f32)
    b1 = (rng.standard_normal(H) * 0.1).astype(f32)
    w2 = (rng.standard_normal(H) * 0.5).astype(f32)
    b2 = f32(0.1)
    theta = rng.standard_normal((R, n, d), dtype=f32).mean(axis=1)
    for _ in range(T):
        x = theta[:, None, :] + rng.standard_normal((R, n, d), dtype=f32)
        h = np.maximum(x @ w1 + b1, 0)
        w = 1 / (1 + np.exp(-(h @ w2 + b2)))
        theta = (w[:, :, None] * x).sum(axis=1) / w.sum(axis=1)[:, None]
    return theta


if __name__ == "__main__":
    name = sys.argv[1]
    rng = np.random.default_rng(1)
    start = time.perf_counter()
    {"B1": lambda: b1(rng), "B2": lambda: b1(rng, 0.9), "B3": lambda: b3(rng)}[name]()
    print(f"{name} {time.perf_counter() - start:.3f}")
