#!/bin/bash
# Train a bigger mini-world UNet on a lent device machine (bench/gpu_train.py; bench/RESULTS.md §3).
#   here, once:      bench/gpu_train.sh wheels       (the packages refviz needs that the device image lacks, into .whl/)
#   on the device:   bench/gpu_train.sh [gpu_train.py options]   (with .whl carried; writes to $OUT)
set -eo pipefail
WHEELS="diffusers open_clip_torch ftfy wcwidth fastcore importlib_metadata"
if [ "$1" = wheels ]; then
    pins=$(python3 - $WHEELS <<'PY'
import sys, importlib.metadata as m
print(' '.join(f'{n}=={m.version(n)}' for n in sys.argv[1:]))
PY
)
    python3 -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
        --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 -d .whl $pins
    ls .whl; exit
fi
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
export PYTHONPATH=/tmp/site:$PWD PYTHONUNBUFFERED=1
out=${OUT:-gpu-run}; mkdir -p "$out"
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader || true
python3 bench/gpu_train.py "$out" "$@" 2>&1 | tee "$out/log.txt"
