"""spaCy components of ``kg``, all registered here so importing other modules registers nothing."""

from __future__ import annotations

import numpy
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

PARAGRAPH_BOUNDARIES = "kg_paragraph_boundaries"


@Language.component(PARAGRAPH_BOUNDARIES)
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every blank line, so no sentence or entity spans two paragraphs.

    Runs before the parser, which keeps preset sentence starts.
    """
    if len(doc) < 2:
        return doc
    for i in numpy.flatnonzero(doc.to_array(IS_SPACE)[:-1]):  # whitespace tokens only, found in C
        if "\n" in doc[int(i)].text:
            doc[int(i) + 1].is_sent_start = True
    return doc
