"""OVDiff's ablation table on the mini world's test split, as in bench/RESULTS.md §8, with the paper's VOC figures beside it.

Usage: python bench/ovdiff_ablation.py [--classes shapes] [--n-scenes N] [--cache .refviz-cache] [--set KEY=JSON ...] [--out DIR]

Rows as in the paper: the full method; without background prototypes; without the CLIP category pre-filter; without
the region source (the thresholds alone split the support images); each prototype kind alone; each extractor alone and
their ensemble; without the sliding windows. All but the region-source and window rows re-score one evaluation's table;
those are evaluations of their own. Prints
the dataset mIoU and each class's IoU, the time each evaluation took, and the latency of one toggle's re-scoring of
the whole split, and the prototype explorer's whole update per toggle. `--set` overrides a setting of the mini world's
preset, e.g. --set 'clip_stages=["layer1","layer2","layer3"]' --set n_support=64.
"""
import argparse, json, time
from dataclasses import replace

import numpy as np
from refviz.evaluate import evaluate
from refviz.methods import METHODS
from refviz.ovdiff import ovdiff_ablation


def setting(text:str) -> tuple:
    key, _, value = text.partition('=')
    value = json.loads(value)
    return key, tuple(value) if isinstance(value, list) else value

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--classes', default='shapes'); p.add_argument('--n-scenes', type=int, default=None)
    p.add_argument('--cache', default='.refviz-cache'); p.add_argument('--set', action='append', default=[], type=setting)
    p.add_argument('--out', help='also save the full evaluation as a results folder here')
    a = p.parse_args()
    m = METHODS['ovdiff']()
    settings = replace(m.resolve_settings(), **dict(a.set))
    run = lambda s: evaluate('mini:test', method='ovdiff', settings=s, n_scenes=a.n_scenes, classes=a.classes, cache_dir=a.cache)
    t0 = time.perf_counter(); res = run(settings); t_full = time.perf_counter() - t0
    t0 = time.perf_counter(); no_regions = run(replace(settings, instances=None)); t_regions = time.perf_counter() - t0
    no_windows = run(replace(settings, windows=()))
    if a.out: print(f'results: {res.save(a.out)}')
    extra = {'no region source': no_regions, 'no sliding windows': no_windows}
    table = ovdiff_ablation(res, extra)
    best = no_windows.metrics('clip only', by='kind', prefilter=False)
    table.loc[len(table)] = dict(row='no windows, CLIP alone, no pre-filter', mIoU=best['IoU'].iloc[-1], **dict(zip(best['kind'][:-1], best['IoU'][:-1])))
    classes = [c for c in table.columns if c not in ('row', 'mIoU', 'paper_VOC')]
    print(f"settings: {settings}\n{len(res.samples)} samples ({res.samples['image_id'].nunique()} scenes x {len(classes)} classes); "
          f"evaluation {t_full:.0f} s, without the region source {t_regions:.0f} s")
    print(table.to_markdown(index=False, floatfmt='.3f'))
    toggles = [dict(background=b, prefilter=f, kinds=k, k=K) for b in (True, False) for f in (True, False) for k in ('all', 'part') for K in (8, 32)]
    times = []
    for w in toggles:
        t0 = time.perf_counter(); res.metrics(**w); times.append(time.perf_counter() - t0)
    print(f'a toggle re-scores the split in {1000*np.median(times):.0f} ms (median of {len(times)}; max {1000*max(times):.0f} ms), '
          f'{len(res.components):,} candidate rows')
    from refviz.widgets import PrototypeExplorer
    px, times = PrototypeExplorer(res), []
    for w in toggles:  # what a user waits for: the metrics, the per-class bars and the picture, all redrawn
        t0 = time.perf_counter(); px.ablation.set_weights(**w); px.refresh(); times.append(time.perf_counter() - t0)
    print(f'the prototype explorer follows a toggle in {1000*np.median(times):.0f} ms (median of {len(times)}; max {1000*max(times):.0f} ms)')

if __name__ == '__main__': main()
