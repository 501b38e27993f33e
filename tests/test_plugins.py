"""A method added by a notebook and its registration alone (Global-Local CLIP) works everywhere a method is used: the
command line, the results, the fusion widget and the failure browser, none of which names it."""
import re
from conftest import ROOT
from test_cli import refviz

def test_library_code_does_not_name_the_baseline():
    for module in ('evaluate', 'cli', 'widgets', 'figures', 'predict'):
        assert not re.search('globallocal|global-local', (ROOT/'refviz'/f'{module}.py').read_text(), re.I), module

def test_globallocal_from_the_command_line_to_the_widgets(tmp_path):
    out = refviz('eval', '--method', 'globallocal', '--preset', 'code', '--data', 'mini:val', '--n-scenes', 3,
                 '--cache', tmp_path/'cache', '--out', tmp_path/'res').stdout
    assert 'Results(globallocal on mini:val' in out and any(l.split()[:1] == ['all'] for l in out.splitlines()), out
    from refviz.evaluate import Results
    from refviz.widgets import FusionAblation, FailureBrowser
    res = Results.load(tmp_path/'res')
    assert res.method.name == 'globallocal' and {'g_s', 'l_s'} <= set(res.components.columns)
    fa = FusionAblation(res)
    assert set(fa.controls) == set(res.method.weights) == {'w_global', 'w_sentence'}
    fa.controls['w_global'].value = 0.
    assert fa.current() == res.metrics(None, w_global=0., w_sentence=0.5)  # its rows re-scored by its own fuse
    fb = FailureBrowser(res)
    shown = fb.table['proposal'].tolist()
    rows = res.components[res.components['sample_id'] == fb.selected]['proposal'].tolist()
    assert sorted(shown) == sorted(rows) and {'g_s', 'l_l'} <= set(fb.table.columns)
    figs = refviz('figures', '--results', tmp_path/'res', '--out', tmp_path/'figs', '--formats', 'png').stdout
    assert len(figs.split()) == 4
