"""Train a bigger mini-world UNet on a GPU within a time budget, measure it, and pack it for the trip back.

Usage: python bench/gpu_train.py OUT [--minutes 6] [--batch 128] [--workers 12] [--device cuda] [--config wide]
                                     [--portraits 0.25]

The shipped UNet draws blobs, not shapes (bench/RESULTS.md §3): it saw 192,000 scenes on two CPU cores. This run
conditions a wider, deeper UNet of the same layout (so the attention protocol's layers are the same) on the shipped
tiny CLIP, times a short probe of the exact run first, sets the schedule's length to fill `--minutes`, trains with
the shipped recipe's grounding loss (joining after the first sixth of the steps) and a quarter of the scenes drawn
as portraits (one large object on a plain background, the picture a one-object prompt means: on portraits alone
the shipped layout began to draw shapes within 2,000 CPU steps, which it never did on the regular scenes), writes
the full quality report and packs the backbone folder into OUT/miniworld.tar.gz.NN parts (here: `cat` them,
unpack, measure the full report on the CPU and install with `refviz.mini.quality.install_models` if it is better).
`bench/gpu_train.sh` runs it on a lent device machine.
"""
import argparse, shutil, tarfile, time
from pathlib import Path

import torch
from refviz.core import save_json
from refviz.mini.quality import train_miniworld, quality_report, format_report
from refviz.mini.tinyunet import load_miniworld_backbone
from refviz.mini.tinyclip import load_tiny_clip

# 'wide': 6.1M parameters (the shipped UNet has 2.7M), 12 MB in fp16: still small enough to ship in the package
CONFIGS = dict(shipped={}, wide=dict(block_out_channels=(48, 96, 144), attention_head_dim=8))
PART = 15*2**20  # the device tool brings back files of at most 16 MiB

def pack(folder:Path, out:Path) -> list:
    "`folder` as OUT/miniworld.tar.gz, in parts of at most `PART` bytes (`cat miniworld.tar.gz.* > miniworld.tar.gz`)."
    with tarfile.open(out/'miniworld.tar.gz', 'w:gz') as tar: tar.add(folder, arcname='miniworld')
    data = (out/'miniworld.tar.gz').read_bytes(); (out/'miniworld.tar.gz').unlink()
    parts = [out/f'miniworld.tar.gz.{i:02d}' for i in range(0, -(-len(data)//PART))]
    for i, part in enumerate(parts): part.write_bytes(data[i*PART:(i + 1)*PART])
    return parts

def seconds_per_step(out:Path, steps:int, **kw) -> float:
    "Time `steps` steps of the run (grounding on), after a few unmeasured ones that warm the device up."
    shutil.rmtree(out, ignore_errors=True)
    train_miniworld(out, clip_steps=0, unet_steps=steps, grounding_from=0, unet_stop=5, progress=False, **kw)
    start = time.perf_counter()
    train_miniworld(out, clip_steps=0, unet_steps=steps, grounding_from=0, progress=False, **kw)
    return (time.perf_counter() - start)/(steps - 5)

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('out'); p.add_argument('--minutes', type=float, default=6); p.add_argument('--batch', type=int, default=128)
    p.add_argument('--workers', type=int, default=12); p.add_argument('--device', default='cuda')
    p.add_argument('--config', default='wide', choices=list(CONFIGS)); p.add_argument('--probe-steps', type=int, default=60)
    p.add_argument('--portraits', type=float, default=0.25, help='share of portraits among the training scenes')
    p.add_argument('--quick', action='store_true', help='the quick quality report (what CI checks) instead of the full one')
    p.add_argument('--work', default='/tmp/refviz-gpu-run', help='checkpoints and folders (OUT gets only the results)')
    a = p.parse_args()
    out, work = Path(a.out), Path(a.work); out.mkdir(parents=True, exist_ok=True)
    kw = dict(batch=a.batch, workers=a.workers, device=a.device, unet_config=CONFIGS[a.config] or None, portraits=a.portraits)
    per_step = seconds_per_step(work/'probe', a.probe_steps, **kw)
    steps = max(int(a.minutes*60/per_step), 10)
    print(f'{per_step*1000:.1f} ms a step at batch {a.batch} ({a.config}): {steps} steps in {a.minutes} minutes', flush=True)
    start = time.perf_counter()
    folder = train_miniworld(work/'run', clip_steps=0, unet_steps=steps, grounding_from=steps//6, progress=False, **kw)
    trained = time.perf_counter() - start
    # measured on the CPU, as everywhere else (the machine's cores are idle now)
    rep = quality_report(load_miniworld_backbone(folder, device='cpu', dtype=torch.float32), *load_tiny_clip(folder/'clip'),
                         quick=a.quick, progress=False)
    rep['run'] = dict(seconds_per_step=per_step, steps=steps, train_seconds=trained, config=a.config, **kw)
    save_json(rep, out/'quality.json', default=str)
    print(format_report(rep), flush=True)
    print('packed:', *[p.name for p in pack(folder, out)])

if __name__ == '__main__': main()
