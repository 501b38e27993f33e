"""Nothing silently wrong (issue 19, the cases done so far): each case that gave a wrong number or a late traceback now
gives a clear error naming the file, weight or value and the fix, or a recompute, never a wrong number."""
import json, os, shutil, subprocess, warnings
import numpy as np
import pytest
import torch
from safetensors.torch import load_file, save_file
from conftest import ROOT, tool
from refviz.core import asset_path, as_mask
from refviz.evaluate import evaluate, Results
from refviz.models import Models, load_backbone
from refviz.mini.tinyclip import load_mini_clip

@pytest.fixture
def tampered(tmp_path):
    "A copy of the shipped mini-world models whose UNet weights are all zero."
    d = shutil.copytree(asset_path('miniworld'), tmp_path/'zeroed')
    f = d/'unet'/'diffusion_pytorch_model.safetensors'
    save_file({k: torch.zeros_like(v) for k, v in load_file(f).items()}, f)
    return d

def test_tampered_shipped_weights_are_refused_on_load(tampered):
    with pytest.raises(ValueError, match=r"files differ from their checksums: \['unet/diffusion_pytorch_model.safetensors'\]"):
        load_backbone(tampered, 'cpu')

def test_the_maps_cache_is_keyed_by_weights_not_by_name(tampered, tmp_path):
    (tampered/'checksums.json').unlink()  # a copy someone edited on purpose: loads, but is another model
    clip = load_mini_clip(device='cpu')
    run = lambda bb: evaluate('mini:val', 'regions', models=Models(backbone=bb, clip=clip), cache_dir=tmp_path/'cache', n_scenes=2, progress=False)
    shipped, zeroed = run(load_backbone(asset_path('miniworld'), 'cpu')), run(load_backbone(tampered, 'cpu'))
    assert zeroed.meta['models']['backbone'] == shipped.meta['models']['backbone'] == 'miniworld'  # the same name...
    assert zeroed.meta['cache_misses'] == zeroed.samples['image_id'].nunique()  # every image's maps computed again
    assert not np.allclose(zeroed.components['gen'], shipped.components['gen'])  # ...not the same maps

def test_a_truncated_unet_file_is_named(tmp_path):
    d = shutil.copytree(asset_path('miniworld'), tmp_path/'cut')
    (d/'checksums.json').unlink()
    f = d/'unet'/'diffusion_pytorch_model.safetensors'
    f.write_bytes(f.read_bytes()[:1000])
    with pytest.raises(ValueError, match=r"the UNet in .*cut/unet cannot be loaded .* damaged or incomplete"):
        load_backbone(d, 'cpu')

def test_damaged_cache_entries_are_all_reported_and_recomputed(tmp_path):
    first = evaluate('mini:val', 'regions', cache_dir=tmp_path/'cache', n_scenes=3, progress=False)
    maps = sorted((tmp_path/'cache'/'refdiff').glob('maps-*/*.safetensors'))
    for f in maps: f.write_bytes(f.read_bytes()[:-256] + bytes(256))  # tensor bytes zeroed, header intact
    with warnings.catch_warnings(record=True):
        warnings.simplefilter('always')
        again = evaluate('mini:val', 'regions', cache_dir=tmp_path/'cache', n_scenes=3, progress=False)
    assert sorted(again.meta['cache_repaired']) == sorted(map(str, maps))
    assert again.metrics() == first.metrics()

