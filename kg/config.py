"""Settings: every knob has a default here, an environment variable and a CLI flag.

Precedence is flag > environment > default, resolved once by :func:`load_settings`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from kg.urls import is_url

if TYPE_CHECKING:
    from kg.extract.lexicon import Lexicon
    from kg.extract.relations import RelationCatalogue

#: spaCy pipeline used when nothing else is said. Any installed pipeline name or path works.
DEFAULT_MODEL = "en_core_web_sm"
#: Directory of the embedded store used when nothing else is said.
DEFAULT_STORE = "kg-store"

ENV_MODEL = "KG_MODEL"
ENV_STORE = "KG_STORE"
#: Seconds ``kg query`` lets a query run before stopping it (0: no limit), unless ``--timeout`` says.
DEFAULT_QUERY_TIMEOUT = 300.0
ENV_QUERY_TIMEOUT = "KG_QUERY_TIMEOUT"


@dataclass(frozen=True)
class Settings:
    """Run-time settings shared by the Python API and the CLI.

    >>> Settings(model="en_core_web_md").model
    'en_core_web_md'
    """

    model: str = DEFAULT_MODEL
    store: Path | str = Path(DEFAULT_STORE)  # a directory, or the URL of a SPARQL server
    batch_size: int = 32
    #: event and relation rules; None for the English ones shipped in ``kg/lang/en`` (see :func:`rules`)
    lexicon: Lexicon | None = None
    relations: RelationCatalogue | None = None

    def rules(self) -> tuple[Lexicon, RelationCatalogue]:
        """The event lexicon and relation catalogue every stage of a run uses, extract to RDF."""
        from kg.extract.lexicon import default_lexicon
        from kg.extract.relations import default_catalogue

        return self.lexicon or default_lexicon(), self.relations or default_catalogue()


def load_settings(model: str | None = None, store: str | os.PathLike[str] | None = None) -> Settings:
    """Resolve settings from explicit values, then ``KG_MODEL``/``KG_STORE``, then defaults.

    >>> load_settings(model="en_core_web_lg").model
    'en_core_web_lg'
    """
    settings = Settings()
    chosen_model = model or os.environ.get(ENV_MODEL) or settings.model
    chosen_store = store or os.environ.get(ENV_STORE) or settings.store
    location = str(chosen_store)
    is_server = is_url(location)
    return replace(settings, model=chosen_model, store=location if is_server else Path(location))
