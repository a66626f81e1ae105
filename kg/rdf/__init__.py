"""RDF stage: resolved articles to rdflib graphs in the kg ontology."""

from kg.rdf.build import article_iri, build_graph, entity_iri, event_iri, new_graph
from kg.rdf.namespace import KG, ONTOLOGY_IRI, PREFIXES, RESOURCE

__all__ = ["KG", "ONTOLOGY_IRI", "PREFIXES", "RESOURCE", "article_iri", "build_graph", "entity_iri",
           "event_iri", "new_graph"]
