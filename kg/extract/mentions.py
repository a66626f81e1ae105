"""Mentions: the named entities of a parsed article, cleaned and typed, plus unnamed participants.

Typing combines the NER label, the country gazetteer and the common noun printed
beside a name ("the airline, Belavia" is an organisation, "ships named X" vessels).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import DEP, ENT_TYPE, LOWER, POS
from spacy.tokens import Doc, Span, Token

from kg.extract.quantities import parse_number
from kg.lang import load_data
from kg.lang.gazetteer import country_gazetteer, place_sizes
from kg.lang.grammar import grammar
from kg.lang.names import NameRules, clean_label, fold, name_rules
from kg.records import EntityType, Mention

_NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
_NOT_PARTICIPANTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL"})


@dataclass(frozen=True)
class _Nouns:
    type_nouns: dict[str, EntityType]
    naming_verbs: frozenset[str]
    state_actors: frozenset[str]
    abstract: frozenset[str]
    role_nouns: dict[str, str]
    titles: frozenset[str]
    person_nouns: frozenset[str]
    plain_person_nouns: frozenset[str]


@lru_cache(maxsize=1)
def _nouns() -> _Nouns:
    data = load_data("nouns")
    return _Nouns(
        type_nouns={k: EntityType(v) for k, v in data["type_nouns"].items()},
        naming_verbs=frozenset(data["naming_verbs"]),
        state_actors=frozenset(data["state_actor_nouns"]),
        abstract=frozenset(data["abstract_nouns"]),
        role_nouns={noun: spec["role"] for noun, spec in data["roles"].items() if "role" in spec},
        titles=frozenset(data["titles"]),
        person_nouns=frozenset(data["person_nouns"]) | {n for n, spec in data["roles"].items() if "role" in spec},
        plain_person_nouns=frozenset(data["person_nouns"]),
    )


def _country_in(head: Token) -> str | None:
    """The country named, or whose capital is named, in an "in" phrase of a noun ("authorities in Tehran")."""
    gazetteer = country_gazetteer()
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for place in prep.children:
                if place.dep_ == "pobj":
                    name = head.doc[place.left_edge.i:place.i + 1].text
                    country = gazetteer.country(name) or gazetteer.government_at(name)
                    if country is not None:
                        return country.name
    return None


_MIN_DEMONYM = 6  # letters: "Yoon" is no demonym of a town "Yoo"
_DEMONYM_PLACE = 1_000_000  # people: a demonym names a region or a big city ("Pennsylvanian", "Muscovite")


def _is_demonym(word: str, rules: NameRules) -> bool:
    """A demonym printed before a name: of a country ("Belarusian") or of a place the gazetteer knows
    ("Pennsylvanian": Pennsylvania)."""
    if country_gazetteer().by_demonym(word):
        return True
    folded, sizes = fold(word), place_sizes()
    if len(folded) < _MIN_DEMONYM:
        return False
    return any(folded.endswith(suffix)
               and sizes.get(folded[: len(folded) - len(suffix)] + replacement, 0) >= _DEMONYM_PLACE
               for suffix, replacement in rules.demonym_suffixes)


def _clean_span(span: Span, label: str) -> Span | None:
    """Drop a person's leading titles, honorifics and demonyms ("Pennsylvanian Fogel"), a leading "the",
    and a trailing possessive (with what the model ran on past it: "Trump's Executive"); None if
    nothing is left."""
    nouns, rules = _nouns(), name_rules()
    start, end = span.start, span.end
    doc = span.doc
    if label == "PERSON":
        while start < end - 1 and (doc[start].lower_ in nouns.titles or rules.is_honorific(doc[start].text)
                                   or doc[start].is_punct or _is_demonym(doc[start].text, rules)):
            start += 1
        owner = next((t.i for t in doc[start + 1:end] if t.tag_ == "POS" or t.lower_ in ("'s", "’s")), None)
        if owner is not None:
            end = owner
    else:
        while start < end - 1 and doc[start].lower_ == "the":
            start += 1
    while end > start and (doc[end - 1].dep_ == "case" or doc[end - 1].lower_ in ("'s", "’s", "'")):
        end -= 1
    if end <= start:
        return None
    cleaned = doc[start:end]
    if not cleaned.text.strip() or "\n" in cleaned.text:
        return None
    if label == "PERSON" and all(rules.is_honorific(t.text) or t.is_punct for t in cleaned):
        return None  # "Retired Maj.": ranks the model took for a name
    return cleaned


def _name_word(token: Token, rules: NameRules, roles: bool = False) -> bool:
    """A word that can be part of a person's name: capitalised (not an acronym), not a title or rank
    (nor a role noun, unless ``roles``), not a country or demonym, and not part of another kind of name."""
    text = token.text
    return (token.pos_ == "PROPN" and text[:1].isupper() and not (len(text) > 1 and text.isupper())
            and token.ent_type_ in ("", "PERSON", "ORG") and token.lower_ not in _nouns().titles
            and (roles or token.lower_ not in _nouns().role_nouns)
            and not rules.is_honorific(text) and country_gazetteer().named_or_demonym(text) is None)


def whole_name(span: Span, rules: NameRules) -> Span:
    """A person's name span run on over the words the model left out of it: name particles and
    the words after them ("Abdel Fattah" + "el-Sisi", "Ursula von" + "der Leyen"), and the other
    words of the flat name it is part of ("Yoon Suk" + "Yeol", "Solomy" + "Balungi Bossa").

    >>> from kg.nlp import load_pipeline
    >>> doc = load_pipeline("en_core_web_sm")("South Korean President Yoon Suk Yeol met him.")
    >>> whole_name(doc[3:5], name_rules()).text
    'Yoon Suk Yeol'
    """
    doc = span.doc
    start, end = span.start, span.end
    while end < len(doc):
        token = doc[end]
        if token.lower_ in rules.particles or token.text in rules.joints:
            after = end + 1
            while after < len(doc) and (doc[after].lower_ in rules.particles or doc[after].text in rules.joints):
                after += 1
            if after < len(doc) and _name_word(doc[after], rules):
                end = after + 1
                continue
            break
        if _name_word(token, rules) and doc[end - 1].dep_ in ("compound", "flat") and doc[end - 1].head.i >= end:
            end += 1
            continue
        break
    while start > 0:
        token = doc[start - 1]
        # a sentence's first word is capitalised by its place ("Coach Maria Lima"): only the model's name
        initial = token.is_sent_start and token.ent_type_ != "PERSON"
        # a name whose head says it is a thing ("Official Gazette") may hold a role noun
        thing = span.root.lower_ in rules.kind_heads
        if _name_word(token, rules, roles=thing) and not initial and token.dep_ in ("compound", "flat", "nmod") \
                and start <= token.head.i < end:
            start -= 1
            continue
        break
    return span if (start, end) == (span.start, span.end) else Span(doc, start, end, label=span.label_)


def whole_body(span: Span, rules: NameRules) -> Span:
    """An organisation's name the model cut before its "of" phrase ("the U.S. Department" + "of the
    Treasury"), when its last word names a kind of body.

    >>> from kg.nlp import load_pipeline
    >>> doc = load_pipeline("en_core_web_sm")("It cited the U.S. Department of the Treasury's website.")
    >>> whole_body(doc[3:5], name_rules()).text
    'U.S. Department of the Treasury'
    """
    doc, end = span.doc, span.end
    while end > span.start + 1 and doc[end - 1].lower_ in ("of", "the"):  # "the U.S. Department of the"
        end -= 1
    if rules.kind_heads.get(doc[end - 1].lower_) != "Organization" or end >= len(doc) or doc[end].lower_ != "of":
        return span
    after = end + 1
    if after < len(doc) and doc[after].lower_ == "the":
        after += 1
    last = after
    while last < len(doc) and doc[last].pos_ == "PROPN" and doc[last].text[:1].isupper():
        last += 1
    return span if last == after else Span(doc, span.start, last, label=span.label_)


def _whole_names(ents: Sequence[Span]) -> list[Span]:
    """The named entities, people's and bodies' names made whole (:func:`whole_name`, :func:`whole_body`) and
    the names they swallowed ("Celia Margarita", labelled an organisation, before "Reyes Ochoa") left out."""
    rules = name_rules()
    people = [whole_name(e, rules) if e.label_ == "PERSON" else whole_body(e, rules) if e.label_ == "ORG" else e
              for e in ents]
    covered: dict[int, int] = {}
    for n, (ent, printed) in enumerate(zip(people, ents, strict=True)):
        if ent.label_ == "PERSON" or (ent.start, ent.end) != (printed.start, printed.end):
            for i in range(ent.start, ent.end):
                covered.setdefault(i, n)
    return [ent for n, ent in enumerate(people)
            if all(covered.get(i, n) == n for i in range(ent.start, ent.end))]


def _type_noun(root: Token) -> EntityType | None:
    """The type that a neighbouring common noun gives a name, if any."""
    nouns = _nouns().type_nouns
    while root.dep_ == "conj" and root.head.i != root.i:  # "the villages of A and B": B is typed as A
        root = root.head
    # "the national airline, Belavia": the name is in apposition to a typed noun
    if root.dep_ == "appos" and root.head.lemma_.lower() in nouns:
        return nouns[root.head.lemma_.lower()]
    for child in root.children:
        if child.dep_ == "appos" and child.lemma_.lower() in nouns and child.pos_ == "NOUN":
            return nouns[child.lemma_.lower()]
        if child.dep_ == "compound" and child.pos_ == "NOUN" and child.lemma_.lower() in nouns:
            return nouns[child.lemma_.lower()]
    # "ships named A and B": the name is the object of a naming verb modifying a typed noun
    verb = root.head
    if root.dep_ in ("oprd", "dobj", "attr") and verb.dep_ == "acl" and verb.lemma_.lower() in _nouns().naming_verbs:
        return nouns.get(verb.head.lemma_.lower())
    # "the Kharkiv region" (the name modifies the noun) and "the city of Tver": places only
    place_noun = None
    if root.dep_ == "compound":
        place_noun = root.head
    elif root.dep_ == "pobj" and root.head.lower_ == "of":
        place_noun = root.head.head
    typed = nouns.get(place_noun.lemma_.lower()) if place_noun is not None else None
    return typed if typed in (EntityType.CITY, EntityType.REGION) else None


def _has_who_clause(root: Token) -> bool:
    """ "Vadim Krasikov, who had served ...": a relative clause with *who* marks a person."""
    return any(
        child.dep_ == "relcl" and any(g.lower_ in ("who", "whom", "whose") for g in child.children)
        for child in root.children
    )


_BIG_PLACE = 200_000  # people: a one-word "person" that is a place this big is the place
_KINDS = {"none": None, "Place": EntityType.PLACE, "Organization": EntityType.ORGANIZATION}


def _titled(span: Span, rules: NameRules) -> bool:
    """A title, rank or person noun printed just before a name ("journalist Win Tin", "Gen. X")."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and (rules.is_honorific(before.text)
                                   or before.lemma_.lower() in _nouns().plain_person_nouns)


