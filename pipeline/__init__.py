"""egovnews: German e-government news dumps -> clean, linked tables.

    >>> import pipeline
    >>> art = pipeline.process_text("...")        # one Article
    >>> pipeline.run("data/raw", "data/out")      # a batch, writes the tables
    >>> t = pipeline.load("data/out")             # dict of DataFrames
"""
from .api import load, process_text, run, to_frames
from .model import Article, Document
from .settings import Settings

__version__ = "0.1.0"
__all__ = ["Article", "Document", "Settings", "load", "process_text", "run", "to_frames", "__version__"]
