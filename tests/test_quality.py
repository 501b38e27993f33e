"""The shipped mini-world models are intact and, on a fixed sample of the test split, still measure what they measured
when they were installed; the quality bars they reached then must still hold."""
from refviz.mini.quality import quality_report, verify_models, shipped_quality, format_report

TOLERANCE = 0.05  # floating-point differences between machines move a few borderline cases, no more

def test_shipped_files_match_their_checksums():
    assert {'unet/diffusion_pytorch_model.safetensors', 'clip/open_clip_model.safetensors', 'quality.json'} <= set(verify_models())

def test_shipped_models_keep_their_measured_quality():
    shipped, rep = shipped_quality(), quality_report(quick=True, progress=False)
    print(format_report(rep))
    for name, bar in rep['bars'].items():
        then = shipped['bars'][name]
        assert bar['value'] >= then['value'] - TOLERANCE, f"{name} fell from {then['value']:.3f} to {bar['value']:.3f}"
        if then['holds']: assert bar['holds'], f"{name} no longer reaches its bar {bar['bar']}: {bar['value']:.3f}"

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
