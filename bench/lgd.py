"""LGD on the mini world, as in bench/RESULTS.md §9: the paper's ablation by expression kind, on Ref-Diff and Global-Local CLIP, with the mini-world describer and the oracle.

Usage: python bench/lgd.py [--data mini:test] [--n-scenes N] [--cache .refviz-cache] [--csv lgd.csv] [--val-grid]

Rows per base method and describer: the base alone (vanilla), + attribute description, + surrounding description, and
both (LGD), with a and b at their defaults; oIoU and mIoU per expression kind; then the issue's goal (LGD with the
mini describer lifts the spatial and relational kinds by at least 0.15 oIoU over Ref-Diff alone) and the paper's
claims. With --val-grid, also the a x b grid on the val split from which the defaults were chosen.
"""
import numpy as np
import pandas as pd
from refviz.evaluate import evaluate
from refviz.methods import METHODS
from refviz.lgd import lgd_ablation
from ablation import split_parser

METHODS_ = ('lgd', 'lgd-globallocal')
DESCRIBERS_ = ('mini', 'oracle')

def run(data, method, describer, cache, n_scenes=None):
    return evaluate(data, method=method, settings=describer, cache_dir=cache, n_scenes=n_scenes)  # the 'mini' and 'oracle' settings

def val_grid(cache, method) -> pd.DataFrame:
    "oIoU over a x b on the val split with the mini describer, best first."
    res, w = run('mini:val', method, 'mini', cache), METHODS[method].weights
    axis = lambda k: np.linspace(0, w[k].high, 9)
    rows = [dict(a=a, b=b, **res.metrics('code', by='kind', a=float(a), b=float(b)).set_index('kind')['oIoU'].to_dict())
            for a in axis('a') for b in axis('b')]
    return pd.DataFrame(rows).sort_values('all', ascending=False)

def main():
    p = split_parser(__doc__)
    p.add_argument('--val-grid', action='store_true', help='also the val split a x b grid the defaults were chosen on')
    a = p.parse_args()
    table = lgd_ablation([run(a.data, m, d, a.cache, a.n_scenes) for m in METHODS_ for d in DESCRIBERS_])
    if a.csv: table.to_csv(a.csv, index=False)
    print(f"{a.data}: {int(table.loc[table['kind'] == 'all', 'n'].iloc[0])} sentences")
    for metric in ('oIoU', 'mIoU'):
        wide = table.pivot_table(index=['base', 'describer', 'row'], columns='kind', values=metric, sort=False)
        print(f'\n{metric}\n\n' + wide[[c for c in wide.columns if c != 'all'] + ['all']].reset_index().to_markdown(index=False, floatfmt='.3f'))
    o = table.set_index(['base', 'describer', 'row', 'kind'])['oIoU']
    print('\ngoal: LGD (mini describer) over Ref-Diff alone, oIoU')
    for kind in ('spatial', 'relational'):
        gain = o['Ref-Diff', 'mini', 'LGD', kind] - o['Ref-Diff', 'mini', 'vanilla', kind]
        print(f'- {kind}: {gain:+.3f} ({"meets" if gain >= 0.15 else "misses"} +0.15)')
    print('\nclaims (oIoU, all kinds unless said):')
    for base in ('Ref-Diff', 'Global-Local CLIP'):
        for d in DESCRIBERS_:
            v = lambda row, kind='all': o[base, d, row, kind]
            sur_gain = {k: v('+ surrounding', k) - v('vanilla', k) for k in ('attribute', 'shape', 'spatial', 'comparative', 'relational')}
            print(f'- {base}, {d}: descriptions help {v("LGD") > v("vanilla")} ({v("vanilla"):.3f} -> {v("LGD"):.3f}); '
                  f'surrounding helps most on {max(sur_gain, key=sur_gain.get)} ({", ".join(f"{k} {g:+.3f}" for k, g in sur_gain.items())})')
    if a.val_grid:
        for m in METHODS_:
            print(f'\n{m}: val split, mini describer, oIoU by a and b (best 5)\n' + val_grid(a.cache, m).head(5).to_markdown(index=False, floatfmt='.3f'))

if __name__ == '__main__': main()
