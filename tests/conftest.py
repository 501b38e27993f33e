import os, sys
from pathlib import Path
import pytest

# pytest-xdist runs two workers on two cores: one thread each, for them and for every process they start (notebooks,
# the CLI, Jupyter kernels). Two workers of two threads each thrash: two OVDiff notebooks side by side took 124 s
# with two threads each and 54 s with one.
for var in ('OMP_NUM_THREADS', 'MKL_NUM_THREADS', 'OPENBLAS_NUM_THREADS'): os.environ.setdefault(var, '1')

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

@pytest.fixture(scope='session')
def root(): return ROOT

def tool(name):
    "Path of a console script installed beside the running Python (the project's venv)."
    return str(BIN/name)

# xdist hands tests to its workers in collection order: starting the slowest first (minutes each) keeps one worker
# from finishing them alone at the end
SLOWEST = ('test_miniworld_train_stops_and_resumes', 'test_shipped_models_keep_their_measured_quality',
           'test_fusion_slider_updates_metrics_and_plot', 'refdiff_ablation.ipynb', '16_evaluate.ipynb')

def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: next((i for i, name in enumerate(SLOWEST) if name in item.nodeid), len(SLOWEST)))
