"""What OVDiff's support sets cost to sample: seconds per class on the mini world, seconds per image at Stable Diffusion 1.5's size.

Usage: python bench/ovdiff_support.py [--device cuda|cpu] [--n 32] [--classes circle star]

1. The mini world: `sample_support_set` for each of `--classes` with `--n` images ("a {colour} {shape}", 30 steps, the
   model's guidance, attribution at its 16x16 layers, batches of 16), into an empty cache, then once more from the
   cache (which must sample nothing), and the prototypes built from it with each extractor.
2. A randomly initialised pipeline of Stable Diffusion 1.5's size (`bench/eval_speed.py`; speed does not depend on
   the weights), one 512x512 image with OVDiff's prompt, negative prompt and guidance 8, at 2 and at 4 steps:
   the difference is the cost of a step, the rest the fixed cost (text encoding, VAE decoding), and one image of the
   official 30 steps costs fixed + 30 steps.
"""
import argparse, tempfile, time
from pathlib import Path

import torch

def timed(f):
    t0 = time.perf_counter(); out = f(); return out, time.perf_counter() - t0

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    p.add_argument('--n', type=int, default=32); p.add_argument('--classes', nargs='+', default=['circle', 'star'])
    a = p.parse_args()
    from refviz.core import ComponentCache
    from refviz.ovdiff import support_prompts, sample_support_set, build_banks, unet_extractor, clip_extractor, SUPPORT_TEMPLATE, SUPPORT_NEGATIVE
    from refviz.proposals import colour_regions
    from refviz.mini.tinyunet import load_miniworld_backbone
    from refviz.mini.tinyclip import load_mini_clip
    from refviz.mini.scenes import COLOURS, HELD_OUT_PAIRS
    from refviz.mini.quality import ATTENTION_LAYERS
    bb, clip = load_miniworld_backbone(device=a.device), load_mini_clip(device=a.device)
    mini = dict(template='a {variant} {name}', variants=tuple(COLOURS), exclude=HELD_OUT_PAIRS)
    sampling = dict(negative='', steps=30, guidance=None, batch=16, attribution_layers=ATTENTION_LAYERS)
    print(f'device={a.device} threads={torch.get_num_threads()}')
    with tempfile.TemporaryDirectory() as tmp:
        cache = ComponentCache(Path(tmp)/'cache')
        for name in a.classes:
            _, cold = timed(lambda: sample_support_set(bb, name, support_prompts(name, a.n, **mini), cache=cache, progress=False, **sampling))
            misses = cache.misses
            _, warm = timed(lambda: sample_support_set(bb, name, support_prompts(name, a.n, **mini), cache=cache, progress=False, **sampling))
            assert cache.misses == misses, 'the cached support set was sampled again'
            print(f'mini world, {name}: {a.n} images sampled in {cold:.1f} s ({cold/a.n:.2f} s per image); from the cache {warm:.2f} s')
        regions = lambda img: colour_regions(img, COLOURS, min_area=4)
        for extractor, features in (('UNet queries', unet_extractor(bb)), ('tiny CLIP', clip_extractor(clip))):
            _, dt = timed(lambda: build_banks(bb, a.classes, lambda n: support_prompts(n, a.n, **mini), regions, {extractor: features}, cache=cache, progress=False, **sampling))
            print(f'prototypes from the cached support sets, {extractor}: {dt:.1f} s for {len(a.classes)} classes')
        from eval_speed import sd15_folder
        from refviz.models import load_backbone
        sd = load_backbone(sd15_folder(Path(tmp)/'sd15'), device=a.device)
        prompt = [SUPPORT_TEMPLATE.format(name='cat')]
        one = lambda steps: timed(lambda: sample_support_set(sd, 'cat', prompt, SUPPORT_NEGATIVE, steps=steps, guidance=8.0, batch=1, progress=False))[1]
        one(1)  # warm-up
        t2, t4 = one(2), one(4)
        step = (t4 - t2)/2; fixed = t2 - 2*step
        print(f'SD-1.5-sized, {sd.image_size}px, {sd.dtype}: {step:.2f} s per step, {fixed:.2f} s fixed; '
              f'one support image at 30 steps = {fixed + 30*step:.1f} s, a class of 32 = {32*(fixed + 30*step)/60:.1f} min')

if __name__ == '__main__': main()