def _joined_parties(text: str, people: frozenset[str], rules: NameRules) -> bool:
    """ "Trump–Xi", "Murillo-Ortega": the names of two parties the article names, joined into one word."""
    text = clean_label(text)
    parts = [p for p in re.split("|".join(map(re.escape, rules.joints)), text) if p.strip()] \
        if any(j in text for j in rules.joints) else []
    gazetteer = country_gazetteer()
    return len(parts) > 1 and all(fold(p) in people or gazetteer.named_or_demonym(p.strip()) for p in parts)


def _evidence_type(span: Span, label: str, people: frozenset[str]) -> tuple[bool, EntityType | None]:
    """Whether the words of a name and the article decide its type, whatever the model's label, and
    the type (None: no participant): the head word ("Rome Statute" is no participant, "Lincoln Bedroom"
    a place, "Official Gazette" an outlet), or the place gazetteer ("Tamil Nadu", "Naypyitaw") for a
    name with no sign of a person."""
    rules = name_rules()
    text = span.text
    if label in ("PERSON", "ORG", "FAC", "GPE") and (len(span) > 1 or label == "PERSON"):
        head = rules.kind_heads.get(span.root.lower_) or rules.kind_heads.get(span[-1].lower_, "")
        if head:
            return True, _KINDS.get(head)
    if label == "PERSON" and span.root.dep_ == "compound" and rules.kind_heads.get(span.root.head.lower_):
        return True, _KINDS.get(rules.kind_heads[span.root.head.lower_])  # "A Haber television channel"
    if label in ("PERSON", "ORG") and not _has_who_clause(span.root):
        size = place_sizes().get(fold(text))
        one_word = len(span) == 1
        if size is not None and (not one_word or (size >= _BIG_PLACE and fold(text) not in people)):
            return True, EntityType.CITY if country_gazetteer().capital_of(text) else EntityType.PLACE
    return False, None


