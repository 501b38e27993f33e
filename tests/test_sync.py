"The library is what the notebooks export, and the notebooks are clean: CI refuses a change otherwise."
import shutil, subprocess
import pytest
from conftest import ROOT, tool

def tracked():
    r = subprocess.run(['git', 'ls-files'], cwd=ROOT, capture_output=True, text=True)
    if r.returncode: pytest.skip('not a git checkout')
    return [p for p in r.stdout.splitlines() if (ROOT/p).is_file()]

@pytest.mark.parametrize('command', ['nbdev-export', 'nbdev-clean'])
def test_command_changes_nothing(command, tmp_path):
    files = tracked()
    for p in files:
        (tmp_path/p).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT/p, tmp_path/p)
    r = subprocess.run([tool(command)], cwd=tmp_path, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    changed = [p for p in files if (tmp_path/p).read_bytes() != (ROOT/p).read_bytes()]
    new = [str(p.relative_to(tmp_path)) for p in tmp_path.rglob('*') if p.is_file() and str(p.relative_to(tmp_path)) not in files
           and '__pycache__' not in p.parts and not p.name.startswith('.')]
    assert not changed and not new, f'{command} would change {changed} and add {new}: run it and commit the result'
