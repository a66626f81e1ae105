"""Find input files and read them as text, refusing what is not text with one clear message."""

from __future__ import annotations

import codecs
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError

#: File endings read when a folder is given; single files are read whatever their ending.
TEXT_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".xhtml"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
STDIN = "-"
_SNIFF = 8192


@dataclass(frozen=True)
class Source:
    """The decoded text of one input, with its name and whether it is HTML."""

    name: str
    text: str
    is_html: bool


def iter_paths(paths: Iterable[str]) -> Iterator[str]:
    """Expand folders into the text and HTML files below them, in a stable order.

    Raises :class:`InputError` for a path that does not exist or a folder with no readable file.
    """
    for raw in paths:
        if raw == STDIN:
            yield STDIN
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not files:
                raise InputError(f"{raw}: folder holds no .txt or .html file")
            yield from (str(f) for f in files)
        elif path.exists():
            yield str(path)
        else:
            raise InputError(f"{raw}: no such file or directory")


_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or b > 13)
_CONTROL_CHARS = dict.fromkeys(range(0, 9)) | dict.fromkeys(range(14, 32))


def _wide(encoding: str | None) -> bool:
    """Whether an encoding writes NUL bytes in ordinary text (UTF-16, UTF-32)."""
    try:
        return encoding is not None and codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))
    except LookupError:
        return False


def _looks_binary(data: bytes, encoding: str | None = None) -> bool:
    head = data[:_SNIFF]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _wide(encoding):
        return False  # NUL bytes are how these write text: decoding decides
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > len(head) * 0.05


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """Decode bytes strictly: the given encoding, else a BOM's, else UTF-8.

    >>> decode("Minsk — talks".encode(), "a.txt")
    'Minsk — talks'
    >>> decode(b"caf\\xe9", "b.txt")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: b.txt: not valid UTF-8 (byte 0xe9 at offset 3); give its encoding with --encoding
    """
    if encoding is None:
        if data.startswith(codecs.BOM_UTF8):
            encoding = "utf-8-sig"
        elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            encoding = "utf-16"
    try:
        return data.decode(encoding or "utf-8")
    except LookupError as exc:
        raise InputError(f"{name}: unknown encoding '{encoding}'") from exc
    except UnicodeDecodeError as exc:
        label = encoding or "UTF-8"
        byte = data[exc.start]
        raise InputError(
            f"{name}: not valid {label} (byte 0x{byte:02x} at offset {exc.start}); "
            "give its encoding with --encoding"
        ) from exc


def is_html(name: str, text: str) -> bool:
    """Whether a source is HTML, by its file ending or its first tags."""
    if Path(name).suffix.lower() in HTML_SUFFIXES:
        return True
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


def read_source(name: str, encoding: str | None = None) -> Source:
    """Read one file (or standard input for ``-``) and check it is non-empty text."""
    try:
        data = sys.stdin.buffer.read() if name == STDIN else Path(name).read_bytes()
    except FileNotFoundError as exc:
        raise InputError(f"{name}: no such file or directory") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{name}: is a directory") from exc
    except PermissionError as exc:
        raise InputError(f"{name}: permission denied") from exc
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from exc
    label = "<stdin>" if name == STDIN else name
    try:
        label.encode("utf-8")
    except UnicodeEncodeError:
        shown = label.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        raise InputError(f"{shown}: the file name is not valid UTF-8; rename the file") from None
    if not data.strip():
        raise InputError(f"{label}: file is empty")
    if _looks_binary(data, encoding):
        raise InputError(f"{label}: binary file, not text or HTML")
    text = decode(data, label, encoding)
    if not text.strip():
        raise InputError(f"{label}: file is empty")
    if _wide(encoding) and len(text) - len(text.translate(_CONTROL_CHARS)) > len(text[:_SNIFF]) * 0.05:
        raise InputError(f"{label}: binary file, not text or HTML")
    return Source(name=label, text=text, is_html=is_html(label, text))
