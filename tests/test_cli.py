"The `refviz` command as a user runs it, on the shipped mini-world models."
import subprocess
import pytest
from conftest import tool

def refviz(*args, ok=True):
    r = subprocess.run([tool('refviz'), *map(str, args)], capture_output=True, text=True)  # no wall-clock limit: a slow machine is no failure
    if ok: assert r.returncode == 0, r.stdout + r.stderr
    return r

def test_help_lists_commands():
    out = refviz('--help').stdout
    for cmd in ('demo', 'eval', 'segment', 'figures', 'miniworld'): assert cmd in out  # the mini world's through its plugin
    methods = refviz('eval', '--help').stdout
    assert 'refdiff' in methods and 'regions' in methods and 'oracle' in methods
    said = ' '.join(methods.split())  # one meaning of --n-scenes on every dataset, and where REFER kinds come from
    assert 'only the first N images (mini-world scenes) of `data` that have a sentence' in said and '--kinds' in said

def test_segment_a_scene_and_a_photo(tmp_path):
    "`refviz segment` and `refviz.segment` on a mini-world test scene, and on a photo that ships with scikit-image."
    import numpy as np
    from PIL import Image
    from skimage import data as skdata
    import refviz as package
    from refviz.mini.benchmark import mini_samples
    s = next(s for s in mini_samples('mini', 'test', 20) if s.kind == 'attribute')
    Image.fromarray(s.image).save(tmp_path/'scene.png')
    out = refviz('segment', tmp_path/'scene.png', s.sentence, '--out', tmp_path/'mask.png').stdout
    mask = np.asarray(Image.open(tmp_path/'mask.png')) > 0
    assert (mask & s.mask).sum()/(mask | s.mask).sum() > 0.5, out
    assert Image.open(tmp_path/'mask-overlay.png').size == (s.image.shape[1], s.image.shape[0])
    assert 'refdiff' in out and 'candidate #' in out
    api = package.segment(s.image, s.sentence)
    assert (api.mask == mask).all() and 'correlation map' in api.explanation
    Image.fromarray(skdata.astronaut()).save(tmp_path/'photo.png')
    photo = refviz('segment', tmp_path/'photo.png', 'the red circle', '--out', tmp_path/'photo-mask.png').stdout
    assert 'the red circle' in photo and (tmp_path/'photo-mask.png').exists(), photo  # runs, and says what it did
    unknown = refviz('segment', tmp_path/'photo.png', 'the astronaut', ok=False)
    assert unknown.returncode == 2 and "['astronaut'] not in the mini world's vocabulary" in unknown.stderr and '--backbone' in unknown.stderr

def test_eval_then_figures(tmp_path):
    out = refviz('eval', '--data', 'mini:val', '--n-scenes', 4, '--cache', tmp_path/'cache', '--out', tmp_path/'res').stdout
    assert 'oIoU' in out and 'mIoU' in out and 'Prec@0.5' in out
    assert any(l.split()[:1] == ['all'] for l in out.splitlines()), out
    again = refviz('eval', '--data', 'mini:val', '--n-scenes', 4, '--cache', tmp_path/'cache', '--preset', 'paper').stdout
    assert 'preset=paper' in again
    figs = refviz('figures', '--results', tmp_path/'res', '--out', tmp_path/'figs', '--formats', 'png', 'svg').stdout
    names = sorted(p.name for p in (tmp_path/'figs').iterdir())
    assert names == sorted(f'{n}.{e}' for n in ('ablation-oiou', 'ablation-by-kind', 'sensitivity', 'qualitative') for e in ('png', 'svg'))
    assert all(p.stat().st_size > 1000 for p in (tmp_path/'figs').iterdir())

def test_eval_reads_the_refer_export(tmp_path):
    refviz('miniworld', 'export-refer', '--out', tmp_path/'refer', '--n-scenes', 3)
    out = refviz('eval', '--data', f'refer:{tmp_path/"refer"}', '--dataset', 'mini', '--split', 'val', '--cache', tmp_path/'cache').stdout
    direct = refviz('eval', '--data', 'mini:val', '--n-scenes', 3, '--cache', tmp_path/'cache').stdout
    from refviz.mini.benchmark import KIND_PRIORITY
    pick = lambda text: [l.split() for l in text.splitlines() if l.split()[:1] in (['all'], *[[k] for k in KIND_PRIORITY])]
    assert len(pick(out)) > 2 and pick(out) == pick(direct)  # same samples, same metrics; the word rule finds the benchmark's kinds
    assert "expression kinds: read from each sentence's words" in out and "expression kinds: the benchmark's own" in direct

