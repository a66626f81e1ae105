"""Triples for one resolved article, against the kg ontology, with provenance.

Every IRI is minted from content (the article's text hash, an entity's key, an
event's article, position and participants), so building the same article twice
gives the same graph.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from functools import lru_cache
from pathlib import PurePath

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV, SDO, SKOS
from rdflib.term import Node

from kg.extract.lexicon import Lexicon
from kg.extract.relations import RelationCatalogue
from kg.rdf.namespace import KG, PREFIXES, RESOURCE
from kg.records import Article, Entity, Modality, Resolution, ResolvedEvent, ResolvedRelation, TimeValue
from kg.resolve import slugify

Triple = tuple[Node, Node, Node]
#: Triples are built into a plain set (its ``add`` reads like rdflib's), skipping rdflib's indexes.
TripleSet = set[Triple]


_DATATYPE = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}
_TITLE_WORDS = 12


def name_key(name: str) -> str:
    """The form of a name that ``kg:nameKey`` stores and entity parameters are looked up by.

    >>> name_key("  Alexander   LUKASHENKO ")
    'alexander lukashenko'
    """
    return " ".join(name.split()).casefold()


def article_iri(article: Article) -> URIRef:
    """IRI of an article; also the name of the graph that holds its triples."""
    return RESOURCE[f"article-{article.id}"]


@lru_cache(maxsize=1 << 16)
def entity_iri(key: str) -> URIRef:
    """IRI of an entity from its resolution key.

    >>> entity_iri("person/john-coale")
    rdflib.term.URIRef('https://w3id.org/kg-news/id/person-john-coale')
    """
    return RESOURCE[key.replace("/", "-")]


def entity_key(iri: str, kind: str) -> str | None:
    """The resolution key of an entity IRI minted by :func:`entity_iri` from a ``kind/slug`` key;
    None when the IRI is not of that kind.

    >>> entity_key(entity_iri("person/john-coale"), "person"), entity_key(entity_iri("country/us"), "person")
    ('person/john-coale', None)
    """
    prefix = str(RESOURCE[f"{kind}-"])
    return f"{kind}/{iri[len(prefix):]}" if iri.startswith(prefix) else None


def event_iri(article: Article, event: ResolvedEvent, lexicon: Lexicon) -> URIRef:
    """IRI of an event, minted from what the event is, not from where it is told.

    An event with both participants is named by its family, participants (in either
    order for symmetric families), day and modality, so two articles reporting the same
    meeting give one node with two sources. An event missing a participant is too
    vague to identify across articles and is named by its article and position.
    """
    if event.agent and event.target:
        day = event.date.iso if event.date else ""
        return shared_event_iri(event.family, (event.agent, event.target), day, event.modality.value,
                                lexicon.families[event.family].symmetric)
    basis = "|".join([article.id, event.family, str(event.start), event.agent or "", event.target or ""])
    return RESOURCE[f"event-{hashlib.sha256(basis.encode()).hexdigest()[:20]}"]


def shared_event_iri(family: str, pair: tuple[str, str], day: str, modality: str, symmetric: bool) -> URIRef:
    """IRI of an event with both participants (entity keys), whichever article tells it (see :func:`event_iri`)."""
    keys = sorted(pair) if symmetric else list(pair)
    basis = "|".join([family, *keys, day, modality])
    return RESOURCE[f"event-{hashlib.sha256(basis.encode()).hexdigest()[:20]}"]


def relation_iri(relation: ResolvedRelation) -> URIRef:
    """IRI of a relation, from its kind and its two entities: every article stating it adds a source.

    >>> relation_iri(ResolvedRelation("leaderOf", "person/a", "country/BLR", (), ())) == relation_iri(
    ...     ResolvedRelation("leaderOf", "person/a", "country/BLR", ("Another sentence.",), ()))
    True
    """
    basis = "|".join([relation.kind, relation.subject, relation.object])
    return RESOURCE[f"relation-{hashlib.sha256(basis.encode()).hexdigest()[:20]}"]


@lru_cache(maxsize=1 << 14)
def _name(text: str) -> Literal:
    # names, keys, codes and trigger words recur across a corpus' articles; rdflib's Literal() is slow to build
    return Literal(text)


@lru_cache(maxsize=1024)
def _confidence(value: float) -> Literal:
    return Literal(Decimal(str(value)))


@lru_cache(maxsize=4096)
def time_literal(value: TimeValue) -> Literal:
    """An ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear`` literal, as precise as the text.

    >>> time_literal(TimeValue(2025, 8)).datatype == XSD.gYearMonth
    True
    """
    return Literal(value.iso, datatype=_DATATYPE[value.precision])


def new_graph() -> Graph:
    """An empty graph with kg's prefixes bound."""
    graph = Graph(bind_namespaces="none")  # rdflib's default binds dozens of prefixes per graph
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, replace=True)
    return graph


