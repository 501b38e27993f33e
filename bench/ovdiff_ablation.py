"""OVDiff's ablation table on the mini world's test split, as in bench/RESULTS.md §8, with the paper's VOC figures beside it.

Usage: python bench/ovdiff_ablation.py [--classes shapes] [--n-scenes N] [--cache .refviz-cache] [--set KEY=JSON ...] [--out DIR]

Rows as in the paper: the full method; without background prototypes; without the CLIP category pre-filter; without
the region source (the thresholds alone split the support images); each prototype kind alone; each extractor alone and
their ensemble; without the sliding windows. All but the region-source and window rows re-score one evaluation's table;
those are evaluations of their own. Prints
the dataset mIoU and each class's IoU, the time each evaluation took, and the latency of one toggle's re-scoring of
the whole split (what the prototype explorer does per change). `--set` overrides a setting of the mini world's
preset, e.g. --set 'clip_stages=["layer1","layer2","layer3"]' --set n_support=64.
"""
import argparse, json, time
from dataclasses import replace

import numpy as np
import pandas as pd
from refviz.evaluate import evaluate
from refviz.methods import METHODS

PAPER_VOC = {'full': 63.6, 'no background': 53.6, 'no pre-filter': 54.9, 'no region source': 60.6, 'mean only': 62.5}  # SD only, VOC mIoU (%)
ROWS = {'full': 'code', 'no background': 'no background', 'no pre-filter': 'no pre-filter', 'mean only': 'mean only',
        'instance only': 'instance only', 'part only': 'part only', 'UNet features only': 'unet only',
        'CLIP features only': 'clip only', 'ensemble (UNet + CLIP)': 'code'}

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
    tables = {row: res.metrics(preset, by='kind') for row, preset in ROWS.items()}
    tables['no region source'] = no_regions.metrics(by='kind')
    tables['no sliding windows'] = no_windows.metrics(by='kind')
    tables['no windows, CLIP alone, no pre-filter'] = no_windows.metrics('clip only', by='kind', prefilter=False)
    order = ['full', 'no background', 'no pre-filter', 'no region source', 'no sliding windows', 'mean only', 'instance only', 'part only',
             'UNet features only', 'CLIP features only', 'ensemble (UNet + CLIP)', 'no windows, CLIP alone, no pre-filter']
    classes = [c for c in tables['full']['kind'] if c != 'all']
    rows = [dict(row=r, mIoU=tables[r]['IoU'].iloc[-1], **dict(zip(classes, tables[r]['IoU'][:-1])), paper_VOC=PAPER_VOC.get(r, np.nan))
            for r in order]
    print(f"settings: {settings}\n{len(res.samples)} samples ({res.samples['image_id'].nunique()} scenes x {len(classes)} classes); "
          f"evaluation {t_full:.0f} s, without the region source {t_regions:.0f} s")
    print(pd.DataFrame(rows).to_markdown(index=False, floatfmt='.3f'))
    toggles = [dict(background=b, prefilter=f, kinds=k, k=K) for b in (True, False) for f in (True, False) for k in ('all', 'part') for K in (8, 32)]
    times = []
    for w in toggles:
        t0 = time.perf_counter(); res.metrics(**w); times.append(time.perf_counter() - t0)
    print(f'a toggle re-scores the split in {1000*np.median(times):.0f} ms (median of {len(times)}; max {1000*max(times):.0f} ms), '
          f'{len(res.components):,} candidate rows')

if __name__ == '__main__': main()
