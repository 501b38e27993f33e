"""Cost of capturing cross-attention: time and memory of a captured UNet forward relative to a plain one.

Usage: python bench/capture.py [--device cpu|cuda] [--sizes tiny sd15] [--steps 10] [--repeats 5]

For each UNet (the mini world's tiny one, and a randomly initialised UNet of Stable Diffusion 1.5's size with
64x64 latents: speed does not depend on the weights) it times, in one process and interleaved so that machine
noise hits every variant alike:
  plain       -- the UNet as diffusers runs it (fused attention everywhere)
  aggregated  -- every attn2 layer recorded, heads averaged, maps averaged online over the steps
  full        -- every attn2 layer recorded per step and per head (what the byte budget is for)
and reports the median time per forward, the ratio to plain, and the peak memory of each variant (each variant
runs `--steps` forwards inside one capture, so memory that grows with the steps shows). Peak memory is measured
in a fresh subprocess per variant (peak RSS on the CPU, max_memory_allocated on CUDA).
"""
import argparse, json, statistics, subprocess, sys, time

import torch

SD15 = dict(sample_size=64, in_channels=4, out_channels=4, block_out_channels=(320, 640, 1280, 1280), layers_per_block=2,
            down_block_types=('CrossAttnDownBlock2D',)*3 + ('DownBlock2D',), up_block_types=('UpBlock2D',) + ('CrossAttnUpBlock2D',)*3,
            cross_attention_dim=768, attention_head_dim=8)

def build(size, device, dtype):
    from diffusers import UNet2DConditionModel
    from refviz.mini.tinyunet import new_unet
    torch.manual_seed(0)
    unet = (new_unet() if size == 'tiny' else UNet2DConditionModel(**SD15)).to(device, dtype).eval()
    c = unet.config
    x = torch.randn(2, c.in_channels, c.sample_size, c.sample_size, device=device, dtype=dtype)  # a guided batch
    ctx = torch.randn(2, 77 if size == 'sd15' else 40, c.cross_attention_dim, device=device, dtype=dtype)
    return unet, x, ctx

SPECS = dict(plain=None, aggregated=dict(keep=('layer',)), full=dict(keep=('step', 'layer'), heads='keep', max_bytes=2**40))

def run(unet, x, ctx, variant, steps):
    "`steps` forwards at decreasing timesteps, under one capture for the captured variants; returns stored bytes."
    from refviz.capture import capture, CaptureSpec
    ts = torch.linspace(900, 50, steps).round()
    with torch.no_grad():
        if SPECS[variant] is None:
            for t in ts: unet(x, t, ctx)
            return 0
        with capture(unet, CaptureSpec(**SPECS[variant]), cfg_batch=True) as rec:
            for t in ts: unet(x, t, ctx)
        return rec.nbytes

def sync(device):
    if device == 'cuda': torch.cuda.synchronize()

def timing(size, device, dtype, steps, repeats):
    unet, x, ctx = build(size, device, dtype)
    run(unet, x, ctx, 'aggregated', 1); run(unet, x, ctx, 'plain', 1)  # warm up
    times = {v: [] for v in SPECS}
    for _ in range(repeats):
        for v in SPECS:  # interleaved
            sync(device); t0 = time.perf_counter(); run(unet, x, ctx, v, steps); sync(device)
            times[v].append((time.perf_counter() - t0)/steps)
    return {v: statistics.median(t) for v, t in times.items()}

def memory(size, device, dtype, variant, steps):
    "Peak memory of one variant, in this (fresh) process."
    import resource
    unet, x, ctx = build(size, device, dtype)
    if device == 'cuda': torch.cuda.reset_peak_memory_stats()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    stored = run(unet, x, ctx, variant, steps)
    peak = torch.cuda.max_memory_allocated() if device == 'cuda' else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss*1024
    return dict(peak_bytes=peak, stored_bytes=stored, rss_before_bytes=before*1024)

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    p.add_argument('--sizes', nargs='+', default=['tiny', 'sd15'])
    p.add_argument('--steps', type=int, default=10)
    p.add_argument('--repeats', type=int, default=5)
    p.add_argument('--memory-child', nargs=3, help=argparse.SUPPRESS)
    a = p.parse_args()
    dtype = torch.float16 if a.device == 'cuda' else torch.float32
    if a.memory_child:
        size, variant, steps = a.memory_child
        print(json.dumps(memory(size, a.device, dtype, variant, int(steps)))); return
    print(f'device={a.device} dtype={dtype} torch={torch.__version__} threads={torch.get_num_threads()} steps={a.steps}')
    print(f"{'unet':6} {'variant':11} {'s/forward':>10} {'x plain':>8} {'peak MiB':>9} {'stored MiB':>10} {'stored MiB @2x steps':>20}")
    for size in a.sizes:
        t = timing(size, a.device, dtype, a.steps, a.repeats)
        for v in SPECS:
            mem = [json.loads(subprocess.run([sys.executable, __file__, '--device', a.device, '--memory-child', size, v, str(n)],
                                             capture_output=True, text=True, check=True).stdout) for n in (a.steps, 2*a.steps)]
            print(f"{size:6} {v:11} {t[v]:10.4f} {t[v]/t['plain']:8.3f} {mem[0]['peak_bytes']/2**20:9.0f} "
                  f"{mem[0]['stored_bytes']/2**20:10.1f} {mem[1]['stored_bytes']/2**20:20.1f}", flush=True)

if __name__ == '__main__': main()