@pytest.mark.parametrize('args,message', [
    (['eval', '--data', 'coco:val'], 'mini:'),
    (['eval', '--data', 'refer:/nowhere'], 'no REFER dataset'),
    (['eval', '--data', 'mini:val', '--backbone', '/nowhere/sd'], 'nowhere'),
    (['eval', '--data', 'mini:val', '--preset', 'bogus'], "unknown preset 'bogus' for refdiff"),
    (['segment', '/nowhere.png', 'the red circle'], 'image not found'),
])
def test_bad_input_gets_a_clear_error(args, message):
    r = refviz(*args, ok=False)
    assert r.returncode == 2 and message in r.stderr, r.stderr[-2000:]

def test_arguments_are_checked_before_any_model_runs(tmp_path):
    "A bad preset, fusion weight or output folder is reported at once, not after the whole evaluation."
    (tmp_path/'taken').write_text('a file')
    for args, message in [(['--out', tmp_path/'taken'], 'is a file; give a folder'), (['--out', '/proc/refviz-results'], 'cannot be written'),
                          (['--preset', 'bogus'], "unknown preset 'bogus'"),
                          (['--method', 'globallocal', '--preset', 'paper'], "unknown preset 'paper' for globallocal")]:
        r = refviz('eval', '--data', 'mini:val', '--cache', tmp_path/'cache', *args, ok=False)
        assert r.returncode == 2 and message in r.stderr, r.stderr[-2000:]
    assert not (tmp_path/'cache').exists()  # nothing was computed

def test_demo(tmp_path):
    out = refviz('demo', '--out', tmp_path/'demo', '--n-scenes', 4).stdout
    assert 'oIoU' in out and (tmp_path/'demo'/'index.html').exists()

def test_miniworld_train_stops_and_resumes(tmp_path):
    "A two-stage run of the real trainer: stopped at step 2 of a 4-step schedule, then resumed to the end."
    import json
    from safetensors import safe_open
    narrow = json.dumps(dict(block_out_channels=[16, 16, 16], norm_num_groups=8))  # the shipped layout, a fraction of its cost
    args = ('miniworld', 'train', '--out', tmp_path, '--clip-steps', 2, '--unet-steps', 4, '--grounding-from', 1, '--device', 'cpu',
            '--unet-config', narrow)
    first = refviz(*args, '--unet-stop', 2).stdout.strip().splitlines()[-1]
    info = lambda: json.loads((tmp_path/'miniworld'/'refviz_backbone.json').read_text())['info']
    step = lambda: int(safe_open(tmp_path/'unet.ckpt.safetensors', 'pt').metadata()['step'])
    assert first == str(tmp_path/'miniworld') and (info()['step'], step()) == (2, 2)
    refviz(*args)
    assert (info()['step'], step()) == (4, 4)
    from refviz.mini.tinyunet import load_miniworld_backbone
    from refviz.sources import generate
    img = generate(load_miniworld_backbone(tmp_path/'miniworld', device='cpu'), 'a red circle', steps=2).images[0]
    assert img.shape == (32, 32, 3)
    # a second stage starts from the first one's UNet, on its CLIP, and records where it started
    refviz('miniworld', 'train', '--out', tmp_path/'stage2', '--init', tmp_path/'miniworld', '--unet-steps', 2,
           '--portraits', 0.5, '--lr', 1e-4, '--device', 'cpu', '--snapshots', 1)
    stage2 = json.loads((tmp_path/'stage2'/'miniworld'/'refviz_backbone.json').read_text())['info']
    snapshot = lambda step: json.loads((tmp_path/'stage2'/f'miniworld-{step}'/'refviz_backbone.json').read_text())['info']
    assert [snapshot(s)['step'] for s in (1, 2)] == [1, 2]  # the run measured along the way
    assert (stage2['init']['info']['step'], stage2['lr'], stage2['portraits']) == (4, 1e-4, 0.5)
    assert (tmp_path/'stage2'/'miniworld'/'clip').exists() and not (tmp_path/'stage2'/'clip').exists()
    bad = refviz('miniworld', 'train', '--out', tmp_path/'bad', '--init', tmp_path/'miniworld', '--clip-steps', 5, ok=False)
    assert bad.returncode == 2 and 'drop --clip-steps' in bad.stderr, bad.stderr[-2000:]
    # a four-step model misses the diffusion bars: eval measures the folder given, not the shipped models
    res = refviz('miniworld', 'eval', '--quick', '--per-pair', 1, '--models', tmp_path/'miniworld', '--json', tmp_path/'q.json', ok=False)
    rep = json.loads((tmp_path/'q.json').read_text())
    assert res.returncode == 1 and rep['backbone_info']['info']['step'] == 4 and not rep['bars']['samples_both']['holds']

