"""Ref-Diff's ablation table on the mini world's whole test split, as in bench/RESULTS.md, with the Global-Local CLIP baseline beside it.

Usage: python bench/ablation.py [--data mini:test] [--n-scenes N] [--cache .refviz-cache] [--csv ablation.csv] [--no-baseline]

Rows as in the paper (G with weight-free proposals; G + P, D + P and the full fusion with colour-region proposals
standing in for SAM, and again with oracle proposals), then Global-Local CLIP on the same proposals; oIoU and mIoU per
expression kind, the papers' RefCOCO val mIoU beside each row, and whether Ref-Diff's claims hold. The shipped
mini-world models by default.
"""
import argparse
import numpy as np
import pandas as pd
from refviz.evaluate import evaluate
from refviz.methods import METHODS
from refviz.refdiff import ablation_rows, ablation_pivot

BASELINE = ('globallocal', 26.20)  # Global-Local CLIP, RefCOCO val mIoU (%), as Ref-Diff's paper reports it

def baseline_rows(results:dict, by:str='kind') -> pd.DataFrame:
    "The baseline's rows (its first preset) for each proposal source, with its paper figure."
    name, paper = BASELINE
    m = METHODS[name]()
    parts = [res.metrics(next(iter(m.presets)), by=by).assign(row=m.label or name, proposals=source) for source, res in results.items()]
    table = pd.concat(parts, ignore_index=True)
    table['paper_mIoU'] = np.where(table[by] == 'all', paper/100, np.nan)
    return table

def split_parser(doc:str) -> argparse.ArgumentParser:
    "A benchmark's parser with the options of every split-level table: --data, --n-scenes, --cache and --csv."
    p = argparse.ArgumentParser(description=doc.splitlines()[0])
    p.add_argument('--data', default='mini:test'); p.add_argument('--n-scenes', type=int)
    p.add_argument('--cache', default='.refviz-cache'); p.add_argument('--csv')
    return p

def main():
    p = split_parser(__doc__)
    p.add_argument('--no-baseline', action='store_true', help='only the Ref-Diff rows')
    a = p.parse_args()
    run = lambda source, method='refdiff': evaluate(a.data, source, method, cache_dir=a.cache, n_scenes=a.n_scenes)
    table = ablation_rows({source: run(source) for source in ('generative', 'regions', 'oracle')})
    if not a.no_baseline and BASELINE[0] in METHODS:
        table = pd.concat([table, baseline_rows({source: run(source, BASELINE[0]) for source in ('regions', 'oracle')})], ignore_index=True)
    if a.csv: table.to_csv(a.csv, index=False)
    n = int(table.loc[(table['kind'] == 'all') & (table['row'] == 'G'), 'n'].iloc[0])
    print(f'{a.data}: {n} sentences')
    for metric in ('oIoU', 'mIoU'):
        print(f'\n{metric}\n\n' + ablation_pivot(table, metric).to_markdown(index=False, floatfmt='.3f'))
    m = table[table['kind'] == 'all'].set_index(['proposals', 'row'])['mIoU']
    claims = {'G < G + P': m['generative', 'G'] < m['regions', 'G + P'], 'G + P < D + P': m['regions', 'G + P'] < m['regions', 'D + P'],
              'full > G + P and D + P': m['regions', 'Ref-Diff'] > max(m['regions', 'G + P'], m['regions', 'D + P']),
              'regions <= oracle (full)': m['regions', 'Ref-Diff'] <= m['oracle', 'Ref-Diff']}
    print('\nclaims (mIoU, region proposals):\n' + '\n'.join(f'- {k}: {"holds" if v else "does not hold"}' for k, v in claims.items()))

if __name__ == '__main__': main()
