"""The package's layers point one way. The import graph is derived from the source of every module of refviz/
(module-level and function-level imports alike): a module may import its own layer and the layers below it, and the
library never imports the mini world, which plugs in through the `refviz.plugins` entry point."""
import ast
from pathlib import Path
import pytest
from conftest import ROOT

LAYERS = [('core', 'metrics'),
          ('models', 'capture', 'sources', 'training', 'data', 'proposals', 'clipscore'),
          ('methods', 'refdiff', 'globallocal', 'ovdiff', 'lgd', 'sag'),
          ('evaluate',),
          ('predict', 'figures', 'widgets', 'cli')]  # predict: `segment`, a one-call view on top, shows itself with figures
LAYER = {m: i for i, names in enumerate(LAYERS) for m in names}
PKG = ROOT/'refviz'

def module_name(path:Path) -> str: return '.'.join(path.relative_to(PKG).with_suffix('').parts)

def imports(path:Path) -> set:
    "The refviz modules `path` imports, as names relative to the package ('core', 'mini.scenes', ...)."
    here = module_name(path).split('.')[:-1]
    out = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import): names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ''
            if node.level: base = '.'.join(here[:len(here) - node.level + 1] + ([base] if base else []))
            elif base.startswith('refviz'): base = base[len('refviz.'):] if base != 'refviz' else ''
            else: continue
            names = [f'{base}.{a.name}' if base else a.name for a in node.names] + ([base] if base else [])
            names = ['refviz.' + n for n in names]
        else: continue
        out |= {n[len('refviz.'):] for n in names if n.startswith('refviz.')}
    return {n for n in out if (PKG/f"{n.replace('.', '/')}.py").exists()}

MODULES = sorted(p for p in PKG.rglob('*.py') if p.name not in ('__init__.py', '_modidx.py'))

def test_every_library_module_has_a_layer():
    library = [module_name(p) for p in MODULES if not module_name(p).startswith('mini.')]
    assert set(library) <= set(LAYER), f"place {sorted(set(library) - set(LAYER))} in a layer of tests/test_layers.py"

@pytest.mark.parametrize('path', MODULES, ids=[module_name(p) for p in MODULES])
def test_imports_point_down(path):
    name = module_name(path)
    if name.startswith('mini.'): return  # the mini world may use any of the library
    for dep in imports(path):
        assert not dep.startswith('mini'), f"{name} imports the mini world ({dep}); register what it needs instead"
        assert LAYER[dep] <= LAYER[name], f"{name} (layer {LAYER[name]}) imports {dep} (layer {LAYER[dep]}), a higher layer"

def test_the_graph_is_read(tmp_path):
    "The reader sees relative, absolute and function-level imports."
    assert {'core', 'methods', 'models'} <= imports(PKG/'refdiff.py')
    assert 'predict' in imports(PKG/'cli.py')  # imported inside a command function
    assert 'mini.scenes' in imports(PKG/'mini'/'plugin.py')