def test_results_tables_must_be_the_ones_their_run_wrote(tmp_path):
    a = evaluate('mini:val', 'regions', cache_dir=tmp_path/'cache', n_scenes=3, progress=False).save(tmp_path/'a')
    b = evaluate('mini:val', 'oracle', cache_dir=tmp_path/'cache', n_scenes=2, progress=False).save(tmp_path/'b')
    shutil.copy(b/'components.csv', a/'components.csv')  # tables of two different runs
    with pytest.raises(ValueError, match='components.csv is not the table this run wrote'): Results.load(a)
    text = (b/'components.csv').read_text(); (b/'components.csv').write_text(text[:len(text)//2])  # truncated
    with pytest.raises(ValueError, match='components.csv is not the table this run wrote'): Results.load(b)

def test_results_folders_are_relocatable(tmp_path):
    out = tmp_path/'work'; out.mkdir()
    subprocess.run([tool('refviz'), 'eval', '--data', 'mini:val', '--n-scenes', '2', '--cache', 'cache', '--out', 'res'],
                   cwd=out, check=True, capture_output=True)  # a relative cache, as a user types it
    shutil.move(out/'res', tmp_path/'moved')
    r = subprocess.run([tool('refviz'), 'figures', '--results', str(tmp_path/'moved'), '--out', str(tmp_path/'figs'), '--formats', 'png'],
                       cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0 and len(list((tmp_path/'figs').glob('*.png'))) == 4, r.stderr[-2000:]

@pytest.mark.parametrize('weights,message', [(dict(topk=0), 'topk=0 is outside its range [1, 20]'), (dict(topk=-1), 'topk=-1'),
                                             (dict(w_crop=float('nan')), 'w_crop=nan must be a finite number'),
                                             (dict(positional='bogus'), "positional='bogus' is not one of its options")])
def test_fusion_weights_are_checked(tmp_path, weights, message):
    res = evaluate('mini:val', 'regions', cache_dir=tmp_path/'cache', n_scenes=1, progress=False)
    with pytest.raises(ValueError, match=message.replace('[', r'\[').replace(']', r'\]')): res.metrics('code', **weights)

def test_timesteps_prompts_and_soft_masks():
    from refviz.sources import noise_once
    bb = Models(device='cpu').backbone
    img = np.zeros((64, 64, 3), np.uint8)
    for t in (-5, 1000):
        with pytest.raises(ValueError, match=r"scheduler's range 0..999"): noise_once(bb, img, 'a red circle', t=t)
    with pytest.raises(ValueError, match='non-empty list of prompts'): noise_once(bb, img, [], t=50)
    with pytest.raises(ValueError, match='pass threshold='): as_mask(np.full((4, 4), 0.1))

def test_no_proposal_anywhere_scores_every_sample_as_empty(tmp_path):
    from refviz.proposals import PROPOSAL_SOURCES, ProposalSource
    PROPOSAL_SOURCES.register('blind', ProposalSource(lambda sample, models: []))
    res = evaluate('mini:val', 'blind', cache_dir=tmp_path/'cache', n_scenes=2, progress=False)
    m = res.metrics()
    assert m['n'] == len(res.samples) > 0 and m['mIoU'] == m['oIoU'] == 0.

TINY = ROOT/'data'/'fixtures'/'refer_tiny'

@pytest.fixture
def refer(tmp_path):
    "A copy of the tiny REFER fixture to break."
    return shutil.copytree(TINY, tmp_path/'refer')

def _instances(d): return json.loads((d/'refcocog'/'instances.json').read_text())
def _write(d, inst): (d/'refcocog'/'instances.json').write_text(json.dumps(inst))

@pytest.mark.parametrize('breakage,message', [
    (lambda d, i: _write(d, {k: v for k, v in i.items() if k != 'annotations'}), "is not a COCO instances file"),
    (lambda d, i: _write(d, [i]), "is not a COCO instances file"),
    (lambda d, i: (d/'refcocog'/'instances.json').write_text('{"images": ['), "download it again with the refs file"),
])
def test_refer_annotation_files_are_named(refer, breakage, message):
    from refviz.data import load_refer
    breakage(refer, _instances(refer))
    with pytest.raises(ValueError, match=message): load_refer(refer, 'refcocog', 'val')

def test_refer_images_and_masks_are_checked(refer):
    from PIL import Image
    from refviz.data import load_refer
    first = load_refer(refer, 'refcocog', 'val')[0]
    inst = _instances(refer)
    entry = next(i for i in inst['images'] if i['id'] == first.image_id)
    img = refer/'images'/entry['file_name']
    Image.fromarray(np.zeros((5, 5, 3), np.uint8)).save(img)  # another size than instances.json says
    with pytest.raises(ValueError, match=r"is 5x5 but instances.json says"): load_refer(refer, 'refcocog', 'val')[0].image
    img.write_bytes(img.read_bytes()[:40])  # truncated
    with pytest.raises(ValueError, match=rf"image {img} cannot be read"): load_refer(refer, 'refcocog', 'val')[0].image
    original, entry['file_name'] = entry['file_name'], '/etc/passwd'
    _write(refer, inst)
    with pytest.raises(ValueError, match="outside the image folder"): load_refer(refer, 'refcocog', 'val')
    entry['file_name'] = original
    inst['annotations'][0]['segmentation'] = [[1, 2, 3]]  # not a polygon
    _write(refer, inst)
    samples = load_refer(refer, 'refcocog', 'val') + load_refer(refer, 'refcocog', 'test')
    with pytest.raises(ValueError, match=rf"annotation {inst['annotations'][0]['id']} of .*instances.json"):
        for s in samples: s.mask
