"""Extract stage: a parsed article in, its mentions and events out.

>>> from kg.nlp import load_pipeline
>>> from kg.records import Article
>>> article = Article(text="Japan imposed sanctions on Gazprom Neft.")
>>> found = extract(article, load_pipeline("en_core_web_sm")(article.text))
>>> [(e.family, found.mentions[e.agent].text, found.mentions[e.target].text) for e in found.events]
[('Sanction', 'Japan', 'Gazprom Neft')]
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.events import find_events
from kg.extract.lexicon import Lexicon, default_lexicon
from kg.extract.mentions import MentionTable
from kg.extract.relations import RelationCatalogue, default_catalogue, find_relations
from kg.records import Article, Extraction

__all__ = ["extract"]


def extract(article: Article, doc: Doc, lexicon: Lexicon | None = None,
            relations: RelationCatalogue | None = None) -> Extraction:
    """Find the mentions, events and relations of one article in its parsed ``Doc``."""
    table = MentionTable(doc)
    events = tuple(find_events(article, doc, table, lexicon or default_lexicon()))
    found = tuple(find_relations(doc, table, relations or default_catalogue()))
    return Extraction(article=article, mentions=tuple(table.mentions), events=events, relations=found)