def _article_triples(graph: TripleSet, article: Article) -> URIRef:
    node = article_iri(article)
    graph.add((node, RDF.type, KG.Article))
    label = article.title or " ".join(article.text.split()[:_TITLE_WORDS]) + "…"
    graph.add((node, RDFS.label, Literal(label)))
    if article.title:
        graph.add((node, SDO.headline, Literal(article.title)))
    if article.published:
        graph.add((node, SDO.datePublished, Literal(article.published.isoformat(), datatype=XSD.date)))
    if article.byline:
        graph.add((node, KG.byline, Literal(article.byline)))
    if article.publisher:
        publisher = entity_iri(f"org/{slugify(article.publisher)}")
        graph.add((node, SDO.publisher, publisher))
        graph.add((publisher, RDF.type, KG.Organization))
        graph.add((publisher, RDFS.label, Literal(article.publisher)))
    if article.description:
        graph.add((node, SDO.description, Literal(article.description)))
    if article.dateline:
        graph.add((node, KG.dateline, Literal(article.dateline)))
    graph.add((node, KG.sourceName, Literal(PurePath(article.source).name)))
    graph.add((node, KG.storyIndex, Literal(article.part)))
    graph.add((node, SDO.wordCount, Literal(len(article.text.split()))))
    return node


def _entity_triples(graph: TripleSet, entity: Entity, article_node: URIRef) -> None:
    node = entity_iri(entity.key)
    graph.add((node, RDF.type, KG[entity.type.value]))
    graph.add((node, RDFS.label, _name(entity.label)))
    for alt in sorted(entity.alt_labels - {entity.label}):
        graph.add((node, SKOS.altLabel, _name(alt)))
    for key in {name_key(name) for name in entity.alt_labels | {entity.label}}:
        graph.add((node, KG.nameKey, _name(key)))
    for demonym in sorted(entity.demonyms):
        graph.add((node, KG.demonym, _name(demonym)))
    if "iso3" in entity.codes:
        graph.add((node, KG.isoCode, _name(entity.codes["iso3"])))
    graph.add((node, KG.mentionedIn, article_node))


