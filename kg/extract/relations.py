"""Standing relations (leader of, envoy for, spouse of, founder of, member of, ally of,
nationality, acts for) from the parse, driven by the catalogue in ``relations.json``.

Three kinds of cue state a relation outright: a role noun printed with a person's name
("Belarusian President X", "X, the wife of Y", "X is a founder of Y"), a clause
("Finland joined NATO"), and an organisation whose name carries its state
("the U.S. Treasury Department", "the Kremlin").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from kg.errors import ExtractionError
from kg.extract.events import participants
from kg.extract.mentions import MentionTable, appositive_anchor
from kg.extract.modality import modality_of
from kg.extract.paths import Path, follow, parse_path
from kg.lang import load_data
from kg.lang.gazetteer import country_gazetteer, normalize_name
from kg.records import EntityType, Mention, Modality, Relation

_TITLE_WINDOW = 4  # tokens before a name in which a title ("Prime Minister") may stand
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
CUES = ("title", "apposition", "copula", "verb", "nationality", "organ")


@dataclass(frozen=True)
class RelationKind:
    """A relation property with the entity types its two ends may have."""

    name: str
    subject_types: frozenset[EntityType]
    object_types: frozenset[EntityType]
    symmetric: bool
    paths: tuple[Path, ...]
    narrowable: bool = False


@dataclass(frozen=True)
class VerbRule:
    """A clause that states a relation: "X founded Y", "Finland joined NATO"."""

    lemma: str
    kind: RelationKind
    subject: tuple[Path, ...]
    object: tuple[Path, ...]


@dataclass(frozen=True)
class RelationCatalogue:
    """The relation kinds, the role nouns and verbs that state them, and named state organs."""

    kinds: dict[str, RelationKind]
    nouns: dict[str, str]
    verbs: dict[str, tuple[VerbRule, ...]]
    state_organs: dict[str, str]
    organ_heads: frozenset[str]
    confidence: dict[str, float]


def _fail(number: int, message: str) -> ExtractionError:
    return ExtractionError(f"E0{number} relations.json: {message}")


def build_catalogue(data: dict, roles: dict[str, dict] | None = None) -> RelationCatalogue:
    """Validate ``relations.json`` and compile its paths; raises :class:`ExtractionError` with a numbered code.

    ``roles`` is the table of role nouns (``nouns.json`` "roles" when not given): each one's
    "relation" is the relation it states.

    >>> catalogue = build_catalogue(load_data("relations"))
    >>> catalogue.nouns["wife"], catalogue.kinds["spouseOf"].symmetric
    ('spouseOf', True)
    """
    kinds = {}
    for name, spec in data["relations"].items():
        try:
            kinds[name] = RelationKind(
                name, frozenset(map(EntityType, spec["subject"])), frozenset(map(EntityType, spec["object"])),
                bool(spec.get("symmetric")), tuple(parse_path(p) for p in spec.get("paths", ())),
                bool(spec.get("narrowable")),
            )
        except ValueError as exc:
            raise _fail(30, f"relation '{name}': {exc}") from exc
    nouns = {noun: spec["relation"] for noun, spec in (roles or load_data("nouns")["roles"]).items()
             if "relation" in spec}
    unknown = {kind for kind in nouns.values() if kind not in kinds}
    unknown |= {spec["relation"] for spec in data["verbs"] if spec["relation"] not in kinds}
    if unknown:
        raise _fail(31, f"nouns or verbs name unknown relations {sorted(unknown)}")
    verbs: dict[str, list[VerbRule]] = {}
    for spec in data["verbs"]:
        rule = VerbRule(spec["lemma"], kinds[spec["relation"]], tuple(parse_path(p) for p in spec["subject"]),
                        tuple(parse_path(p) for p in spec["object"]))
        verbs.setdefault(rule.lemma, []).append(rule)
    confidence = {k: float(v) for k, v in data["confidence"].items()}
    if set(CUES) - set(confidence):
        raise _fail(32, f"confidence lacks cues {sorted(set(CUES) - set(confidence))}")
    organs = {normalize_name(name): code for name, code in data["state_organs"].items()}
    return RelationCatalogue(kinds, nouns, {k: tuple(v) for k, v in verbs.items()}, organs,
                             frozenset(data["organ_heads"]), confidence)


@lru_cache(maxsize=1)
def default_catalogue() -> RelationCatalogue:
    """The English relation catalogue shipped with kg."""
    return build_catalogue(load_data("relations"))


def _span(mention: Mention, doc: Doc) -> Span | None:
    return doc.char_span(mention.start, mention.end, alignment_mode="expand")


def _role_tokens(root: Token) -> list[tuple[Token, str]]:
    """Common nouns that say what a named person is, with the cue that ties them to the name."""
    found: list[tuple[Token, str]] = []
    doc = root.doc
    for token in doc[max(root.left_edge.i - _TITLE_WINDOW, 0):root.i]:
        if token.dep_ == "compound" and token.head.i == root.i and token.text[:1].isalpha():
            found.append((token, "title"))
    found += [(c, "apposition") for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    anchor = appositive_anchor(root)
    if anchor is None and root.dep_ == "appos" and root.head.pos_ == "PROPN" and root.head.ent_type_ == "":
        anchor = root.head  # "Chile's President Gabriel Boric", parsed with the name in apposition to the title
    if anchor is not None:
        found.append((anchor, "apposition"))
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        found += [(c, "copula") for c in root.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
    return found


def _role_kind(token: Token, catalogue: RelationCatalogue) -> str | None:
    """The relation a role noun states; two-word roles ("prime minister") first."""
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ in _MODIFIER_DEPS and child.i < token.i:
            kind = catalogue.nouns.get(f"{child.lower_} {lemma}")
            if kind is not None:
                return kind
    return catalogue.nouns.get(lemma)


def _qualified(token: Token, table: MentionTable) -> bool:
    """Whether a common noun narrows the role ("opposition leader"): then a country beside it is
    the person's nationality, not what they lead."""
    return any(
        c.dep_ == "compound" and c.pos_ == "NOUN" and table.entity_at(c) is None for c in token.children
    )


