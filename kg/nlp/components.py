"""spaCy components of ``kg``, all registered here so importing other modules registers nothing."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

PARAGRAPH_BOUNDARIES = "kg_paragraph_boundaries"


@Language.component(PARAGRAPH_BOUNDARIES)
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every blank line, so no sentence or entity spans two paragraphs.

    Runs before the parser, which keeps preset sentence starts.
    """
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc
