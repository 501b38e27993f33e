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