def _entity_type(span: Span, label: str, people: frozenset[str] = frozenset()) -> EntityType | None:
    gazetteer = country_gazetteer()
    text = span.text
    rules = name_rules()
    if label in ("PERSON", "ORG") and (_joined_parties(text, people, rules) or label == "ORG" and all(
            fold(t.text).rstrip(".") in rules.organisation_words for t in span)):
        return None  # "Trump–Xi", "Murillo-Ortega"; "SA" after a company's name
    if label in ("PERSON", "ORG") and _titled(span, rules) and not text.isupper() \
            and not gazetteer.named_or_demonym(text):
        return EntityType.PERSON  # "journalist Win Tin", "President Trump", whatever the model's label
    if label == "PERSON" and gazetteer.country(text) and fold(text) not in people:
        return EntityType.COUNTRY  # "Bermuda" labelled a person, with no one of that name in the article
    typed = _type_noun(span.root)
    if typed is None and label in ("PERSON", "ORG") and not gazetteer.country(text) \
            and not gazetteer.by_demonym(text):
        decided, kind = _evidence_type(span, label, people)
        if decided:
            return kind
    if label == "NORP":
        return EntityType.COUNTRY if gazetteer.by_demonym(text) else None
    if len(span) == 1 and (span.root.pos_ == "ADJ" or span.root.dep_ in ("amod", "conj")) \
            and gazetteer.by_demonym(text):
        return EntityType.COUNTRY  # "the Ukrainian and Azerbaijani delegations", labelled GPE or PERSON
    if label in ("ORG", "GPE", "LOC", "FAC") and typed is None and not gazetteer.country(text) \
            and _has_who_clause(span.root):
        return EntityType.PERSON
    if typed is EntityType.VESSEL or (typed is EntityType.ORGANIZATION and label in ("GPE", "PERSON")):
        return typed
    if label in ("GPE", "ORG") and gazetteer.country(text):
        return EntityType.COUNTRY
    if label in ("ORG", "PERSON") and typed is None and len(span) == 1 and gazetteer.capital_of(text):
        return EntityType.CITY  # "He said Minsk had freed ...": the small model's ORG or PERSON for a capital
    if typed in (EntityType.CITY, EntityType.REGION):
        return typed
    if label == "GPE":
        return EntityType.CITY if gazetteer.capital_of(text) else EntityType.PLACE
    if label == "ORG":
        return EntityType.ORGANIZATION
    if label == "PERSON":
        return EntityType.PERSON
    return EntityType.PLACE


