"""The shipped mini-world models are intact and, on a fixed sample of the test split, still measure what they measured
when they were installed; the quality bars they reached then must still hold."""
import math
from refviz.mini.quality import quality_report, verify_models, shipped_quality, format_report

FLOAT_TOLERANCE = 0.03  # floating-point differences between machines move a few borderline cases, no more
PER_PAIR = 2  # samples per colour-shape pair: the first two of the six the shipped report drew (sampling is most of its time)

def test_shipped_files_match_their_checksums():
    assert {'unet/diffusion_pytorch_model.safetensors', 'clip/open_clip_model.safetensors', 'quality.json'} <= set(verify_models())

def sampling_tolerance(p:float, n:int, n_then:int) -> float:
    "Three standard errors of the difference between a proportion `p` measured on `n` and on `n_then` samples."
    return 3*math.sqrt(p*(1 - p)*(1/n + 1/n_then)) if n < n_then else 0.

def test_shipped_models_keep_their_measured_quality():
    shipped, rep = shipped_quality(), quality_report(quick=True, progress=False, per_pair=PER_PAIR)
    print(format_report(rep))
    assert rep['samples']['n'] == shipped['samples']['n']*PER_PAIR//6
    for name, bar in rep['bars'].items():
        then = shipped['bars'][name]
        tol = FLOAT_TOLERANCE + (sampling_tolerance(then['value'], rep['samples']['n'], shipped['samples']['n']) if name == 'samples_both' else 0)
        assert bar['value'] >= then['value'] - tol, f"{name} fell from {then['value']:.3f} to {bar['value']:.3f} (tolerance {tol:.3f})"
        if then['holds']: assert bar['value'] >= bar['bar'] - tol, f"{name} no longer reaches its bar {bar['bar']}: {bar['value']:.3f} (tolerance {tol:.3f})"

def test_shipped_files_name_no_training_machine_paths():
    "The shipped configs record how the models were trained, not where: no folder of the machine that trained them."
    import json, re
    from refviz.core import asset_path
    def strings(o):
        if isinstance(o, dict): yield from (s for v in o.values() for s in strings(v))
        elif isinstance(o, list): yield from (s for v in o for s in strings(v))
        elif isinstance(o, str): yield o
    for f in asset_path('miniworld').rglob('*.json'):
        paths = [s for s in strings(json.loads(f.read_text())) if re.match(r'^(/|~|\w:\\|[\w.-]+/[\w.-]+)', s)]
        assert not paths, f"{f.name} names paths {paths[:3]}"