def _event_triples(graph: TripleSet, article: Article, event: ResolvedEvent, article_node: URIRef,
                   labels: dict[str, str], lexicon: Lexicon) -> None:
    node = event_iri(article, event, lexicon)
    asserted = event.modality is Modality.ASSERTED
    if asserted:
        # the family and kg:Event are materialised so `?e a kg:Meeting` also finds phone calls and visits
        for cls in {event.event_class, event.family, "Event"}:
            graph.add((node, RDF.type, KG[cls]))
    else:
        graph.add((node, RDF.type, KG.UnassertedEvent))
        graph.add((node, KG.eventType, KG[event.event_class]))
    graph.add((node, KG.modality, KG[event.modality.value]))
    graph.add((node, KG.confidence, _confidence(event.confidence)))
    graph.add((node, PROV.wasDerivedFrom, article_node))
    agent = entity_iri(event.agent) if event.agent else None
    target = entity_iri(event.target) if event.target else None
    if agent is not None:
        graph.add((node, KG.agent, agent))
    if target is not None:
        graph.add((node, KG.target, target))
    if event.date:
        graph.add((node, KG.date, time_literal(event.date)))
    if event.start_date:
        graph.add((node, KG.startDate, time_literal(event.start_date)))
    if event.period:
        graph.add((node, KG.earliestDate, time_literal(event.period[0])))
        graph.add((node, KG.latestDate, time_literal(event.period[1])))
    if event.place:
        graph.add((node, KG.place, entity_iri(event.place)))
    if event.quantity:
        graph.add((node, KG.quantity, Literal(event.quantity.value)))
        if event.quantity.qualifier:
            graph.add((node, KG.quantityQualifier, _name(event.quantity.qualifier)))
    for sentence in event.evidence:
        graph.add((node, KG.evidence, Literal(sentence)))
    for trigger in sorted(set(event.triggers)):
        graph.add((node, KG.trigger, _name(trigger)))
    who = labels.get(event.agent or "", "someone")
    whom = labels.get(event.target or "", "someone")
    label = f"{event.event_class}: {who} → {whom}" + (f" ({event.date.iso})" if event.date else "")
    if not asserted:
        label += f" [{event.modality.value.lower()}]"
    graph.add((node, RDFS.label, Literal(label)))
    if asserted and agent is not None and target is not None:
        family = lexicon.families[event.family]
        graph.add((agent, KG[family.direct], target))
        if family.symmetric:
            graph.add((target, KG[family.direct], agent))


def _relation_triples(graph: TripleSet, relation: ResolvedRelation, article_node: URIRef,
                      labels: dict[str, str], relations: RelationCatalogue) -> None:
    node = relation_iri(relation)
    subject, obj = entity_iri(relation.subject), entity_iri(relation.object)
    graph.add((node, RDF.type, KG.Relation))
    graph.add((node, KG.relationType, KG[relation.kind]))
    graph.add((node, KG.subjectEntity, subject))
    graph.add((node, KG.objectEntity, obj))
    graph.add((node, KG.confidence, _confidence(relation.confidence)))
    graph.add((node, PROV.wasDerivedFrom, article_node))
    for sentence in relation.evidence:
        graph.add((node, KG.evidence, Literal(sentence)))
    for cue in relation.cues:
        graph.add((node, KG.trigger, _name(cue)))
    who, whom = labels.get(relation.subject, relation.subject), labels.get(relation.object, relation.object)
    graph.add((node, RDFS.label, Literal(f"{relation.kind}: {who} → {whom}")))
    graph.add((subject, KG[relation.kind], obj))
    if relations.kinds[relation.kind].symmetric:
        graph.add((obj, KG[relation.kind], subject))


def build_graph(resolution: Resolution, lexicon: Lexicon, relations: RelationCatalogue) -> Graph:
    """The graph of one article: the article, its entities, its events and its relations.

    Asserted events are ``kg:Event`` instances with direct edges between their
    participants; the others are ``kg:UnassertedEvent`` with their ``kg:modality``.
    """
    graph = new_graph()
    graph.addN((s, p, o, graph) for s, p, o in build_triples(resolution, lexicon, relations))
    return graph


def build_triples(resolution: Resolution, lexicon: Lexicon, relations: RelationCatalogue) -> TripleSet:
    """The triples of :func:`build_graph` as a plain set (what the store writes, without rdflib's indexing)."""
    graph: TripleSet = set()
    article = resolution.article
    article_node = _article_triples(graph, article)
    for entity in resolution.entities:
        _entity_triples(graph, entity, article_node)
    labels = {entity.key: entity.label for entity in resolution.entities}
    for event in resolution.events:
        if event.agent or event.target:  # an event nobody can be named in is kept out of the graph
            _event_triples(graph, article, event, article_node, labels, lexicon)
    for relation in resolution.relations:
        _relation_triples(graph, relation, article_node, labels, relations)
    return graph
