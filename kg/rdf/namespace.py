"""Namespaces of kg's graphs. ``KG`` mirrors ``ontology/kg.ttl`` term for term (a test keeps them equal).

>>> str(KG.Meeting)
'https://w3id.org/kg-news/ontology#Meeting'
>>> KG.Meetin
Traceback (most recent call last):
...
AttributeError: term 'Meetin' not in namespace 'https://w3id.org/kg-news/ontology#'
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

ONTOLOGY_IRI = "https://w3id.org/kg-news/ontology"
#: Base of every IRI kg mints for articles, entities and events.
RESOURCE = Namespace("https://w3id.org/kg-news/id/")


class KG(DefinedNamespace):
    """Terms of the kg ontology."""

    _fail = True
    _NS = Namespace(ONTOLOGY_IRI + "#")

    # classes
    Article: URIRef
    Entity: URIRef
    Person: URIRef
    Organization: URIRef
    Place: URIRef
    Country: URIRef
    City: URIRef
    Region: URIRef
    Vessel: URIRef
    Group: URIRef
    Event: URIRef
    Meeting: URIRef
    PhoneCall: URIRef
    Visit: URIRef
    Release: URIRef
    Sanction: URIRef
    SanctionRelief: URIRef
    Negotiation: URIRef
    Mediation: URIRef
    PrisonerExchange: URIRef
    Amnesty: URIRef
    Embargo: URIRef
    AssetFreeze: URIRef
    Designation: URIRef
    EntryBan: URIRef
    AidCut: URIRef
    Expulsion: URIRef
    Arrest: URIRef
    Attack: URIRef
    Statement: URIRef
    Election: URIRef
    Appointment: URIRef
    UnassertedEvent: URIRef
    Modality: URIRef
    Asserted: URIRef
    Negated: URIRef
    Planned: URIRef
    Proposed: URIRef
    Hypothetical: URIRef
    Cancelled: URIRef
    Relation: URIRef
    NameLink: URIRef
    # article properties
    sourceName: URIRef
    dateline: URIRef
    byline: URIRef
    storyIndex: URIRef
    mentionedIn: URIRef
    # entity properties
    demonym: URIRef
    nameKey: URIRef
    isoCode: URIRef
    linkedEntity: URIRef
    printedEntity: URIRef
    printedLabel: URIRef
    # event properties
    agent: URIRef
    target: URIRef
    date: URIRef
    startDate: URIRef
    earliestDate: URIRef
    latestDate: URIRef
    place: URIRef
    quantity: URIRef
    quantityQualifier: URIRef
    evidence: URIRef
    trigger: URIRef
    modality: URIRef
    eventType: URIRef
    confidence: URIRef
    relationType: URIRef
    subjectEntity: URIRef
    objectEntity: URIRef
    # direct edges
    metWith: URIRef
    released: URIRef
    sanctioned: URIRef
    liftedSanctionsOn: URIRef
    arrested: URIRef
    attacked: URIRef
    spokeTo: URIRef
    elected: URIRef
    appointed: URIRef
    spouseOf: URIRef
    founderOf: URIRef
    leaderOf: URIRef
    envoyFor: URIRef
    memberOf: URIRef
    allyOf: URIRef
    nationality: URIRef
    actsFor: URIRef


# DefinedNamespace looks every ``KG.term`` up through its metaclass (checks, then a new URIRef);
# the loader reads terms a hundred times per article, so each becomes a plain class attribute.
for _term in KG.__annotations__:
    type.__setattr__(KG, _term, KG._NS[_term])


#: Prefixes written in exports and accepted in queries without declaration.
PREFIXES = {
    "kg": str(KG._NS),
    "kgr": str(RESOURCE),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "owl": "http://www.w3.org/2002/07/owl#",
}