def _countries_beside(tokens: list[Token], table: MentionTable) -> list[Mention]:
    """Country mentions written as modifiers of any of the tokens ("Belarusian", "U.S.")."""
    found = []
    for token in tokens:
        for child in token.children:
            mention = table.entity_at(child) if child.dep_ in _MODIFIER_DEPS | {"poss"} else None
            if mention is not None and mention.type is EntityType.COUNTRY and mention not in found:
                found.append(mention)
    return found


def _objects(kind: RelationKind, token: Token, table: MentionTable) -> list[Mention]:
    found: list[Mention] = []
    for path in kind.paths:
        for tok in follow(path, token):
            reached = participants(tok, table, entity_only=path.entity_only)
            if not reached:  # "a founder of the Civic Forum party": the name modifies a common noun
                reached = [m for c in tok.children if c.dep_ == "compound" and (m := table.entity_at(c)) is not None]
            found += [m for m in reached if m not in found]
    return [m for m in found if m.type in kind.object_types and (m.is_name or m.label == "NORP")]


def _relation(kind: RelationKind, subject: Mention, obj: Mention | None, token: Token, cue: str,
              table: MentionTable, catalogue: RelationCatalogue, object_country: str | None = None) -> Relation | None:
    if subject.type not in kind.subject_types or (obj is not None and obj.index == subject.index):
        return None
    return Relation(
        kind=kind.name, subject=subject.index, object=None if obj is None else obj.index,
        object_country=object_country, sentence=table.sentence_index(token),
        evidence=table.sentence_text(token),
        cue=token.text, confidence=catalogue.confidence[cue],
    )


