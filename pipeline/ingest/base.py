"""The one reader interface every input format implements.

A format is a ``Format``: a name, the file suffixes it claims, a reader and,
optionally, content sniffers. A reader takes a ``Source`` (the file, with its
first bytes and a gunzipping stream) and the ``Settings`` and yields
``Document`` records or ``EgovError`` items, one per article-sized unit; it
may raise on an unforeseen input (``reading.read_file`` turns that into an
error row), but should yield coded errors for what it expects to go wrong.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Union

from ..errors import EgovError
from ..model import Document
from ..settings import Settings
from .archive import Source

Item = Union[Document, EgovError]
Reader = Callable[[Source, Settings], Iterator[Item]]


def _never(head: bytes) -> bool:
    """The default sniffer: recognises nothing."""
    return False


@dataclass(frozen=True)
class Format:
    """One input format.

    * ``name``     -- short name ('warc', 'jsonl', ...).
    * ``suffixes`` -- lower-case suffixes of the (un-gzipped) file name it claims.
    * ``read``     -- ``read(source, settings)`` -> iterator of Documents/errors.
    * ``magic``    -- content signature that decides the format whatever the
                      name says (WARC's ``WARC/``), checked before the suffixes.
    * ``sniff``    -- content guess for files whose suffix no format claims.
    """

    name: str
    suffixes: frozenset[str]
    read: Reader
    magic: Callable[[bytes], bool] = _never
    sniff: Callable[[bytes], bool] = _never
