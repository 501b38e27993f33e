"""OVDiff's part prototypes: scikit-learn's KMeans against a torch k-means, for speed at equal quality (bench/RESULTS.md §8).

Usage: python bench/kmeans.py [--repeats 3]

Two sizes of pooled foreground features, as OVDiff clusters them (K = 32, one initialisation, as the official code):
the mini world's (32 support images x about 60 foreground cells, 448 channels of the tiny CLIP's three stages) and
Stable Diffusion's (32 images x about 600 foreground cells at 64x64, 7,680 channels of the official layers), random
features with cluster structure. Both run from the same k-means++ seeds, so the comparison is of the iterations
alone; quality is the inertia (sum of squared distances to the centres), as a ratio to scikit-learn's. The torch
k-means is Lloyd's algorithm in a few lines, written here only to be measured.
"""
import argparse, time
import numpy as np
import torch
from sklearn.cluster import KMeans, kmeans_plusplus

def torch_kmeans(x:torch.Tensor, centres:torch.Tensor, iters:int=300, tol:float=1e-4) -> tuple:
    "Lloyd's algorithm from `centres`: (centres, labels, inertia)."
    for _ in range(iters):
        labels = torch.cdist(x, centres).argmin(1)
        new = torch.zeros_like(centres).index_add_(0, labels, x)/torch.bincount(labels, minlength=len(centres)).clamp(min=1)[:, None].to(x)
        new = torch.where(torch.bincount(labels, minlength=len(centres))[:, None] > 0, new, centres)  # an empty cluster keeps its centre
        shift = (new - centres).pow(2).sum()
        centres = new
        if shift <= tol*x.var(0).sum(): break
    labels = torch.cdist(x, centres).argmin(1)
    return centres, labels, float((x - centres[labels]).pow(2).sum())

def features(n:int, dim:int, clusters:int=48, seed:int=0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    means = rng.normal(size=(clusters, dim)).astype(np.float32)
    return (means[rng.integers(clusters, size=n)] + 0.6*rng.normal(size=(n, dim))).astype(np.float32)

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--repeats', type=int, default=3)
    a = p.parse_args()
    print(f'threads={torch.get_num_threads()}')
    for name, n, dim in (('mini world', 32*60, 448), ('Stable Diffusion', 32*600, 7680)):
        x = features(n, dim)
        rows = []
        for r in range(a.repeats):
            init, _ = kmeans_plusplus(x, 32, random_state=r)
            t0 = time.perf_counter(); km = KMeans(32, init=init, n_init=1).fit(x); t_sk = time.perf_counter() - t0
            t0 = time.perf_counter(); _, _, inertia = torch_kmeans(torch.from_numpy(x), torch.from_numpy(init.copy())); t_th = time.perf_counter() - t0
            rows.append((t_sk, t_th, inertia/km.inertia_))
        t_sk, t_th, ratio = np.median(rows, 0)
        print(f'{name}: {n:,} x {dim:,}, K = 32: scikit-learn {t_sk:.2f} s, torch {t_th:.2f} s (torch/sklearn time {t_th/t_sk:.2f}), '
              f'inertia torch/sklearn {ratio:.4f} (median of {a.repeats})')

if __name__ == '__main__': main()
