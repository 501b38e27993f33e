"""Shatter-and-Gather against the zero-shot methods on the mini world, as in bench/RESULTS.md §10: Ref-Diff's central claim, checked.

Usage: python bench/sag.py [--data mini:test] [--n-scenes N] [--cache .refviz-cache] [--csv sag.csv]

Rows: SaG (weakly supervised: trained on the mini world's train pairs, no masks; the shipped model, its official mask),
Ref-Diff's generative branch alone (G, its weight-free proposals), Global-Local CLIP, full Ref-Diff and LGD (on Ref-Diff,
the mini describer), the last three on colour-region proposals. oIoU, mIoU, Prec@0.5 and PointM, overall and by
expression kind; then whether the paper's claim (no training, competitive with weak supervision) holds here.
"""
import pandas as pd
from refviz.evaluate import evaluate, compare
from ablation import split_parser

RUNS = {'SaG (weakly supervised)': ('sag', None, None, 'code'), 'Ref-Diff G (generative only)': ('refdiff', 'generative', None, 'generative'),
        'Global-Local CLIP': ('globallocal', 'regions', None, 'code'), 'Ref-Diff': ('refdiff', 'regions', None, 'code'),
        'LGD on Ref-Diff (mini describer)': ('lgd', 'regions', 'mini', 'code')}  # label -> (method, proposals, settings, preset)

def main():
    a = split_parser(__doc__).parse_args()
    runs = {label: (evaluate(a.data, proposals, method, settings=settings, cache_dir=a.cache, n_scenes=a.n_scenes), preset)
            for label, (method, proposals, settings, preset) in RUNS.items()}
    table = compare(runs)
    if a.csv: table.to_csv(a.csv, index=False)
    print(f"{a.data}: {int(table.loc[table['kind'] == 'all', 'n'].iloc[0])} sentences\n")
    print(table[table['kind'] == 'all'].drop(columns=['kind']).to_markdown(index=False, floatfmt='.3f'))
    wide = table.pivot_table(index='method', columns='kind', values='oIoU', sort=False)
    print('\noIoU by kind\n\n' + wide[[c for c in wide.columns if c != 'all'] + ['all']].reset_index().to_markdown(index=False, floatfmt='.3f'))
    m = table[table['kind'] == 'all'].set_index('method')['mIoU']
    sag = m['SaG (weakly supervised)']
    print('\nclaim: a generative model with no training is competitive with weakly supervised SaG (mIoU)')
    for label in ('Ref-Diff G (generative only)', 'Ref-Diff', 'LGD on Ref-Diff (mini describer)'):
        print(f'- {label}: {m[label]:.3f} against SaG {sag:.3f} ({m[label] - sag:+.3f})')

if __name__ == '__main__': main()
