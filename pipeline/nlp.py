"""NLP stage: load a German spaCy pipeline and run it over the clean text.

Resolution (``--model NAME_OR_PATH``, ``Settings.model``):

* ``None``: the best installed of de_core_news_lg, _md, _sm; else the shipped
  pipeline;
* ``"egovnews"`` (or ``"shipped"``): the shipped pipeline;
* ``"egovnews-rules"``: the shipped pipeline without its statistical NER (rules only);
* an installed package name or a path to a saved spaCy pipeline.

The shipped pipeline is spaCy's blank German tokenizer, a sentencizer, the
lookup lemmatizer (tables from spacy-lookups-data), the CNN entity recogniser
trained by scripts/train_ner.py (pipeline/models/egovnews-de-ner) and the
rule layer of pipeline/ner. The rule layer also runs on top of every other
pipeline's ``ner``. ``load_nlp`` returns ``(nlp, model_name)``; the name goes
into ``articles.model`` (``egovnews-de-ner-0.1``,
``de_core_news_sm-3.8.0+egovnews-rules``).

Speed (issue 16): the matrix products of the thinc models run through numpy's
OpenBLAS pinned to one thread per process (``use_numpy_gemm``; a user's own
``OMP_NUM_THREADS``/``OPENBLAS_NUM_THREADS`` is respected), the lemma table
and the NER word lists come from the start-up cache (pipeline/ner/cache.py).
"""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from . import ner as _ner  # noqa: F401  (registers the egov_ner_rules factory)
from .errors import ModelNotFound
from .model import Article
from .settings import MODELS_DIR

PREFERRED = ("de_core_news_lg", "de_core_news_md", "de_core_news_sm")
SHIPPED_DIR = MODELS_DIR / "egovnews-de-ner"
SHIPPED_ALIASES = {"egovnews", "shipped", "egovnews-de-ner"}
RULES_ONLY = "egovnews-rules"


def installed_preferred() -> str | None:
    """The best de_core_news_* package installed here, or None."""
    for name in PREFERRED:
        try:
            if spacy.util.is_package(name):
                return name
        except Exception:  # pragma: no cover - broken metadata
            continue
    return None


def shipped_meta(path: Path = SHIPPED_DIR) -> dict:
    f = Path(path) / "meta.json"
    return json.loads(f.read_text(encoding="utf-8")) if f.exists() else {}


def _is_shipped_dir(path: Path) -> bool:
    return shipped_meta(path).get("name", "").startswith("egovnews")


def _add_rules(nlp, after: str | None = None) -> None:
    if "egov_ner_rules" in nlp.pipe_names:
        return
    if after and after in nlp.pipe_names:
        nlp.add_pipe("egov_ner_rules", after=after)
    else:
        nlp.add_pipe("egov_ner_rules", last=True)


def _lemma_table() -> dict[int, str]:
    """spacy-lookups-data's German ``lemma_lookup`` table as a plain dict (orth hash -> lemma), from the
    start-up cache (reading the package's table took 0.9-1.3 s of every start)."""
    import spacy_lookups_data
    from spacy.lookups import load_lookups

    from .ner.cache import cached

    def build():
        return dict(load_lookups("de", ["lemma_lookup"]).get_table("lemma_lookup").items())

    return cached("de-lemma-lookup", [], build, extra=getattr(spacy_lookups_data, "__version__", "?"))


class LookupLemmatizer:
    """spaCy's lookup-mode ``Lemmatizer`` over a plain dict: a token's lemma is the table's entry for its
    text, else the text itself; a lemma set before is kept (spaCy's ``overwrite=False``). The same lemmas
    as spaCy's component: its ``Table.get`` looks the text up by the same hash (``token.orth``)."""

    def __init__(self, table: dict[int, str]):
        self.table = table

    def __call__(self, doc):
        get = self.table.get
        for t in doc:
            if t.lemma == 0:
                t.lemma_ = get(t.orth, t.text)
        return doc


@Language.factory("egov_lookup_lemmatizer")
def make_lookup_lemmatizer(nlp, name: str):
    return LookupLemmatizer(_lemma_table())


