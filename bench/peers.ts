/** A plain Python loop the workloads are timed against, whole process against whole process. */
export interface Peer {
  readonly name: string;
  /** The interpreter (Debian's, for python3-torch: /usr/bin/python3) and the script of bench/. */
  readonly python: string;
  readonly script: string;
  /** Prints the library's version; fails where it is not installed. */
  readonly probe: string;
  readonly workloads: readonly string[];
}

export const NUMPY: Peer = { name: 'NumPy', python: 'python3', script: 'bench/numpy_bench.py', probe: 'import numpy; print(numpy.__version__)', workloads: ['B1', 'B2', 'B3'] };
export const TORCH: Peer = {
  name: 'PyTorch',
  python: '/usr/bin/python3',
  script: 'bench/torch_bench.py',
  probe: 'import torch; print(torch.__version__, "float32, on the same threads as ours (torch.set_num_threads)")',
  workloads: ['B1', 'B2', 'B3', 'B4'],
};
