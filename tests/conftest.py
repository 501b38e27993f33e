import os, sys
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

@pytest.fixture(scope='session')
def root(): return ROOT

def tool(name):
    "Path of a console script installed beside the running Python (the project's venv)."
    return str(BIN/name)