def _rows(out:str, names) -> dict:
    "The per-class lines of `refviz eval`'s table for a semantic method: class -> its IoU (the last column)."
    return {l.split()[0]: float(l.split()[-1]) for l in out.splitlines() if l.split()[:1] in [[n] for n in names]}

def test_ovdiff_eval_then_figures(tmp_path):
    "OVDiff from the command line: the mini world's shapes as semantic samples, per-class IoU and their mean, and its figures."
    from refviz.evaluate import Results
    from refviz.mini.scenes import SHAPES
    args = ('eval', '--method', 'ovdiff', '--data', 'mini:test', '--classes', 'shapes', '--settings', 'mini-quick', '--n-scenes', 3,
            '--cache', tmp_path/'cache')
    out = refviz(*args, '--out', tmp_path/'res').stdout
    rows = _rows(out, ('background', *SHAPES, 'all'))
    assert set(rows) == {'background', *SHAPES, 'all'}, out
    res = Results.load(tmp_path/'res')
    assert abs(rows['all'] - res.metrics()['mIoU']) < 1e-3 and abs(rows['all'] - sum(rows[c] for c in ('background', *SHAPES))/6) < 2e-3
    assert 'one sample per image and class' in out and res.meta['proposals'] == 'generative'
    assert res.metrics('no background')['mIoU'] < rows['all']  # a toggle re-scores the saved table
    refviz('figures', '--results', tmp_path/'res', '--out', tmp_path/'figs', '--formats', 'png')
    assert sorted(p.name for p in (tmp_path/'figs').iterdir()) == ['ablation-by-kind.png', 'ablation-iou.png', 'qualitative.png']

def test_ovdiff_on_voc_with_real_model_folders(tmp_path):
    "`refviz eval --method ovdiff --data voc:DIR --backbone ... --clip ...`: a VOC folder in its real layout, tiny models of SD's and CLIP's architectures."
    import json, numpy as np, open_clip, torch
    from PIL import Image
    from refviz.core import save_json, save_tensors
    from refviz.clipscore import OPENAI_MEAN, OPENAI_STD
    from refviz.data import VOC_CLASSES
    from refviz.models import tiny_sd_pipeline_folder
    voc = tmp_path/'VOC2012'
    for d in ('JPEGImages', 'SegmentationClass', 'ImageSets/Segmentation'): (voc/d).mkdir(parents=True)
    rng = np.random.default_rng(0)
    for name, cls in (('2007_000001', 8), ('2007_000002', 15)):
        labels = np.zeros((32, 40), np.uint8); labels[6:26, 8:30] = 255; labels[8:24, 10:28] = cls
        Image.fromarray(rng.integers(0, 255, (32, 40, 3), dtype=np.uint8)).save(voc/'JPEGImages'/f'{name}.jpg')
        Image.fromarray(labels, mode='P').save(voc/'SegmentationClass'/f'{name}.png')
    (voc/'ImageSets/Segmentation/val.txt').write_text('2007_000001\n2007_000002\n')
    cfg = dict(embed_dim=32, vision_cfg=dict(image_size=64, layers=2, width=64, patch_size=16, head_width=32),
               text_cfg=dict(context_length=77, vocab_size=49408, width=32, heads=2, layers=2))
    torch.manual_seed(0); (tmp_path/'vit').mkdir()
    save_tensors(open_clip.CLIP(**cfg).state_dict(), tmp_path/'vit'/'open_clip_model.safetensors')
    save_json(dict(model_cfg=cfg, preprocess_cfg=dict(mean=list(OPENAI_MEAN), std=list(OPENAI_STD))), tmp_path/'vit'/'open_clip_config.json')
    # the official settings but for what tiny models and no SAM need: two support images of two steps, every layer, thresholds only
    (tmp_path/'settings.json').write_text(json.dumps(dict(preset='code', n_support=2, steps=2, unet_layers=None, instances=None, parts=[32])))
    out = refviz('eval', '--method', 'ovdiff', '--data', f'voc:{voc}', '--backbone', tiny_sd_pipeline_folder(tmp_path/'sd'),
                 '--clip', tmp_path/'vit', '--settings', tmp_path/'settings.json', '--device', 'cpu', '--cache', tmp_path/'cache').stdout
    rows = _rows(out, (*VOC_CLASSES, 'all'))
    assert set(rows) == {*VOC_CLASSES, 'all'} and all(0 <= v <= 1 for v in rows.values()), out
    assert '42 samples' in out, out  # two images, each with every class

