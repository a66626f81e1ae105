"""Linking an article's graph to entities other articles name: renames with their record, and back.

An article's graph is built from the names it printed. When the corpus says that one of those
names is an entity named elsewhere (``kg.resolve.corpus``), :func:`link_graph` renames that node
in the article's graph, everywhere it occurs, and records the link in the same graph:

    kgr:link-… a kg:NameLink ; kg:linkedEntity kgr:person-marc-fogel ;
        kg:printedEntity "…/person-fogel"^^xsd:anyURI ; kg:printedLabel "Fogel" ; prov:wasDerivedFrom kgr:article-… .

The printed label becomes a ``skos:altLabel`` of the entity; events and relations between the
renamed entities get the IRIs they would have had if the article had printed the full name, so
two articles telling one meeting give one event. :func:`unlink_graph` undoes every link of a
graph from these records alone, which is how a link that no longer holds (its full name was
removed, or a second person with that surname arrived) is taken back.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import PROV, SKOS
from rdflib.term import Node

from kg.extract.lexicon import Lexicon
from kg.extract.relations import RelationCatalogue
from kg.rdf.build import TripleSet, entity_iri, name_key, relation_iri, shared_event_iri
from kg.rdf.namespace import KG, RESOURCE
from kg.records import ResolvedRelation

__all__ = ["LinkRecord", "link_graph", "link_records", "unlink_graph"]

#: (printed entity IRI, printed label, linked entity IRI, linked entity label)
LinkRecord = tuple[URIRef, str, URIRef, str]


def _record_iri(graph: URIRef, printed: URIRef) -> URIRef:
    digest = hashlib.sha256(f"{graph}|{printed}".encode()).hexdigest()[:20]
    return RESOURCE[f"link-{digest}"]


def link_records(triples: Iterable[tuple[Node, Node, Node]]) -> list[LinkRecord]:
    """The links recorded in an article's graph."""
    triples = list(triples)
    records = {s for s, p, o in triples if p == RDF.type and o == KG.NameLink}
    fields: dict[Node, dict[Node, Node]] = {r: {} for r in records}
    labels: dict[Node, str] = {}
    for s, p, o in triples:
        if s in fields:
            fields[s][p] = o
        elif p == RDFS.label:
            labels[s] = str(o)
    out = []
    for values in fields.values():
        linked = values.get(KG.linkedEntity)
        printed = values.get(KG.printedEntity)
        if isinstance(linked, URIRef) and printed is not None:
            out.append((URIRef(str(printed)), str(values.get(KG.printedLabel, "")), linked, labels.get(linked, "")))
    return sorted(out)


def _rename(triples: TripleSet, renames: Mapping[URIRef, URIRef], lexicon: Lexicon,
            relations: RelationCatalogue) -> TripleSet:
    """Every occurrence of the renamed nodes replaced, and the IRIs of events and relations between
    entities re-minted from the new names (labels are the caller's)."""
    renamed = {(renames.get(s, s), p, renames.get(o, o)) for s, p, o in triples}  # type: ignore[call-overload]
    touched = {s for s, p, o in triples if o in renames and p in (KG.agent, KG.target, KG.subjectEntity,
                                                                      KG.objectEntity)}
    if not touched:
        return renamed
    by_node: dict[Node, dict[Node, list[Node]]] = {}
    for s, p, o in renamed:
        if s in touched:
            by_node.setdefault(s, {}).setdefault(p, []).append(o)
    nodes: dict[Node, URIRef] = {}
    for node, values in by_node.items():
        new = _event_iri(values, lexicon) if KG.modality in values else _relation_iri(values, relations)
        if new is not None and new != node:
            nodes[node] = new
    return {(nodes.get(s, s), p, nodes.get(o, o)) for s, p, o in renamed}


def _kind(key: str) -> URIRef:
    """The class of an entity key's kind: ``person/…`` a kg:Person, ``org/…`` a kg:Organization."""
    return KG.Person if key.startswith("person/") else KG.Organization


def _key(iri: Node) -> str:
    local = str(iri)[len(str(RESOURCE)):]
    kind, _, rest = local.partition("-")
    return f"{kind}/{rest}"


def _event_iri(values: dict[Node, list[Node]], lexicon: Lexicon) -> URIRef | None:
    agents, targets = values.get(KG.agent, []), values.get(KG.target, [])
    if len(agents) != 1 or len(targets) != 1:
        return None  # an event missing a side is named by its article and place in it: no rename
    classes = [str(c).rsplit("#", 1)[-1] for c in values.get(RDF.type, []) + values.get(KG.eventType, [])]
    families = sorted({lexicon.family_of[c] for c in classes if c in lexicon.family_of})
    modality = [str(m).rsplit("#", 1)[-1] for m in values.get(KG.modality, [])]
    if len(families) != 1 or len(modality) != 1:
        return None
    day = str(values[KG.date][0]) if KG.date in values else ""
    family = families[0]
    return shared_event_iri(family, (_key(agents[0]), _key(targets[0])), day, modality[0],
                            lexicon.families[family].symmetric)