def _roles_and_country(span: Span) -> tuple[tuple[str, ...], str | None]:
    """Role nouns ("envoy") and a country modifier ("U.S.") printed next to a person's name."""
    gazetteer = country_gazetteer()
    root = span.root
    neighbours = [c for c in root.children if not (span.start <= c.i < span.end)]
    anchor = appositive_anchor(root)
    if anchor is not None:
        neighbours.append(anchor)
        neighbours.extend(c for c in anchor.children if c.i < anchor.i)
    roles: list[str] = []
    country: str | None = None
    for token in neighbours:
        if token.pos_ in ("NOUN", "PROPN", "ADJ"):
            roles += role_of(token)
        if country is None and gazetteer.named_or_demonym(token.text):
            country = token.text
    inside = range(span.start, span.end)
    for token in span.doc[max(span.start - 4, 0):span.start]:
        attached = token.head.i in inside or (token.dep_ in ("compound", "amod") and token.head.head.i in inside)
        if not attached:
            continue
        roles += role_of(token)
        if country is None and gazetteer.named_or_demonym(token.text):
            country = token.text
    return tuple(dict.fromkeys(roles)), country


def role_of(token: Token) -> list[str]:
    """The roles a role noun gives, its two-word phrase first ("prime minister" is a leader, and a
    minister).

    >>> from kg.nlp import load_pipeline
    >>> role_of(load_pipeline("en_core_web_sm")("the prime minister")[2])
    ['leader', 'minister']
    """
    role_nouns = _nouns().role_nouns
    lemma = token.lemma_.lower()
    roles = [role_nouns[lemma]] if lemma in role_nouns else []
    if token.i > 0:
        phrase = f"{token.doc[token.i - 1].lower_} {lemma}"
        if phrase in role_nouns:
            roles.insert(0, role_nouns[phrase])
    return list(dict.fromkeys(roles))


