"""The exceptions ``kg`` raises; the CLI turns each into one line and an exit code."""

from __future__ import annotations


class KGError(Exception):
    """Base class of every error ``kg`` raises on purpose."""

    exit_code = 1


class InputError(KGError):
    """A file, folder or stream that cannot be read as news text."""

    exit_code = 2


class ExtractionError(KGError):
    """The NLP pipeline or a rule file could not be loaded or applied."""

    exit_code = 3


class StoreError(KGError):
    """The store cannot be opened, written or queried."""

    exit_code = 4


class QueryError(StoreError):
    """A SPARQL query that does not parse or cannot be evaluated."""

    exit_code = 5
