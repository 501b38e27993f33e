"""Seconds per sample of Ref-Diff's evaluation with a Stable-Diffusion-1.5-sized backbone, with a cold and a warm cache.

Usage: python bench/eval_speed.py [--device cuda|cpu] [--size 512] [--n-scenes 2]

Builds a randomly initialised pipeline of Stable Diffusion 1.5's size (UNet, VAE, CLIP ViT-L/14 text encoder: speed
does not depend on the weights), saves it as a diffusers folder and loads it through `load_backbone`, exactly as a
real checkpoint is loaded; scores with a randomly initialised open_clip ViT-B/16. Then runs `evaluate` on the first
`--n-scenes` mini-world test images at `--size` pixels twice: once with an empty component cache (every model runs)
and once more (everything comes from the cache, as when a widget or `refviz eval --preset` re-scores).
"""
import argparse, tempfile, time
from dataclasses import replace
from pathlib import Path

import torch

from capture import SD15

def sd15_folder(folder) -> Path:
    "A randomly initialised SD-1.5-sized pipeline saved in diffusers layout."
    from diffusers import UNet2DConditionModel, AutoencoderKL
    from transformers import CLIPTextModel, CLIPTextConfig
    from refviz.models import tiny_sd_components, save_pipeline_folder
    parts = tiny_sd_components()  # for its scheduler: Stable Diffusion's
    torch.manual_seed(0)
    parts['unet'] = UNet2DConditionModel(**SD15)
    parts['vae'] = AutoencoderKL(block_out_channels=(128, 256, 512, 512), down_block_types=('DownEncoderBlock2D',)*4,
                                 up_block_types=('UpDecoderBlock2D',)*4, layers_per_block=2, latent_channels=4, sample_size=512)
    parts['text_encoder'] = CLIPTextModel(CLIPTextConfig(hidden_size=768, intermediate_size=3072, num_hidden_layers=12,
                                                         num_attention_heads=12, max_position_embeddings=77, projection_dim=768))
    return save_pipeline_folder(parts, folder)

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    p.add_argument('--size', type=int, default=512); p.add_argument('--n-scenes', type=int, default=2)
    a = p.parse_args()
    from refviz.models import load_backbone
    from refviz.clipscore import load_clip
    from refviz.refdiff import GENERATIVE_PRESETS
    from refviz.evaluate import evaluate
    from refviz.models import Models
    with tempfile.TemporaryDirectory() as tmp:
        bb = load_backbone(sd15_folder(Path(tmp)/'sd15'), device=a.device)
        clip = load_clip('ViT-B-16', device=a.device)
        settings = replace(GENERATIVE_PRESETS['code'], size=a.size)
        print(f'device={a.device} dtype={bb.dtype} size={a.size} threads={torch.get_num_threads()}')
        for run in ('cold cache', 'warm cache'):
            t0 = time.perf_counter()
            res = evaluate('mini:test', 'regions', models=Models(backbone=bb, clip=clip), settings=settings, cache_dir=Path(tmp)/'cache',
                           n_scenes=a.n_scenes, progress=False)
            dt = time.perf_counter() - t0
            print(f'{run}: {len(res.samples)} samples in {dt:.1f} s = {dt/len(res.samples):.2f} s per sample', flush=True)

if __name__ == '__main__': main()
