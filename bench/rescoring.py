"""How fast a fusion weight can move: re-scoring a whole split from cached components, and a FusionAblation update.

Usage: python bench/rescoring.py [--samples 5000] [--proposals 10] [--repeats 20]

Builds a synthetic components table of the given size (random scores and intersections: speed does not depend on
the values), then times, interleaved in one run:
  groupby    -- the naive way: a pandas group-by idxmax per sample, then the metrics
  rescore    -- refviz's ScoreTable.metrics (segment max with numpy reduceat)
  widget     -- FusionAblation: set one weight that is an axis of the sensitivity map (re-score, metrics by kind,
                bars, marker), and one that is not (the 11x11 sensitivity map is recomputed too)
and prints medians and the ratio of each to `rescore`. The target is a slider move under 200 ms for 5,000 samples.
"""
import argparse, statistics, time

import numpy as np, pandas as pd

from refviz.methods import ScoreTable
from refviz.metrics import ris_metrics
from refviz.evaluate import Results

def synthetic(n, k, seed=0):
    rng = np.random.default_rng(seed)
    kinds = np.array(['attribute', 'shape', 'spatial', 'comparative', 'relational'])
    samples = pd.DataFrame(dict(sample_id=[f's{i}' for i in range(n)], image_id=[str(i//3) for i in range(n)], dataset='mini',
                                split='test', sentence='the red circle', kind=kinds[rng.integers(0, 5, n)], head='circle',
                                gt_area=rng.integers(50, 500, n), map_key='x', map_index=0))
    areas = rng.integers(20, 600, n*k)
    comps = pd.DataFrame(dict(sample_id=np.repeat(samples['sample_id'], k), proposal=np.tile(np.arange(k), n), area=areas,
                              area_rank=np.tile(np.arange(k), n), I=rng.integers(0, 50, n*k), U=rng.integers(50, 600, n*k),
                              **{c: rng.normal(size=n*k) for c in ('crop', 'crop_pos', 'soft', 'soft_pos', 'gen')}))
    return Results(samples, comps, dict(method='refdiff', data='synthetic'))

def median_time(f, repeats):
    ts = []
    for _ in range(repeats):
        t0 = time.perf_counter(); f(); ts.append(time.perf_counter() - t0)
    return statistics.median(ts)

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--samples', type=int, default=5000); p.add_argument('--proposals', type=int, default=10)
    p.add_argument('--repeats', type=int, default=20)
    a = p.parse_args()
    res = synthetic(a.samples, a.proposals)
    tab, comps = res.table, res.table.components
    scores = res.scores('code')
    def groupby():
        best = pd.Series(scores).groupby(tab._code).idxmax().to_numpy()
        ris_metrics(tab._I[best], tab._U[best], np.ones(len(best), bool))
    from refviz.widgets import FusionAblation
    w = FusionAblation(res, preset='code')
    axis, other = w.x_axis.value, next(n for n, c in w.controls.items() if n not in (w.x_axis.value, w.y_axis.value) and n.startswith('w_'))
    vals = {n: [w.controls[n].min, w.controls[n].max] for n in (axis, other)}
    def move(name):
        i = [0]
        def f():
            w.controls[name].value = vals[name][i[0] % 2]; i[0] += 1
        return f
    t = dict(groupby=median_time(groupby, a.repeats), rescore=median_time(lambda: tab.metrics(scores), a.repeats),
             widget_axis_weight=median_time(move(axis), max(3, a.repeats//4)),
             widget_other_weight=median_time(move(other), max(3, a.repeats//4)))
    print(f'{a.samples} samples x {a.proposals} proposals')
    for k, v in t.items(): print(f'{k:20} {v*1e3:9.2f} ms   {v/t["rescore"]:8.1f} x rescore')

if __name__ == '__main__': main()