def appositive_names(noun: Token) -> list[Token]:
    """Roots of names printed in apposition to a common noun.

    Covers the parser's habit of attaching the name to the last noun of a
    prepositional phrase: in "the envoy for Belarus, John Coale" the name hangs
    from "Belarus" but stands for "envoy".
    """
    names = [c for c in noun.children if c.dep_ == "appos"]
    for prep in (c for c in noun.children if c.dep_ == "prep"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            names += [
                c for c in obj.children
                if c.dep_ == "appos" and c.ent_type_ == "PERSON" and obj.ent_type_ not in ("PERSON", "")
            ]
    if not names:
        names = listed_after(noun)
    return list(dict.fromkeys(n for name in names for n in coordinated_names(name)))


def listed_after(noun: Token) -> list[Token]:
    """Names printed right after a noun and a comma, of one kind, coordinated and closed by a comma or
    the sentence's end: "met two envoys, Steve Witkoff and Jared Kushner, in Moscow". Read from the
    text, for the parses that hang such names anywhere but under the noun.
    """
    doc = noun.doc
    start = noun.i + 1
    if start + 1 >= len(doc) or doc[start].text != "," or noun.pos_ != "NOUN":
        return []
    spans = {ent.start: ent for ent in doc.ents if ent.label_ in _NAMED_LABELS}
    names: list[Token] = []
    position, label = start + 1, None
    while position in spans and spans[position].label_ == (label or spans[position].label_):
        span = spans[position]
        names.append(span.root)
        label, position = span.label_, span.end
        if position < len(doc) and doc[position].lower_ in (",", "and") and position + 1 in spans:
            position += 1
        elif position + 1 < len(doc) and doc[position].text == "," and doc[position + 1].lower_ == "and":
            position += 2
    closed = position >= len(doc) or doc[position].text in (",", ".", ";") or doc[position].is_sent_start
    return names if names and closed else []


def coordinated_names(name: Token) -> list[Token]:
    """A name in apposition and the names coordinated with it: "two companies, Rosneft and Lukoil".

    The parser sometimes hangs the first name under the last ("ministers, Itamar Ben-Gvir and
    Bezalel Smotrich" parses "Ben-Gvir" inside "Smotrich"), so a name of the same type found
    inside the appositive, with a conjunction there too, counts as well.
    """
    found = [name, *(c for c in name.conjuncts if c.i > name.i)]
    if name.ent_type_ and any(t.dep_ == "cc" for t in name.subtree):
        first, last = name.left_edge.i, name.right_edge.i
        found += [ent.root for ent in name.doc.ents
                  if ent.label_ == name.ent_type_ and first <= ent.start and ent.end <= last + 1
                  and not ent.start <= name.i < ent.end]
    return found


def names_for(noun: Token) -> list[Token]:
    """Roots of the names a common noun stands for: in apposition ("the airline, Belavia") or
    given by a naming verb ("ships named A and B")."""
    names = appositive_names(noun)
    nouns = _nouns()
    if noun.lemma_.lower() in nouns.type_nouns and not names:  # "the city of Odesa"
        names += [o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
                  if o.dep_ == "pobj" and o.pos_ == "PROPN"]
    naming = nouns.naming_verbs
    for verb in (c for c in noun.children if c.dep_ == "acl" and c.lemma_.lower() in naming):
        for obj in (c for c in verb.children if c.dep_ in ("oprd", "dobj", "attr")):
            names += [obj, *(c for c in obj.conjuncts if c.i > obj.i)]
    return names


def appositive_anchor(name_root: Token) -> Token | None:
    """The common noun a name stands in apposition to, if any (inverse of :func:`appositive_names`)."""
    if name_root.dep_ != "appos":
        return None
    head = name_root.head
    if head.pos_ == "NOUN":
        return head
    misattached = head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.pos_ == "NOUN"
    if misattached and name_root.ent_type_ == "PERSON":
        return head.head.head
    return None


def _owns_something(span: Span) -> bool:
    """Whether a span of proper nouns is followed by a possessive "'s" ("Albanese's meeting").

    >>> from kg.nlp import load_pipeline
    >>> doc = load_pipeline("en_core_web_sm")("Albanese's meeting with Prabowo ran long.")
    >>> _owns_something(doc[0:1]), _owns_something(doc[3:4])
    (True, False)
    """
    after = span.end
    return (after < len(span.doc) and span.doc[after].tag_ == "POS" and span.doc[after].lower_ == "'s"
            and all(t.pos_ == "PROPN" for t in span))


def _person_surnames(doc: Doc) -> frozenset[str]:
    """The last words of the full names (two words or more) the NER labels as people."""
    return frozenset(ent[-1].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1)


def _split_people(ent: Span, surnames: frozenset[str]) -> list[Span]:
    """A name span the NER ran across "and" between two people the article names in full, split.

    >>> from kg.nlp import load_pipeline
    >>> doc = load_pipeline("en_core_web_sm")("A meeting between Rubio and Lavrov was called off.")
    >>> [s.text for s in _split_people(doc[3:6], frozenset({"Rubio", "Lavrov"}))]
    ['Rubio', 'Lavrov']
    >>> [s.text for s in _split_people(doc[3:6], frozenset({"Lavrov"}))]  # "Procter and Gamble" stays whole
    ['Rubio and Lavrov']
    """
    joints = [t.i for t in ent if t.lower_ == "and"]
    if len(joints) != 1 or not ent.start < joints[0] < ent.end - 1:
        return [ent]
    left, right = ent.doc[ent.start:joints[0]], ent.doc[joints[0] + 1:ent.end]
    if left[-1].text in surnames and right[-1].text in surnames:
        return [Span(ent.doc, part.start, part.end, label="PERSON") for part in (left, right)]
    return [ent]


def _anaphoric_count(token: Token) -> int | None:
    """How many named things a plural noun points back to: 2 for "both men", N for "the N men"
    or "Russia's N largest companies"."""
    if token.tag_ != "NNS":
        return None
    children = list(token.children)
    if any(c.lower_ == "both" and c.dep_ in ("det", "predet", "preconj") for c in children):
        return 2
    # "the two companies", "Russia's two largest oil companies": definite, by an article or an owner
    if any((c.dep_ == "det" and c.lower_ in ("the", "these", "those")) or c.dep_ == "poss" for c in children):
        numbers = [c for c in children if c.dep_ == "nummod"]
        if len(numbers) == 1:
            value = parse_number(numbers[0].text)
            return value if value is not None and 2 <= value <= 5 else None
    return None


def _consensus_labels(doc: Doc) -> dict[str, str]:
    """One NER label per surface form: the most frequent one in the article.

    A small model labels the same name differently from sentence to sentence
    ("Kupiansk" as a place, then an organisation); the majority is usually right.
    """
    votes: dict[str, Counter[str]] = {}
    for ent in doc.ents:
        if ent.label_ in _NAMED_LABELS:
            votes.setdefault(ent.text, Counter())[ent.label_] += 1
    return {text: counts.most_common(1)[0][0] for text, counts in votes.items() if len(counts) > 1}


_MAX_PHRASE_TOKENS = 8
_PHRASE_LEAD = frozenset({"det", "poss", "case", "predet", "punct", "cc", "preconj"})


def _phrase(token: Token, head: Token) -> str | None:
    """A group's words as printed, without leading determiners or possessors.

    "some political prisoners" → "political prisoners"; "the country's national airline" →
    "national airline"; "dozens of prisoners" and "more than 430 prisoners" stay whole.
    """
    start = token.left_edge.i if head.i != token.i else head.left_edge.i
    words = list(head.doc[start:head.i + 1])
    while len(words) > 1 and (words[0].dep_ in _PHRASE_LEAD or words[0].head.dep_ == "poss" and words[0].i < head.i
                              and words[0].head.i != head.i):
        words.pop(0)
    if not words or len(words) > _MAX_PHRASE_TOKENS or "\n" in head.doc[words[0].i:head.i + 1].text:
        return None
    return head.doc[words[0].i:head.i + 1].text


def _gazetteer_names(doc: Doc) -> list[Span]:
    """Countries and capitals the NER missed ("Kyiv freed the activist"), as GPE spans.

    Only proper nouns outside any entity are read, longest name first ("South Korea").
    """
    gazetteer = country_gazetteer()
    # read from arrays, not Token objects: this looks at every token of every article
    tags = doc.to_array([POS, ENT_TYPE])
    free = ((tags[:, 0] == doc.vocab.strings["PROPN"]) & (tags[:, 1] == 0)).tolist() if len(doc) else []
    found: list[Span] = []
    end = len(doc)
    while end > 0:
        if not free[end - 1]:
            end -= 1
            continue
        for size in (3, 2, 1):
            start = end - size
            if start < 0 or not all(free[start:end]):
                continue
            text = doc[start:end].text
            if gazetteer.country(text) or gazetteer.capital_of(text):
                found.append(Span(doc, start, end, label="GPE"))
                end = start
                break
        else:
            end -= 1
    return found[::-1]


class MentionTable:
    """The mentions of one article, found once and looked up by token while events are read."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.mentions: list[Mention] = []
        self._by_token: dict[int, int] = {}
        self._text = doc.text  # Doc.text joins every token anew on each call
        self._prepositions: dict[frozenset[str], dict[int, list[Token]]] = {}
        self.sentences: list[Span] = list(doc.sents)
        # token index → sentence number: Token.sent walks the parse on every call, extraction asks often
        self._sentence_of: list[int] = [n for n, sent in enumerate(self.sentences) for _ in range(len(sent))]
        self._dates: dict[int, list[Span]] = {}  # sentence start → its DATE entities
        for ent in doc.ents:
            if ent.label_ == "DATE":
                self._dates.setdefault(self.sentence_of(ent.root).start, []).append(ent)
        self._labels = _consensus_labels(doc)
        people = _person_surnames(doc)
        ents = _whole_names(doc.ents)
        # the words of the article's full names: a one-word name among them is a person, not a place
        self._people = frozenset(fold(w) for e in ents if e.label_ == "PERSON" and len(e) > 1 for w in e.text.split())
        for ent in ents:
            if ent.label_ in _NAMED_LABELS:
                for span in _split_people(ent, people):
                    self._add_entity(span)
        for span in _gazetteer_names(doc):
            self._add_entity(span)

    def sentence_index(self, token: Token) -> int:
        """The number of the sentence holding ``token`` (0 for the first)."""
        return self._sentence_of[token.i]

    def sentence_of(self, token: Token) -> Span:
        """The sentence holding ``token``, as ``token.sent`` but without walking the parse."""
        return self.sentences[self._sentence_of[token.i]]

    def sentence_text(self, token: Token) -> str:
        """The text of the sentence holding ``token``, trimmed: an event's evidence."""
        sentence = self.sentence_of(token)
        return self._text[sentence.start_char:sentence.end_char].strip()

    def prepositions(self, words: frozenset[str], sentence: int) -> list[Token]:
        """The prepositions among ``words`` ("in", "at") in a sentence (by number), found once per article."""
        if words not in self._prepositions:
            strings = self.doc.vocab.strings
            wanted = {strings[w] for w in words}
            tags = self.doc.to_array([LOWER, DEP]).tolist() if len(self.doc) else []
            prep = strings["prep"]
            by_sentence: dict[int, list[Token]] = {}
            for i, (lower, dep) in enumerate(tags):
                if dep == prep and lower in wanted:
                    by_sentence.setdefault(self._sentence_of[i], []).append(self.doc[i])
            self._prepositions[words] = by_sentence
        return self._prepositions[words].get(sentence, [])

    def dates_in(self, sentence: Span) -> list[Span]:
        """The DATE entities of a sentence."""
        return self._dates.get(sentence.start, [])

    def _add_entity(self, ent: Span) -> None:
        label = self._labels.get(ent.text, ent.label_)
        if label == "NORP" and _owns_something(ent) and not country_gazetteer().by_demonym(ent.text):
            label = "PERSON"  # "Albanese's meeting": a nationality owns nothing, so the small model's NORP is a name
        if label == "NORP" and len(ent) > 1 and not country_gazetteer().by_demonym(ent.text) \
                and country_gazetteer().by_demonym(ent[-1].text):
            ent = ent[-1:]  # "New Australian": the model took an adjective into the demonym
        span = _clean_span(ent, label)
        if span is None or not any(c.isupper() for c in span.text):
            return
        kind = _entity_type(span if label == "PERSON" else ent, label, self._people)
        if kind is None:
            return
        modifier = span.root
        while modifier.dep_ == "conj" and modifier.head.i != modifier.i:  # "Iranian and American negotiators"
            modifier = modifier.head
        if label == "NORP" and modifier.dep_ not in ("amod", "compound", "nmod", "poss"):
            return  # "the freed Americans" are people, not their country: left to group_for
        root = span.root
        if kind is EntityType.ORGANIZATION and (
                len(span) > 1 and span[-1].lower_ in _nouns().titles and span[-1].lower_ in _nouns().role_nouns
                # "National Security Advisor": a job title
                or root.dep_ == "compound" and root.head.lower_ in _nouns().titles
                or root.dep_ == "pobj" and root.head.lower_ == "of" and len(span) == 1
                and root.head.head.lower_ in _nouns().titles):
            return  # "Deputy Energy Minister", "Secretary of State": part of a job title, not an organisation
        roles, country = _roles_and_country(span) if kind is EntityType.PERSON else ((), None)
        index = len(self.mentions)
        self.mentions.append(Mention(
            index=index, text=clean_label(span.text), type=kind, start=span.start_char, end=span.end_char,
            sentence=self.sentence_index(span.root), label=label, roles=roles, country=country,
            is_name=label != "NORP", dep=span.root.dep_,
        ))
        for token in ent:
            self._by_token[token.i] = index

    def entity_at(self, token: Token) -> Mention | None:
        """The named mention covering a token, if any."""
        index = self._by_token.get(token.i)
        return None if index is None else self.mentions[index]

    def antecedents_of(self, token: Token) -> list[Mention]:
        """The names a plural noun refers back to: "both companies" or "the two companies" after
        "Rosneft and Lukoil" are those two. The nearest of the two sentences before that names
        things of the noun's kind must name exactly as many as the noun counts."""
        count = _anaphoric_count(token)
        if count is None:
            return []
        lemma, nouns = token.lemma_.lower(), _nouns()
        kind = nouns.type_nouns.get(lemma) or (EntityType.PERSON if lemma in nouns.person_nouns else None)
        if kind is None:
            return []
        here = self.sentence_index(token)
        for sentence in (here - 1, here - 2):
            named = [m for m in self.mentions if m.is_name and m.type is kind and m.sentence == sentence]
            if named:
                return named if len({m.text for m in named}) == count else []
        return []

    def group_for(self, token: Token) -> Mention | None:
        """A mention for an unnamed participant ("more than 50 prisoners", "Western countries")."""
        if token.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM", "PRON") or not any(c.isalnum() for c in token.text):
            return None  # the small model sometimes tags the hyphen of "semi-finals" as a noun
        head = token
        if token.lemma_.lower() in grammar().quantity_heads or token.pos_ in ("NUM", "PRON"):
            of = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"]
            objects = [c for p in of for c in p.children if c.dep_ == "pobj"]
            if objects:
                head = objects[0]
            elif token.pos_ in ("NUM", "PRON"):
                return None
        if head.i in self._by_token:
            return self.mentions[self._by_token[head.i]]
        if head.ent_type_ in _NOT_PARTICIPANTS:
            return None  # "on Tuesday" is a time, not the one the event was done to
        if head.lemma_.lower() in _nouns().abstract:
            return None  # "a deal mediated by Oman": nobody was mediated
        if head.pos_ == "PROPN" and head.text[:1].isupper():
            named = self._unlabelled_name(head)
            if named is not None:
                return named
        gazetteer = country_gazetteer()
        modifiers = [c for c in head.children if c.dep_ in ("amod", "compound") and c.i < head.i]
        owners = [c for c in head.children if c.dep_ == "poss"]  # "Myanmar's military government"
        country = next(
            (c.text for c in [*modifiers, *owners, head] if gazetteer.named_or_demonym(c.text)), None
        )
        if country is None and head.lemma_.lower() in _nouns().state_actors:
            country = _country_in(head)  # "the authorities in Tehran" act for Iran
        words = _phrase(token, head) or " ".join(
            [c.text for c in modifiers if c.pos_ in ("ADJ", "NOUN", "PROPN")] + [head.text]
        )
        definite = any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "its", "their", "this") for c in head.children)
        index = len(self.mentions)
        self.mentions.append(Mention(
            index=index, text=words, type=EntityType.GROUP, start=head.idx,
            end=head.idx + len(head.text), sentence=self.sentence_index(head), head=head.lemma_.lower(),
            country=country, definite=definite, is_name=False, dep=head.dep_,
            counted=head.i != token.i or any(c.dep_ == "nummod" for c in head.children),
            plural=head.tag_ in ("NNS", "NNPS"),
        ))
        self._by_token[head.i] = index
        return self.mentions[index]

    def _unlabelled_name(self, head: Token) -> Mention | None:
        """A proper noun the NER missed, typed by the noun beside it ("Belaruskali, the potash producer")."""
        kind = _type_noun(head)
        if kind is None:
            return None
        start = head.i
        while start > 0 and head.doc[start - 1].dep_ == "compound" and head.doc[start - 1].pos_ == "PROPN":
            start -= 1
        span = head.doc[start:head.i + 1]
        index = len(self.mentions)
        self.mentions.append(Mention(
            index=index, text=span.text, type=kind, start=span.start_char, end=span.end_char,
            sentence=self.sentence_index(head), label="", dep=head.dep_,
        ))
        for token in span:
            self._by_token[token.i] = index
        return self.mentions[index]

    def pronoun_for(self, token: Token) -> Mention | None:
        """A mention for a subject "he" or "she", left for the resolve stage to link to a person."""
        if token.lower_ not in grammar().subject_pronouns or token.dep_ not in ("nsubj", "nsubjpass"):
            return None
        if token.i in self._by_token:
            return self.mentions[self._by_token[token.i]]
        index = len(self.mentions)
        self.mentions.append(Mention(
            index=index, text=token.text, type=EntityType.PERSON, start=token.idx, end=token.idx + len(token.text),
            sentence=self.sentence_index(token), label="PRON", head=token.lower_, is_name=False, dep=token.dep_,
        ))
        self._by_token[token.i] = index
        return self.mentions[index]
