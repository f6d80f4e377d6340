"""PyTorch peers of docs/experiments.md section 8 (B1-B4), written as a researcher who knows
PyTorch would: float32, one loop over generations, everything vectorised over replicates, on
all cores (torch's default intra-op threads, or COLLAPSE_LAB_BENCH_THREADS). One workload per
process: /usr/bin/python3 bench/torch_bench.py B1|B2|B3|B4. Prints the loop's wall time;
`npm run bench -- --vs-torch` times the whole process, start-up included, as it does ours."""
import os
import sys
import time

import torch

if os.environ.get("COLLAPSE_LAB_BENCH_THREADS"):
    torch.set_num_threads(int(os.environ["COLLAPSE_LAB_BENCH_THREADS"]))
torch.manual_seed(1)
F32 = torch.float32


@torch.no_grad()
def b1(oracle_q=None):
    """B1: Gaussian mean, d = 8, n = 256, R = 256, T = 1000; B2 keeps the oracle's nearest q."""
    R, d, n, T = 256, 8, 256, 1000
    truth = torch.zeros(d, dtype=F32)
    theta = truth + torch.randn(R, n, d, dtype=F32).mean(dim=1)
    k = round(oracle_q * n) if oracle_q else n
    for _ in range(T):
        x = theta[:, None, :] + torch.randn(R, n, d, dtype=F32)
        if oracle_q:
            dist = ((x - truth) ** 2).sum(dim=2)
            idx = torch.topk(dist, k, dim=1, largest=False, sorted=False).indices
            x = torch.take_along_dim(x, idx[:, :, None], dim=1)
        theta = x.mean(dim=1)
    return theta


@torch.no_grad()
def b3():
    """B3: d = 2, n = 1000, R = 100, T = 200, a fixed 2-128-1 MLP weighting each generation."""
    R, d, n, T, H = 100, 2, 1000, 200, 128
    net = mlp(d, H)
    theta = torch.randn(R, n, d, dtype=F32).mean(dim=1)
    for _ in range(T):
        x = theta[:, None, :] + torch.randn(R, n, d, dtype=F32)
        w = torch.sigmoid(net(x)).squeeze(-1)
        theta = (w[:, :, None] * x).sum(dim=1) / w.sum(dim=1)[:, None]
    return theta


def mlp(d, hidden):
    return torch.nn.Sequential(torch.nn.Linear(d, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, 1))


def b4():
    """B4: train the filter on 20 machine-labelled groups of 1000 candidates for 200 epochs:
    L_cls + lambda L_contr + mu L_ess (section 4, P = I), Adam 1e-3, 4 groups a step, 16 training
    groups and 4 held out (evaluated every epoch), as the engine does."""
    G, N, d, hidden, epochs = 20, 1000, 2, 128, 200
    lam, mu, c, tau, contamination = 1.0, 0.1, 0.1, 0.2, 0.3
    # Each group: candidates around a drifted estimate; the machine rule labels the nearest 70%
    # to the truth good.
    centres = torch.randn(G, 1, d, dtype=F32) * 0.3
    x = centres + torch.randn(G, N, d, dtype=F32)
    dist = (x**2).sum(dim=2)
    good = round((1 - contamination) * N)
    labels = torch.zeros(G, N, dtype=F32)
    labels.scatter_(1, torch.topk(dist, good, dim=1, largest=False).indices, 1.0)
    theta_ref = (labels[:, :, None] * x).sum(dim=1) / labels.sum(dim=1)[:, None]
    v0 = ((x.mean(dim=1) - theta_ref) ** 2).sum(dim=1)
    net = mlp(d, hidden)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    train, held = torch.arange(16), torch.arange(16, 20)

    def loss(ids):
        logits = net(x[ids]).squeeze(-1)
        cls = torch.nn.functional.binary_cross_entropy_with_logits(logits, labels[ids])
        w = torch.sigmoid(logits)
        theta_w = (w[:, :, None] * x[ids]).sum(dim=1) / w.sum(dim=1).clamp_min(1e-12)[:, None]
        vw = ((theta_w - theta_ref[ids]) ** 2).sum(dim=1)
        contr = torch.relu(vw - (1 - c) * v0[ids]).mean()
        ess = torch.relu(tau - w.sum(dim=1) ** 2 / (w**2).sum(dim=1).clamp_min(1e-12) / N).mean()
        return cls + lam * contr + mu * ess

    for _ in range(epochs):
        order = train[torch.randperm(len(train))]
        for b in range(0, len(order), 4):
            opt.zero_grad()
            loss(order[b : b + 4]).backward()
            opt.step()
        with torch.no_grad():
            loss(held)
    return net


if __name__ == "__main__":
    name = sys.argv[1]
    start = time.perf_counter()
    {"B1": lambda: b1(), "B2": lambda: b1(0.9), "B3": b3, "B4": b4}[name]()
    print(f"{name} {time.perf_counter() - start:.3f} threads={torch.get_num_threads()}")
