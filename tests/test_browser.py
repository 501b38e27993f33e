"""The widgets in a real browser: JupyterLab on 127.0.0.1 runs a tutorial, a fusion-weight slider moves, and the
metrics and the plot follow; in OVDiff's tutorial a toggle of the prototype explorer changes the mIoU and the picture. Needs Debian's chromium (`make test` installs it); a screenshot is saved to
test-artifacts/ for people to look at."""
import json, os, shutil, socket, subprocess, sys, time, urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import ROOT, BIN

CHROMIUM = shutil.which('chromium') or shutil.which('chromium-browser')
TUTORIAL = ROOT/'nbs'/'tutorials'/'refdiff_step_by_step.ipynb'
OVDIFF_TUTORIAL = ROOT/'nbs'/'tutorials'/'ovdiff_prototypes.ipynb'
ARTIFACTS = ROOT/'test-artifacts'
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (make test installs it)")

def _free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

@pytest.fixture
def lab(tmp_path):
    "A JupyterLab server on 127.0.0.1 serving copies of the tutorials; only this server is stopped afterwards."
    for nb in (TUTORIAL, OVDIFF_TUTORIAL): shutil.copy(nb, tmp_path/nb.name)
    settings = tmp_path/'lab-settings'; settings.mkdir()
    (settings/'overrides.json').write_text(json.dumps({'@jupyterlab/apputils-extension:notification': {'fetchNews': 'false', 'checkForUpdates': False}}))
    port = _free_port()
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(settings), JUPYTERLAB_WORKSPACES_DIR=str(tmp_path/'ws'))
    log = open(tmp_path/'jupyter.log', 'w')
    proc = subprocess.Popen([str(BIN/'jupyter-lab'), '--allow-root', '--no-browser', '--ip=127.0.0.1', f'--port={port}',
                             '--ServerApp.token=', '--ServerApp.password=', f'--ServerApp.root_dir={tmp_path}'],
                            stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f'http://127.0.0.1:{port}'
    try:
        for _ in range(120):
            try: urllib.request.urlopen(f'{url}/api/status', timeout=2); break
            except OSError: time.sleep(0.5)
        else: pytest.fail('JupyterLab did not start: ' + (tmp_path/'jupyter.log').read_text()[-2000:])
        yield url, tmp_path
    finally:
        proc.terminate()
        try: proc.wait(20)
        except subprocess.TimeoutExpired: proc.kill()
        log.close()

P = '.jp-NotebookPanel:not(.lm-mod-hidden) '

@contextmanager
def notebook_running(url:str, notebook:str, screenshot:str):
    "A chromium page on `notebook` in JupyterLab with all its cells run; a screenshot is saved afterwards, also when a step failed."
    from playwright.sync_api import sync_playwright
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=['--headless', '--no-sandbox', '--disable-gpu',
            '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'])
        page = browser.new_page(viewport={'width': 1400, 'height': 1000})
        try:
            page.goto(f'{url}/lab/tree/{notebook}?reset')
            page.wait_for_selector(P + '.jp-Cell', timeout=120_000)
            page.wait_for_function("() => /\\|\\s*Idle/.test(document.querySelector('#jp-main-statusbar')?.textContent || '')", timeout=120_000)
            page.click('.lm-MenuBar-itemLabel:text-is("Run")')
            page.click('.lm-Menu-itemLabel:text-is("Run All Cells")')
            yield page
        finally:
            page.screenshot(path=str(ARTIFACTS/screenshot), full_page=False)
            browser.close()

def test_fusion_slider_updates_metrics_and_plot(lab):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    url, folder = lab
    metrics = P + '.refviz-metrics td.refviz-metric[data-metric="oIoU"]'
    plot = P + '.js-plotly-plot.refviz-by-kind'  # the plotly div carries the widget's class itself
    bars = f"JSON.stringify(document.querySelector('{plot}').data.map(t => t.y))"
    with notebook_running(url, TUTORIAL.name, 'browser-fusion-slider.png') as page:
        page.wait_for_selector(metrics, timeout=400_000)
        page.wait_for_selector(plot + ' .main-svg', timeout=120_000)
        page.locator(P + '.refviz-metrics').scroll_into_view_if_needed()
        read = lambda: page.evaluate(f"""() => ({{oiou: document.querySelector('{metrics}').dataset.value,
            weights: document.querySelector('{P} .refviz-weights')?.textContent,
            bars: {bars}}})""")
        before = read()
        handle = page.locator(P + '.refviz-weight-w_crop .noUi-handle')
        handle.focus(); handle.press('Home')  # crop weight to 0: the fusion changes
        page.wait_for_function(f"() => document.querySelector('{metrics}').dataset.value !== '{before['oiou']}'", timeout=60_000)
        try:  # the plot's update is a separate message from the label's: give it time to arrive
            page.wait_for_function(f"(before) => {bars} !== before", arg=before['bars'], timeout=30_000)
        except PlaywrightTimeout: pass  # the assertion below says what did not change
        after = read()
    assert after['oiou'] != before['oiou']
    assert after['bars'] != before['bars'], 'the by-kind plot did not follow the slider'
    assert after['weights'] != before['weights']

def test_prototype_explorer_toggle_updates_miou_and_picture(lab):
    "OVDiff's tutorial in JupyterLab: turning the background prototypes off re-scores the split and redraws the scene."
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    url, folder = lab
    X = P + '.refviz-prototype-explorer '
    miou = X + '.refviz-metrics td.refviz-metric[data-metric="mIoU"]'
    picture = f"document.querySelector('{X} .js-plotly-plot.refviz-segmentation').data[0].source"
    with notebook_running(url, OVDIFF_TUTORIAL.name, 'browser-prototype-explorer.png') as page:
        page.wait_for_selector(miou, timeout=400_000)
        page.wait_for_selector(X + '.js-plotly-plot.refviz-segmentation .main-svg', timeout=120_000)
        page.locator(X + '.refviz-metrics').scroll_into_view_if_needed()
        read = lambda: page.evaluate(f"() => ({{miou: document.querySelector('{miou}').dataset.value, picture: {picture}}})")
        before = read()
        page.locator(X + '.refviz-weight-background input[type="checkbox"]').click()  # background prototypes off
        page.wait_for_function(f"() => document.querySelector('{miou}').dataset.value !== '{before['miou']}'", timeout=60_000)
        try: page.wait_for_function(f"(before) => {picture} !== before", arg=before['picture'], timeout=30_000)
        except PlaywrightTimeout: pass  # the assertion below says what did not change
        after = read()
    assert float(after['miou']) < float(before['miou']), (before['miou'], after['miou'])  # every pixel must then be a shape
    assert after['picture'] != before['picture'], 'the segmentation did not follow the toggle'