def _person_relations(person: Mention, root: Token, table: MentionTable,
                      catalogue: RelationCatalogue) -> Iterator[Relation | None]:
    nationality = catalogue.kinds["nationality"]
    spoken_for: set[int] = set()
    roles = _role_tokens(root)
    for role, cue in roles:
        name = _role_kind(role, catalogue)
        if name is None or catalogue.kinds[name].narrowable and _qualified(role, table):
            continue
        kind = catalogue.kinds[name]
        # a title's country may hang from the name: "Belarusian President Alexander Lukashenko"
        modifiers = [c for c in root.children if c.i < role.i and c.dep_ in _MODIFIER_DEPS] if cue == "title" else []
        objects = _objects(kind, role, table)
        if cue == "title":  # "Prime Minister Keir Starmer of Britain", "Belarus's President Lukashenko"
            objects += [m for m in _objects(kind, root, table) if m not in objects]
        objects += [m for t in modifiers if (m := table.entity_at(t)) is not None and m.type in kind.object_types
                    and m not in objects]
        for obj in objects:
            spoken_for.add(obj.index)
            yield _relation(kind, person, obj, role, cue, table, catalogue)
    for country in _countries_beside([root, *(role for role, _ in roles)], table):
        if country.index not in spoken_for:
            yield _relation(nationality, person, country, root, "nationality", table, catalogue)


def _organ_relations(organ: Mention, span: Span, table: MentionTable,
                     catalogue: RelationCatalogue) -> Iterator[Relation | None]:
    """An organisation acting for a state it names ("U.S. Treasury Department") or is known by ("the Kremlin")."""
    kind = catalogue.kinds["actsFor"]
    code = catalogue.state_organs.get(normalize_name(organ.text))
    if code is None and span.root.lemma_.lower() in catalogue.organ_heads:
        gazetteer = country_gazetteer()
        inner = (gazetteer.named_or_demonym(t.text) for t in span if t.i != span.root.i and t.pos_ in ("PROPN", "ADJ"))
        country = next((c for c in inner if c is not None), None)
        code = country.code if country is not None else None
    if code is not None and not country_gazetteer().country(organ.text):
        yield _relation(kind, organ, None, span.root, "organ", table, catalogue, object_country=code)


def _verb_relations(token: Token, table: MentionTable, catalogue: RelationCatalogue) -> Iterator[Relation | None]:
    if token.pos_ != "VERB" or modality_of(token) is not Modality.ASSERTED:
        return
    for rule in catalogue.verbs.get(token.lemma_.lower(), ()):
        subjects = [m for p in rule.subject for t in follow(p, token) for m in participants(t, table, True)]
        objects = [m for p in rule.object for t in follow(p, token) for m in participants(t, table, True)]
        for subject in subjects:
            for obj in objects:
                if obj.type in rule.kind.object_types:
                    yield _relation(rule.kind, subject, obj, token, "verb", table, catalogue)


def find_relations(doc: Doc, table: MentionTable, catalogue: RelationCatalogue) -> Iterator[Relation]:
    """Every relation the catalogue finds in a parsed article, each stated pair once per sentence."""
    found: list[Relation | None] = []
    for mention in list(table.mentions):
        span = _span(mention, doc)
        if span is None or not mention.is_name:
            continue
        if mention.type is EntityType.PERSON:
            found += _person_relations(mention, span.root, table, catalogue)
        elif mention.type in catalogue.kinds["actsFor"].subject_types:
            found += _organ_relations(mention, span, table, catalogue)
    for token in doc:
        if token.lemma_.lower() in catalogue.verbs:
            found += _verb_relations(token, table, catalogue)
    seen: set[tuple[str, int, int | None, str | None, int]] = set()
    for relation in found:
        if relation is None:
            continue
        key = (relation.kind, relation.subject, relation.object, relation.object_country, relation.sentence)
        if key not in seen:
            seen.add(key)
            yield relation
