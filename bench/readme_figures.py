"""The pictures in the README, made from the shipped mini-world models so that anyone can remake them.

Usage: python bench/readme_figures.py [--out nbs/images]

Writes:
  samples.png        -- the diffusion model's samples for every 'a {colour} {shape}' (held-out pairs marked *)
  attention.png      -- where the model puts each word of a test scene's caption (cross-attention per word)
  ablation-by-kind.png, qualitative.png -- `refviz figures` on Ref-Diff's results for the first 40 test images (scenes with a sentence)
"""
import argparse, tempfile
from pathlib import Path

import numpy as np

from refviz.mini.tinyunet import load_miniworld_backbone
from refviz.mini.tinyclip import load_mini_clip
from refviz.sources import generate, noise_once
from refviz.mini.scenes import make_scene, split_seed, SHAPES, COLOURS, HELD_OUT_PAIRS
from refviz.mini.language import caption_and_order
from refviz.mini.tinyclip import OBJECT_NAMES
from refviz.mini.quality import ATTENTION_TIMESTEPS, ATTENTION_LAYERS
from refviz.figures import image_grid, token_heatmaps, save_figure
from refviz.evaluate import evaluate
from refviz.models import Models
from refviz.cli import figure_set

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--out', default='nbs/images'); p.add_argument('--n-scenes', type=int, default=40)
    a = p.parse_args(); out = Path(a.out)
    bb, clip = load_miniworld_backbone(device='cpu'), load_mini_clip(device='cpu')
    images = generate(bb, OBJECT_NAMES, steps=30, seed=0).images
    held = lambda n: tuple(n.split()[1:]) in HELD_OUT_PAIRS
    save_figure(image_grid(images, [n[2:] + ('*' if held(n) else '') for n in OBJECT_NAMES], ncols=len(SHAPES)*2), out, 'samples', formats=('png',))
    distinct = lambda s: len(s.objects) == 3 and len({o.colour for o in s.objects}) == len({o.shape for o in s.objects}) == 3
    sc = next(s for s in (make_scene(split_seed('test', i)) for i in range(200)) if distinct(s))  # every word names one object
    text = caption_and_order(sc, np.random.default_rng(sc.seed), size_p=0, position_p=0, relation_p=0)[0]
    rec = noise_once(bb, sc.image, text, t=list(ATTENTION_TIMESTEPS), seed=sc.seed).record
    words = list(dict.fromkeys(w for w in text.replace(',', ' ').split() if w in SHAPES or w in COLOURS))
    save_figure(token_heatmaps(rec, words=words, image=sc.image, layers=list(ATTENTION_LAYERS)), out, 'attention', formats=('png',))
    with tempfile.TemporaryDirectory() as tmp:
        res = evaluate('mini:test', 'regions', models=Models(backbone=bb, clip=clip), n_scenes=a.n_scenes, cache_dir=Path(tmp)/'cache')
        paths = figure_set(res, tmp, formats=('png',))
        for name in ('ablation-by-kind', 'qualitative'):
            (out/f'{name}.png').write_bytes(next(p for p in paths if Path(p).stem == name).read_bytes())
    print('\n'.join(sorted(str(p) for p in out.glob('*.png'))))

if __name__ == '__main__': main()
