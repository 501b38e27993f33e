"""Ref-Diff's ablation table on the mini world's whole test split, as in bench/RESULTS.md.

Usage: python bench/ablation.py [--data mini:test] [--n-scenes N] [--cache .refviz-cache] [--csv ablation.csv]

Rows as in the paper (G with weight-free proposals; G + P, D + P and the full fusion with colour-region proposals
standing in for SAM, and again with oracle proposals), oIoU and mIoU per expression kind, the paper's RefCOCO val
mIoU beside each row, and whether the paper's claims hold. The shipped mini-world models by default.
"""
import argparse
import pandas as pd
from refviz.evaluate import ablation_table, ablation_pivot

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--data', default='mini:test'); p.add_argument('--n-scenes', type=int)
    p.add_argument('--cache', default='.refviz-cache'); p.add_argument('--csv')
    a = p.parse_args()
    table = ablation_table(a.data, ('regions', 'oracle'), cache_dir=a.cache, n_scenes=a.n_scenes)
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
