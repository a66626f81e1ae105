"""RDF stage: resolved articles to rdflib graphs in the kg ontology."""

from kg.rdf.build import (
    Triple,
    TripleSet,
    article_iri,
    build_graph,
    build_triples,
    entity_iri,
    entity_key,
    event_iri,
    name_key,
    new_graph,
)
from kg.rdf.namespace import KG, ONTOLOGY_IRI, PREFIXES, RESOURCE

__all__ = ["KG", "ONTOLOGY_IRI", "PREFIXES", "RESOURCE", "Triple", "TripleSet", "article_iri", "build_graph",
           "build_triples", "entity_iri", "entity_key", "event_iri", "name_key", "new_graph"]
