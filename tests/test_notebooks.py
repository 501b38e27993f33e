"Every notebook in nbs/ runs and its tests pass (nbdev-test, one process per notebook)."
import subprocess
import pytest
from conftest import ROOT, tool

NOTEBOOKS = sorted(p for p in (ROOT/'nbs').rglob('*.ipynb') if not any(part.startswith(('_', '.')) for part in p.relative_to(ROOT/'nbs').parts))

@pytest.mark.parametrize('nb', NOTEBOOKS, ids=[str(p.relative_to(ROOT/'nbs')) for p in NOTEBOOKS])
def test_notebook(nb):
    r = subprocess.run([tool('nbdev-test'), str(nb)], cwd=ROOT, capture_output=True, text=True)  # no wall-clock limit
    assert r.returncode == 0, (r.stdout + r.stderr)[-6000:]
