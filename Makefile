# Two commands for a fresh machine (see README):  make demo   and   make test
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
ARCH := $(shell uname -m)
# torch and torchvision must be a matching pair; these install from the local wheel cache on our machines
ifeq ($(ARCH),aarch64)
TORCH := torch==2.9.1 torchvision==0.24.1
else
TORCH := torch==2.14.1 torchvision==0.29.1
endif

.PHONY: setup demo test browser readme

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check $(TORCH)
	$(BIN)/pip install -q --disable-pip-version-check -e ".[dev]"
	touch $@

setup: $(BIN)/.installed

## make demo: set up and run the mini-world demo (writes demo-report/index.html and prints the figures)
demo: setup
	$(BIN)/refviz demo --out demo-report

## the real-browser widget test needs Debian's chromium (kaleido uses it for static plotly exports too)
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

## make test: set up and run every test (notebooks, library sync, CLI, integration, real browser); ends with pytest's summary
test: setup browser
	$(BIN)/python -m pytest -n 2 -q --durations=10 tests

## make readme: render README.md from nbs/index.ipynb (the README's source; a test checks they agree)
readme: setup
	$(BIN)/python tests/test_readme.py