def _add_lemmatizer(nlp) -> None:
    if "lemmatizer" in nlp.pipe_names:
        return
    try:
        nlp.add_pipe("egov_lookup_lemmatizer", name="lemmatizer")
    except Exception:      # pragma: no cover - tables missing: entities still work
        if "lemmatizer" in nlp.pipe_names:
            nlp.remove_pipe("lemmatizer")


def build_shipped(path: Path | None = SHIPPED_DIR, rules: bool = True, lemmatizer: bool = True):
    """The project's own pipeline; ``path=None`` (or a missing model) gives rules only."""
    meta = {}
    if path is not None and Path(path).is_dir() and (Path(path) / "meta.json").exists():
        nlp = spacy.load(path)
        meta = shipped_meta(path)
        name = f"{meta.get('name', 'egovnews-de-ner')}-{meta.get('version', '0')}"
    else:
        nlp = spacy.blank("de")
        name = "egovnews-de-rules-0.1"
    if "sentencizer" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer", first=True)
    if lemmatizer:
        _add_lemmatizer(nlp)
    if rules:
        _add_rules(nlp)
    return nlp, name


def _load_other(spec: str):
    try:
        nlp = spacy.load(spec)
    except OSError as e:
        raise ModelNotFound(f"spaCy pipeline '{spec}' is neither an installed package nor a folder with a saved "
                            f"pipeline (install one with: python -m spacy download de_core_news_sm)") from e
    meta = nlp.meta or {}
    base = f"{meta.get('lang', 'xx')}_{meta.get('name', Path(spec).name)}-{meta.get('version', '0')}"
    if not any(p in nlp.pipe_names for p in ("parser", "senter", "sentencizer")):
        nlp.add_pipe("sentencizer", first=True)
    _add_rules(nlp, after="ner")
    return nlp, f"{base}+egovnews-rules"


# Thread settings a user may have made; when one is set, the BLAS thread count is theirs.
THREAD_ENV = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


def pin_blas_threads() -> bool:
    """Limit numpy's BLAS (OpenBLAS) to one thread in this process, unless the user set a thread count
    (``THREAD_ENV``). Every worker process is one thread of work: more BLAS threads only compete with
    the other workers (unpinned, the CPU time of the NER rose by half). True when pinned or user-set."""
    if any(os.environ.get(v) for v in THREAD_ENV):
        return True
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - a dependency; without it blis stays in use
        return False
    threadpool_limits(limits=1, user_api="blas")
    return True


def use_numpy_gemm(nlp) -> bool:
    """Route the matrix products of the pipeline's thinc models (the NER's tok2vec) through numpy's BLAS.

    thinc's default CPU ops multiply with blis (single-threaded, ~1.1 ms for a 600x288 by 288x288
    product here) where OpenBLAS on one thread takes ~0.67 ms (benchmarks in the closing note of
    issue 16); the results were the same entities on 274 real pages. Only when BLAS is pinned to one
    thread (``pin_blas_threads``): unpinned, numpy's threads cost twice the CPU. ``EGOVNEWS_GEMM=blis``
    keeps thinc's default."""
    if os.environ.get("EGOVNEWS_GEMM", "").lower() == "blis" or not pin_blas_threads():
        return False
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)   # thinc's base gemm: numpy.dot
    for _, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps:
                node.ops = ops
    return True


@lru_cache(maxsize=4)
def load_nlp(model: str | None = None):
    """Return ``(nlp, model_name)`` for a model name, path or None (best available)."""
    if model is None:
        best = installed_preferred()
        if best:
            try:
                nlp, name = _load_other(best)
                nlp._egov_name = name
                use_numpy_gemm(nlp)
                return nlp, name
            except Exception:  # a broken install: fall back to the shipped pipeline
                pass
        nlp, name = build_shipped()
    elif model in SHIPPED_ALIASES:
        nlp, name = build_shipped()
    elif model == RULES_ONLY:
        nlp, name = build_shipped(None)
    elif Path(model).is_dir() and _is_shipped_dir(Path(model)):
        nlp, name = build_shipped(Path(model))
    else:
        nlp, name = _load_other(model)
    nlp._egov_name = name
    use_numpy_gemm(nlp)
    return nlp, name


def annotate(article: Article, nlp) -> Article:
    article.doc = nlp(article.text)
    return article