def _relation_iri(values: dict[Node, list[Node]], relations: RelationCatalogue) -> URIRef | None:
    kinds, subjects, objects = (values.get(p, []) for p in (KG.relationType, KG.subjectEntity, KG.objectEntity))
    if len(kinds) != 1 or len(subjects) != 1 or len(objects) != 1:
        return None
    kind = str(kinds[0]).rsplit("#", 1)[-1]
    pair = [_key(subjects[0]), _key(objects[0])]
    if kind in relations.kinds and relations.kinds[kind].symmetric:
        pair.sort()
    return relation_iri(ResolvedRelation(kind=kind, subject=pair[0], object=pair[1], evidence=(), cues=()))


def _relabel(triples: TripleSet, old: str, new: str) -> TripleSet:
    """Event and relation labels ("Meeting: Fogel → Donald Trump") naming the entity by its new label."""
    out: TripleSet = set()
    for s, p, o in triples:
        if p == RDFS.label and isinstance(o, Literal) and ": " in o and " → " in o:
            head, _, rest = str(o).partition(": ")
            who, _, whom = rest.partition(" → ")
            who = new if who == old else who
            whom = new + whom[len(old):] if whom == old or whom.startswith(old + " (") or whom.startswith(
                old + " [") else whom
            o = Literal(f"{head}: {who} → {whom}")
        out.add((s, p, o))
    return out


def link_graph(graph: URIRef, triples: TripleSet, links: Mapping[str, tuple[str, str]], lexicon: Lexicon,
               relations: RelationCatalogue) -> TripleSet:
    """An article graph (named ``graph``, as printed) with each printed entity key of ``links``
    renamed to the linked entity (key, label), and each link recorded."""
    renames = {entity_iri(printed): entity_iri(key) for printed, (key, _) in links.items()}
    out = _rename(triples, renames, lexicon, relations)
    for printed, (key, label) in sorted(links.items()):
        old, new = entity_iri(printed), entity_iri(key)
        printed_labels = [str(o) for s, p, o in triples if s == old and p == RDFS.label]
        if _kind(printed) != _kind(key):  # "Trump", labelled an organisation, is the person
            out = {t for t in out if not (t[0] == new and t[1] == RDF.type)} | {(new, RDF.type, _kind(key))}
        out = {t for t in out if not (t[0] == new and t[1] == RDFS.label)}
        out.add((new, RDFS.label, Literal(label)))
        out.add((new, KG.nameKey, Literal(name_key(label))))
        for printed_label in printed_labels:
            if printed_label != label:
                out.add((new, SKOS.altLabel, Literal(printed_label)))
            out = _relabel(out, printed_label, label)
        record = _record_iri(graph, old)
        out |= {(record, RDF.type, KG.NameLink), (record, KG.linkedEntity, new),
                (record, KG.printedEntity, Literal(str(old), datatype=XSD.anyURI)),
                (record, KG.printedLabel, Literal(printed_labels[0] if printed_labels else "")),
                (record, PROV.wasDerivedFrom, graph)}
    return out


def unlink_graph(triples: TripleSet, lexicon: Lexicon, relations: RelationCatalogue) -> TripleSet:
    """An article graph as its article printed it: every recorded link undone, records dropped."""
    nodes = record_nodes(triples)
    if not nodes:
        return triples
    records = link_records(triples)
    out = {t for t in triples if t[0] not in nodes}
    for printed, printed_label, linked, label in records:
        alts = {str(o) for s, p, o in out if s == linked and p == SKOS.altLabel}
        out = {t for t in out if not (t[0] == linked and t[1] in (RDFS.label, KG.nameKey)
                                      or t[0] == linked and t[1] == SKOS.altLabel and str(t[2]) == printed_label)}
        out.add((linked, RDFS.label, Literal(printed_label)))
        for name in (alts - {printed_label}) | {printed_label}:
            out.add((linked, KG.nameKey, Literal(name_key(name))))
        out = _relabel(out, label, printed_label)
        printed_kind, linked_kind = _kind(_key(printed)), _kind(_key(linked))
        if printed_kind != linked_kind:
            out = {t for t in out if not (t[0] == linked and t[1] == RDF.type)} | {(linked, RDF.type, printed_kind)}
    return _rename(out, {linked: printed for printed, _, linked, _ in records}, lexicon, relations)


def record_nodes(triples: Iterable[tuple[Node, Node, Node]]) -> set[Node]:
    """The link records of a graph."""
    return {s for s, p, o in triples if p == RDF.type and o == KG.NameLink}
