"""README.md is rendered from nbs/index.ipynb (whose code cells `nbdev-test` runs, so the README's examples work as
written). `make readme` (this file run as a script) rewrites it after an edit of the notebook."""
import sys
from pathlib import Path
import jupytext, nbformat

ROOT = Path(__file__).resolve().parents[1]

def render_readme() -> str:
    "index.ipynb as Markdown: markdown cells verbatim, code cells as python fences, no notebook metadata."
    nb = nbformat.read(ROOT/'nbs'/'index.ipynb', as_version=4)
    nb.metadata['jupytext'] = dict(notebook_metadata_filter='-all', cell_metadata_filter='-all')
    md = jupytext.writes(nb, fmt='md')
    return ''.join(l for l in md.splitlines(keepends=True) if l.strip() not in ('<!-- #region -->', '<!-- #endregion -->'))

def test_readme_is_rendered_from_index():
    assert (ROOT/'README.md').read_text() == render_readme(), 'README.md is stale: run `make readme` after editing nbs/index.ipynb'

if __name__ == '__main__': (ROOT/'README.md').write_text(render_readme()); print('wrote', ROOT/'README.md')
