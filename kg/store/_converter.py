"""rdflib ↔ pyoxigraph term conversion and the text (N-Quads, SPARQL updates) the stores write; nothing
else in kg converts terms."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """One rdflib term as a pyoxigraph term.

    >>> to_ox(Literal(430)).value
    '430'
    """
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot convert {term!r} to an Oxigraph term")


OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | ox.DefaultGraph


def from_ox(term: OxTerm) -> Node:
    """One pyoxigraph term as an rdflib term (RDF-star quoted triples are not used by kg)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:  # RDF 1.1: a simple literal is an xsd:string; rdflib tells them apart
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"cannot convert {term!r} to an rdflib term")


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

#: What the stores write as one named graph: an rdflib Graph or any iterable of rdflib triples.
Triples = Graph | Iterable[tuple[Node, Node, Node]]


_NT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def nt_term(term: Node) -> str:
    """One rdflib term in N-Triples syntax.

    >>> print(nt_term(Literal('say "hi"', lang="en")), nt_term(Literal(430)), nt_term(URIRef("https://x.org/a")))
    "say \\"hi\\""@en "430"^^<http://www.w3.org/2001/XMLSchema#integer> <https://x.org/a>
    """
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        text = f'"{str(term).translate(_NT_ESCAPES)}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return f"{text}^^<{term.datatype}>"
        return text
    if isinstance(term, BNode):
        return f"_:{term}"
    raise TypeError(f"cannot write {term!r} as N-Triples")


def nt_triple(s: Node, p: Node, o: Node) -> str:
    """A triple in N-Triples syntax, without the final dot."""
    return f"{nt_term(s)} {nt_term(p)} {nt_term(o)}"


def merged_nquads(graphs: Iterable[tuple[URIRef, Triples]]) -> tuple[bytes, int]:
    """N-Quads of each graph as its named graph and again in the default graph (the RDF merge
    queries read), and the number of triples in the named graphs.

    Oxigraph parses this in one transactional ``load``, outside Python's lock, which is
    cheaper than building two :class:`pyoxigraph.Quad` objects per triple in Python.
    """
    lines: list[str] = []
    count = 0
    for name, graph in graphs:
        graph_name = f" <{name}> .\n"
        for s, p, o in graph:
            triple = nt_triple(s, p, o)
            lines.append(triple + graph_name)
            lines.append(triple + " .\n")
            count += 1
    return "".join(lines).encode("utf-8"), count


def forget_graph_update(name: URIRef, merged: str | None = None) -> str:
    """SPARQL update dropping a named graph and the merged triples only it supported.

    ``merged`` names the graph that holds the merge when it is not the default graph
    (on Virtuoso, whose default graph is the union of every graph).

    >>> print(forget_graph_update(URIRef("urn:a"), merged="urn:m"))  # doctest: +NORMALIZE_WHITESPACE
    DELETE { GRAPH <urn:m> { ?s ?p ?o } } WHERE { GRAPH <urn:a> { ?s ?p ?o }
    FILTER NOT EXISTS { GRAPH ?other { ?s ?p ?o } FILTER(?other != <urn:a> && ?other != <urn:m>) } } ;
    DROP SILENT GRAPH <urn:a>
    """
    target, others = ("{ ?s ?p ?o }", f"?other != <{name}>") if merged is None else (
        f"{{ GRAPH <{merged}> {{ ?s ?p ?o }} }}", f"?other != <{name}> && ?other != <{merged}>")
    return (
        f"DELETE {target} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER({others}) }} }} ; "
        f"DROP SILENT GRAPH <{name}>"
    )


def insert_data(graph_name: URIRef | str | None, triples: list[str], chunk: int = 1000) -> str:
    """``INSERT DATA`` of N-Triples lines (without their dots) into a named graph, or the default
    graph for None, as operations of at most ``chunk`` triples (Virtuoso's SPARQL parser runs out of
    memory near 5,000) joined into one request, which the server applies as one transaction.

    >>> print(insert_data("urn:g", ["<urn:s> <urn:p> 1", "<urn:s> <urn:p> 2"], chunk=1))
    INSERT DATA { GRAPH <urn:g> { <urn:s> <urn:p> 1 } } ;
    INSERT DATA { GRAPH <urn:g> { <urn:s> <urn:p> 2 } }
    """
    operations = []
    for start in range(0, len(triples), chunk):
        body = " .\n".join(triples[start:start + chunk])
        operations.append(f"INSERT DATA {{ {body} }}" if graph_name is None
                          else f"INSERT DATA {{ GRAPH <{graph_name}> {{ {body} }} }}")
    return " ;\n".join(operations)


def replace_graph_update(name: URIRef, graph: Triples, merged: str | None = None) -> tuple[str, int]:
    """One SPARQL update (applied whole or not at all) putting ``graph`` in place of the named graph
    ``name`` and of what only it supported in the merge (``merged``, as in :func:`forget_graph_update`);
    and the number of triples written."""
    inserts, count = graph_inserts(name, graph, merged)
    return " ;\n".join([forget_graph_update(name, merged), *inserts]), count


def graph_inserts(name: URIRef, graph: Triples, merged: str | None = None) -> tuple[list[str], int]:
    """``INSERT DATA`` operations writing ``graph`` as the named graph ``name`` and into the merge
    (the default graph, or ``merged``), and the number of triples."""
    triples = [nt_triple(s, p, o) for s, p, o in graph]
    return ([insert_data(graph_name, triples) for graph_name in (name, merged)] if triples else []), len(triples)


def graph_to_quads(graph: Triples, graph_name: URIRef) -> Iterator[ox.Quad]:
    """The triples of an rdflib graph (or any iterable of rdflib triples) as quads in the named graph ``graph_name``."""
    name = ox.NamedNode(str(graph_name))
    for s, p, o in graph:
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), name)  # type: ignore[arg-type]

