__version__ = "0.1.0"

# Written by hand, as nbdev projects' __init__ files are (nbdev exports no code here): `refviz.segment`, the one-call
# entry point of nbs/17_predict.ipynb, imported on first use so that `import refviz.core` stays light.
def __getattr__(name):
    if name == 'segment':
        from refviz.predict import segment
        return segment
    raise AttributeError(f"module 'refviz' has no attribute {name!r}")