def test_lgd_eval_with_each_describer_then_figures(tmp_path):
    "`refviz eval --method lgd --describer mini|oracle|vlm:PATH|file:PATH`, a bad descriptions file, and the a x b sensitivity figure."
    import json
    from refviz.evaluate import Results
    from refviz.lgd import save_tiny_vlm
    from refviz.mini.tinyclip import MINI_WORDS
    base = ('eval', '--method', 'lgd', '--data', 'mini:test', '--n-scenes', 2, '--cache', tmp_path/'cache')
    out = refviz(*base, '--describer', 'oracle', '--out', tmp_path/'oracle').stdout
    res = Results.load(tmp_path/'oracle')
    assert res.meta['settings']['describer'] == 'oracle' and res.samples['surrounding'].str.contains(' and ').all(), out
    overall = float(out.split('\n        all ')[1].split()[0])
    assert abs(overall - res.metrics()['oIoU']) < 1e-3 and res.metrics('vanilla')['oIoU'] <= 1
    refviz('figures', '--results', tmp_path/'oracle', '--out', tmp_path/'figs', '--formats', 'png')
    assert (tmp_path/'figs'/'sensitivity.png').exists()  # over a and b, LGD's own axes
    mine = refviz(*base, '--describer', 'mini', '--out', tmp_path/'mini').stdout
    assert 'preset=code' in mine and Results.load(tmp_path/'mini').meta['settings']['describer'] == 'mini'
    written = {r.sample_id: dict(attribute=r.attribute, surrounding=r.surrounding) for r in res.samples.itertuples()}
    (tmp_path/'d.json').write_text(json.dumps(written))
    by_hand = refviz(*base, '--describer', f"file:{tmp_path/'d.json'}").stdout
    assert by_hand.split('\n        all ')[1].split()[0] == out.split('\n        all ')[1].split()[0]  # the oracle's words, written by hand
    first = next(iter(written))
    (tmp_path/'d.json').write_text(json.dumps({**written, first: {'attribute': 'a red circle'}}))
    bad = refviz(*base, '--describer', f"file:{tmp_path/'d.json'}", ok=False)
    assert bad.returncode == 2 and f"entry {first!r} has no key(s) ['surrounding']" in bad.stderr, bad.stderr
    vlm = save_tiny_vlm(tmp_path/'vlm', MINI_WORDS)
    (tmp_path/'short.json').write_text(json.dumps(dict(preset='mini', max_new_tokens=6)))  # the tiny CLIP reads at most 38 tokens
    noise = refviz(*base, '--describer', f'vlm:{vlm}', '--settings', tmp_path/'short.json', '--out', tmp_path/'vlm-res').stdout
    assert 'Results(lgd on mini:test' in noise and len(Results.load(tmp_path/'vlm-res').samples) == len(res.samples)
    wrong = refviz(*base, '--describer', 'gpt', ok=False)
    assert wrong.returncode == 2 and "unknown describer 'gpt'" in wrong.stderr

def test_sag_with_the_shipped_weights(tmp_path):
    "`refviz eval --method sag` on the shipped model, its figures, and its slots as Ref-Diff's proposals."
    from refviz.evaluate import Results
    out = refviz('eval', '--method', 'sag', '--data', 'mini:test', '--n-scenes', 3, '--cache', tmp_path/'cache', '--out', tmp_path/'res').stdout
    res = Results.load(tmp_path/'res')
    assert 'Results(sag on mini:test' in out and res.meta['proposals'] == 'generative' and res.meta['models'] == {'sag': str(res.meta['models']['sag'])}
    assert abs(float(out.split('\n        all ')[1].split()[0]) - res.metrics()['oIoU']) < 1e-3
    refviz('figures', '--results', tmp_path/'res', '--out', tmp_path/'figs', '--formats', 'png')
    assert (tmp_path/'figs'/'qualitative.png').exists() and not (tmp_path/'figs'/'sensitivity.png').exists()  # its weights are choices
    slots = refviz('eval', '--proposals', 'slots', '--data', 'mini:test', '--n-scenes', 2, '--cache', tmp_path/'cache').stdout
    assert 'proposals=slots' in slots, slots
