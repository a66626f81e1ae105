"""Events from the dependency parse, driven entirely by the lexicon in ``events.json``.

For every token whose lemma is a trigger, the trigger's frame says where each role
is found. Arguments are expanded: coordinated names give one event each, a common
noun in apposition to a name ("the airline, Belavia") stands for that name, and
"including X" adds X as a participant of its own. Dates and places are read from
the trigger's clause, modality from its governors.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from spacy.attrs import LEMMA
from spacy.tokens import Doc, Span, Token

from kg.extract.lexicon import Lexicon, Trigger
from kg.extract.mentions import MentionTable, names_for
from kg.extract.modality import modality_of
from kg.extract.paths import Path, follow
from kg.extract.quantities import quantity_of
from kg.lang import load_data
from kg.lang.gazetteer import country_gazetteer
from kg.lang.grammar import grammar
from kg.records import Article, EntityType, Event, Mention, Modality, Quantity, TimeValue
from kg.temporal import resolve_date, resolve_period

_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
# typed as places by the gazetteer whatever the NER said ("Bamako" labelled ORG)
_PLACE_KINDS = frozenset({EntityType.COUNTRY, EntityType.CITY, EntityType.REGION, EntityType.PLACE})
_RESTATING_DEPS = frozenset({"dobj", "appos", "npadvmod", "attr"})
_GOVERNED_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})
_CLAUSE_BREAKS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj"})


def _find_object(trigger: Trigger, token: Token, lexicon: Lexicon) -> Token | None | bool:
    """The object that satisfies the trigger's object constraint; True when it has none."""
    if trigger.object_lemmas is None:
        return True
    for path in lexicon.object_paths:
        for candidate in follow(path, token):
            if candidate.lemma_.lower() in trigger.object_lemmas or candidate.lower_ in trigger.object_lemmas:
                return candidate
    return None


def _expand(token: Token) -> list[Token]:
    """The token and the tokens coordinated with it ("Rosneft and Lukoil"); a count broken down
    after a comma is one group ("12 people, seven women and five men" are the 12 people)."""
    tokens = [token]
    for conj in token.conjuncts:
        if conj.i > token.i and conj.pos_ in ("NOUN", "PROPN"):
            tokens.append(conj)
    # a headline's comma list of names, parsed as apposition ("frees Ksenia Ivanova, Oleg Brin")
    tokens += [c for c in token.children if c.dep_ == "appos" and c.ent_type_ == token.ent_type_ == "PERSON"]
    return tokens[:1] if _breaks_down(tokens) else tokens


def _breaks_down(tokens: list[Token]) -> bool:
    """Whether the coordinated nouns after the first, set off by a comma, count its members.

    >>> from kg.nlp import load_pipeline
    >>> doc = load_pipeline("en_core_web_sm")("Police arrested 12 people, seven women and five men.")
    >>> _breaks_down([doc[3], doc[6], doc[9]]), _breaks_down([doc[6], doc[9]])
    (True, False)
    """
    if len(tokens) < 3:
        return False
    first, rest = tokens[0], tokens[1:]
    after = first.i + 1
    if after >= len(first.doc) or first.doc[after].text != ",":
        return False
    total, parts = quantity_of(first), [quantity_of(t) for t in rest]
    return total is not None and all(parts) and sum(p.value for p in parts if p) == total.value


@dataclass(frozen=True)
class _Words:
    representatives: frozenset[str]
    owned: frozenset[str]
    reporting: frozenset[str]


@lru_cache(maxsize=1)
def _words() -> _Words:
    data = load_data("nouns")
    return _Words(frozenset(n for n, spec in data["roles"].items() if spec.get("represents")),
                  frozenset(data["owned_nouns"]),
                  frozenset(data["reporting_verbs"]))


def _stand_in(token: Token) -> Token:
    """The token a pronoun or a representative noun stands for, when the parse says so.

    A relative pronoun is the noun its clause modifies ("the tanker, which is under
    sanctions"); "it"/"they" as subject of reported speech is the speaker ("Japan said
    it had halted aid"); "leaders of Romania" act for Romania.
    """
    closed = grammar()
    if token.lower_ in closed.relative_pronouns and token.head.dep_ == "relcl":
        return token.head.head
    if token.lower_ in closed.possessive_pronouns | closed.personal_possessives and token.dep_ == "poss":
        verb = token.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        if token.lower_ in closed.personal_possessives:  # "during his meeting with Erdogan, Mitsotakis ...": a name
            subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"]
        else:
            subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < token.i]
        while not subjects and verb.dep_ in ("xcomp", "advcl") and verb.head.i != verb.i:
            # "voted to extend its embargo", "arrived in Kazan, marking his first meeting with Putin"
            verb = verb.head
            subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < token.i]
        if subjects:  # "Russia continues its sanctions": the subject owns them
            return subjects[0]
    if token.lower_ in closed.plural_pronouns and token.dep_ in ("nsubj", "nsubjpass"):
        # "Kishida and Yoon stressed ... as they opened the summit": the coordinated subject above
        for verb in token.ancestors:
            sides = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < token.i and c.conjuncts]
            if verb.pos_ in ("VERB", "AUX") and sides:
                return sides[0]
    if token.lower_ in closed.reported_pronouns and token.dep_ in ("nsubj", "nsubjpass"):
        clause = token.head
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ == "ccomp" and clause.head.lemma_.lower() in _words().reporting:
            speaker = [c for c in clause.head.children if c.dep_ == "nsubj"]
            if speaker:
                return speaker[0]
    lemma, words = token.lemma_.lower(), _words()
    if lemma in words.representatives | words.owned and not names_for(token):
        owners = [o for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
                  if o.dep_ == "pobj"]
        if lemma in words.owned:  # "the cartel's network": the cartel's, not "Trump's envoy"
            owners += [c for c in token.children if c.dep_ == "poss" and c.lower_ not in closed.possessive_pronouns]
        if owners:
            return owners[0]
    return token


@dataclass(frozen=True)
class _When:
    date: TimeValue | None = None
    start: TimeValue | None = None
    period: tuple[TimeValue, TimeValue] | None = None
    text: str | None = None


def _represented(token: Token, table: MentionTable) -> list[Mention]:
    """Countries or organisations a plural representative noun names as modifiers: "Cypriot and
    Maltese leaders" act for Cyprus and Malta, "Hamas negotiators" for Hamas, "Norway's mediators" for Norway."""
    if token.lemma_.lower() not in _words().representatives or token.tag_ != "NNS" or quantity_of(token) is not None:
        return []  # one "U.S. envoy" is a person, "five Iranian officials" five people: left to resolve
    found = []
    # "leaders from Russia, China and Qatar" name their states after the noun
    after = [o for p in token.children if p.dep_ == "prep" and p.lower_ in ("from", "of") for o in p.children
             if o.dep_ == "pobj"]
    for child in [*token.children, *after]:
        if (child.dep_ in ("amod", "compound", "nmod", "poss") and child.i < token.i) or child in after:
            for tok in [child, *child.conjuncts]:
                mention = table.entity_at(tok)
                if mention is not None and mention.type in (EntityType.COUNTRY, EntityType.ORGANIZATION):
                    found.append(mention)
    return found


def _office_holder(token: Token, table: MentionTable) -> Mention | None:
    """The person an organisation's name introduces with no comma between ("ICC Prosecutor Karim Khan")."""
    for child in token.children:
        person = table.entity_at(child) if child.dep_ == "appos" else None
        if person is not None and person.type is EntityType.PERSON \
                and not any(t.text == "," for t in token.doc[token.i + 1:child.left_edge.i]):
            return person
    return None


def participants(token: Token, table: MentionTable, entity_only: bool,
                  event_nouns: frozenset[str] = frozenset()) -> list[Mention]:
    """Mentions a role-filling token stands for, after apposition, naming and coordination."""
    found: list[Mention] = []
    stand_ins = [_stand_in(t) for t in _expand(token)]
    # "their summit": the pronoun stands for the subject, and so for every name coordinated with it
    closed = grammar()
    expanded = [t for s in stand_ins for t in (_expand(s) if s.i != token.i and s.lower_ not in closed.relative_pronouns
                                               else [s])]
    for tok in dict.fromkeys(expanded):
        if tok.lower_ in closed.subject_pronouns:
            pronoun = table.pronoun_for(tok)
            if pronoun is not None:
                found.append(pronoun)
            continue
        named = table.entity_at(tok)
        represented = _represented(tok, table) if named is None else []
        if represented:
            found.extend(represented)
            continue
        if named is None:
            stands_for = [
                m for n in names_for(tok)
                if (m := table.entity_at(n) or (table.group_for(n) if n.pos_ == "PROPN" else None)) is not None
            ]
            if stands_for:
                found.extend(stands_for)
                continue
        if named is not None and named.type is EntityType.ORGANIZATION:
            named = _office_holder(tok, table) or named  # "sanctions on ICC Prosecutor Karim Khan"
        if named is not None:
            found.append(named)
        elif earlier := table.antecedents_of(tok):
            found.extend(earlier)  # "both companies": the two just named
        elif (not entity_only or (tok.pos_ == "PROPN" and tok.text[:1].isupper())) \
                and tok.lemma_.lower() not in event_nouns:
            # a proper noun the NER missed is still a name ("designating Luz Ibanez Carranza of Peru")
            group = table.group_for(tok)
            if group is not None:
                found.append(group)
    return list({m.index: m for m in found}.values())


def _members(token: Token, table: MentionTable, trigger: Token | None = None) -> list[Mention]:
    """Named participants listed with "including" under a group ("prisoners, including X"), also when
    the parser hangs the list off the trigger ("freed 123 prisoners on Saturday, including X")."""
    members: list[Mention] = []
    near = {token.i, *(c.i for c in token.children)}
    scope = list(token.subtree)
    if trigger is not None and token.pos_ == "NOUN" and (token.tag_ == "NNS" or quantity_of(token) is not None):
        near.add(trigger.i)
        scope += [c for c in trigger.children if c.dep_ == "prep"]
    for tok in scope:
        if tok.dep_ == "prep" and tok.lower_ in grammar().member_prepositions and tok.head.i in near:
            for obj in tok.children:
                if obj.dep_ == "pobj":
                    members += participants(obj, table, entity_only=True)
    return members


def _restates(tok: Token, named: list[Token]) -> bool:
    """Whether a noun the parser made a participant of its own only restates names beside it:
    "the opposition politician Rustam Aliyev" (two subjects), "Rosneft and Lukoil, Russia's largest
    oil companies" and "two activists, A and B" (objects), "the presidents of A and B, X and Y, held talks"."""
    doc = tok.doc
    lefts = {n.left_edge.i for n in named}
    if tok.i + 1 in lefts:
        return True
    if tok.pos_ == "NOUN" and tok.i + 2 < len(doc) and doc[tok.i + 1].text == "," and tok.i + 2 in lefts:
        return True  # "freed two activists, Maria Kolesnikova and Maxim Znak" (the names parsed as a list)
    if tok.pos_ != "NOUN":
        return False
    comma_before = tok.left_edge.i > 0 and doc[tok.left_edge.i - 1].text == ","
    after = tok.right_edge.i + 1
    comma_after = after < len(doc) and doc[after].text == ","
    return (comma_before and any(n.i < tok.i for n in named)) or (comma_after and after + 1 in lefts)


def _fill(paths: tuple[Path, ...], token: Token, obj: Token | None, used: set[int],
          table: MentionTable, role: str, event_nouns: frozenset[str], never: frozenset[str] = frozenset(),
          never_types: frozenset[str] = frozenset()) -> tuple[list[Token], list[Mention], dict[int, Quantity], int]:
    """Tokens and mentions of the first path that reaches a participant, the counts printed with
    them, and the path's rank ("trade sanctions" reaches "trade", no participant: try the next path).
    A token whose lemma is in ``never`` fills nothing ("released photos": nobody was freed), nor
    does a mention of a type in ``never_types``."""
    for rank, path in enumerate(paths):
        tokens = [t for t in follow(path, token, obj)
                  if t.i not in used and t.i != token.i and t.lemma_.lower() not in never]
        named = [t for t in tokens if table.entity_at(t) is not None]
        mentions: list[Mention] = []
        counts: dict[int, Quantity] = {}
        for tok in tokens:
            if table.entity_at(tok) is None and _restates(tok, named):
                continue
            found = [m for m in participants(tok, table, path.entity_only, event_nouns)
                     if m.type.value not in never_types and m.head not in never]  # "a license that eased"
            quantity = quantity_of(tok)
            counts.update((m.index, quantity) for m in found if quantity is not None and not m.is_name)
            mentions += [m for m in found if m not in mentions]
            if role == "target":
                mentions += [m for m in _members(tok, table, token) if m not in mentions]
        if mentions:
            return tokens, mentions, counts, rank
    return [], [], {}, 0


def _first_is_a_thing(paths: tuple[Path, ...], token: Token, obj: Token | None, things: frozenset[str]) -> bool:
    """Whether the first path that reaches anything reaches only nouns listed in ``things``."""
    if not things:
        return False
    for path in paths:
        reached = [t for t in follow(path, token, obj) if t.i != token.i and any(c.isalnum() for c in t.text)]
        if reached:
            return all(t.lemma_.lower() in things for t in reached)
    return False


def _in_clause(candidate: Token, trigger: Token) -> bool:
    """Whether a token belongs to the trigger's own clause (not to a clause under it)."""
    if trigger.pos_ in ("NOUN", "PROPN"):
        return trigger.left_edge.i <= candidate.i <= trigger.right_edge.i
    token = candidate
    while token.i != trigger.i:
        if token.dep_ in _CLAUSE_BREAKS or token.head.i == token.i:
            return False
        token = token.head
    return True


def _date(trigger: Token, sentence: Span, table: MentionTable, article: Article, future: bool) -> _When:
    """When the event happened, from the nearest date expression in the trigger's clause."""
    dates = [e for e in table.dates_in(sentence) if _in_clause(e.root, trigger)]
    verb = _governing_verb(trigger)
    if not dates and verb is not None:  # "talks resumed on Saturday": the noun's time is its verb's
        dates = [e for e in table.dates_in(sentence) if _in_clause(e.root, verb)]
    dates.sort(key=lambda e: abs(e.root.i - trigger.i))
    for ent in dates:
        period = resolve_period(ent.text, article.published)
        if period is not None:
            return _When(period=period, text=ent.text)
        value = resolve_date(ent.text, article.published, future=future)
        if value is None:
            continue
        prep = ent.root.head if ent.root.dep_ == "pobj" else None
        if prep is not None and prep.lower_ == "since":
            return _When(start=value, text=ent.text)
        return _When(date=value, text=ent.text)
    return _When()


def _place(trigger: Token, table: MentionTable, taken: set[int]) -> Mention | None:
    """The place named by an "in"/"at" phrase of the trigger's clause (or of the verb a noun trigger is subject of)."""
    found = _place_in_clause(trigger, table, taken)
    verb = _governing_verb(trigger)
    return found if found is not None or verb is None else _place_in_clause(verb, table, taken)


def _governing_verb(trigger: Token) -> Token | None:
    """The verb whose subject or object a noun trigger is ("talks resumed", "held a summit"), if any."""
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in _GOVERNED_DEPS and trigger.head.pos_ in ("VERB", "AUX"):
        return trigger.head
    return None


def _place_in_clause(trigger: Token, table: MentionTable, taken: set[int]) -> Mention | None:
    for token in table.prepositions(grammar().place_prepositions, table.sentence_index(trigger)):
        if not _in_clause(token, trigger):
            continue
        for obj in (c for c in token.children if c.dep_ == "pobj"):
            candidates = [obj] + [
                t for t in obj.subtree if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.i == obj.i
            ] + [c for c in obj.children if c.dep_ in ("appos", "compound")]
            for cand in candidates:
                mention = table.entity_at(cand)
                is_place = mention is not None and (mention.label in _PLACE_TYPES or mention.type in _PLACE_KINDS)
                if mention is not None and is_place and mention.index not in taken:
                    return mention
    return None


def _acting_state(place: Mention) -> bool:
    """Whether a place can stand for the state that acted there: a country, or a capital that acts for one."""
    if place.type is EntityType.COUNTRY:
        return True
    return place.type is EntityType.CITY and country_gazetteer().government_at(place.text) is not None


def _matches(token: Token, trigger: Trigger) -> bool:
    return (
        token.pos_ in trigger.pos
        and all(follow(path, token) for path in trigger.requires)
        and not any(follow(path, token) for path in trigger.excludes)
    )


def _trigger_candidates(doc: Doc, lexicon: Lexicon) -> list[Token]:
    """Tokens whose lemma is a trigger word, verbs first (they claim their objects), then in text order.

    Lemmas are read from an array: most tokens are no trigger, so no Token object is made for them.
    """
    if not len(doc):
        return []
    strings = doc.vocab.strings
    lemmas = doc.to_array(LEMMA).tolist()
    tokens = [doc[i] for i, lemma in enumerate(lemmas) if strings[lemma].lower() in lexicon.triggers]
    return sorted(tokens, key=lambda t: (t.pos_ not in ("VERB", "AUX"), t.i))


def find_events(article: Article, doc: Doc, table: MentionTable, lexicon: Lexicon) -> Iterator[Event]:
    """Every event the lexicon finds in a parsed article, asserted or not."""
    claimed: set[int] = set()
    fired: dict[int, str] = {}  # trigger token → family
    for token in _trigger_candidates(doc, lexicon):
        if token.i in claimed:
            continue
        if token.pos_ == "NOUN" and token.dep_ in _RESTATING_DEPS and token.head.i in fired:
            if any(t.family.name == fired[token.head.i] for t in lexicon.triggers.get(token.lemma_.lower(), ())):
                continue  # "visited Ghana, the first visit by ...": the noun restates the verb's event
        for trigger in lexicon.triggers.get(token.lemma_.lower(), ()):
            if not _matches(token, trigger):
                continue
            obj = _find_object(trigger, token, lexicon)
            if obj is None:
                continue
            anchor = obj if not isinstance(obj, bool) else None
            events = list(_events_for(token, trigger, anchor, article, table, lexicon))
            if events:
                if anchor is not None:
                    claimed.add(anchor.i)
                # "hit X with sanctions": the noun a verb needed is part of the verb's event
                claimed.update(t.i for path in trigger.requires for t in follow(path, token) if t.pos_ == "NOUN")
                fired[token.i] = trigger.family.name
                yield from events
                break


def _other_side(token: Token, lexicon: Lexicon, table: MentionTable, event_nouns: frozenset[str]) -> list[Mention]:
    """The people an exchange frees on the other side ("X was freed in exchange for Y": Y)."""
    exchanges, lemma = lexicon.exchanges, token.lemma_.lower()
    if not any(t.family.name in exchanges.families for t in lexicon.triggers.get(lemma, ())):
        return []
    found: list[Mention] = []
    for path in exchanges.paths_for(lemma):
        for tok in follow(path, token):
            found += [m for m in participants(tok, table, path.entity_only, event_nouns) if m not in found]
    return found


def _denied(mention: Mention, doc: Doc) -> bool:
    """Whether a participant is denied by its own determiner ("freed 3,000 people but no political prisoners")."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    denying = grammar().denying_determiners
    return span is not None and any(c.dep_ == "det" and c.lower_ in denying for c in span.root.children)


def _reverser(token: Token, family: str, lexicon: Lexicon) -> Token | None:
    """The governor that undoes the act a trigger names, when the lexicon says the act has an opposite."""
    reversals = lexicon.reversals
    if family not in reversals.families:
        return None
    return next((gov for path in reversals.governors for gov in follow(path, token)), None)


def _events_for(token: Token, trigger: Trigger, obj: Token | None, article: Article,
                table: MentionTable, lexicon: Lexicon) -> Iterator[Event]:
    frame = trigger.frame
    event_nouns = lexicon.event_nouns
    used: set[int] = set() if obj is None else {obj.i}
    filled: dict[str, list[Mention]] = {}
    counts: dict[int, Quantity] = {}  # mention index → the count printed in its own noun phrase
    ranks: list[int] = []
    voice = lexicon.voice_of(token)  # passive, reduced relative, participle...: kg/lang/en/events.json "voices"
    for role in frame.order:
        paths = frame.roles[role]
        if voice is not None and role == "target":
            paths = (*voice.target_before, *paths, *voice.target_after)
        elif voice is not None and role == "agent":
            # the subject is what was done to; the object's own modifiers do not change with the voice
            paths = tuple(p for p in paths if voice.keeps_agent_path(p))
        never = trigger.family.not_targets if role == "target" else trigger.family.not_agents
        if role == "target" and _first_is_a_thing(paths, token, obj, never):
            return  # "released photos of the suspects", "were met with tear gas": no release, no meeting
        never_types = trigger.family.not_target_types if role == "target" else frozenset()
        tokens, mentions, found_counts, rank = _fill(paths, token, obj, used, table, role, event_nouns, never,
                                                     never_types)
        if tokens:
            ranks.append(rank)
        used.update(t.i for t in tokens)
        counts.update(found_counts)
        filled[role] = mentions
    agents, targets = filled.get("agent", []), filled.get("target", [])
    if trigger.family.symmetric and agents and not targets and len(agents) > 1:
        agents, targets = agents[:1], agents[1:]
    family, event_class, modality_token = trigger.family, trigger.event_class, token
    if any(not filled.get(role) for role in trigger.needs):
        return
    reverser = _reverser(token, family.name, lexicon)
    if reverser is not None:  # "rescinded the move to remove Cuba from the list": a sanction, by the rescinder
        family = lexicon.families[lexicon.reversals.families[family.name]]
        event_class, modality_token = family.name, reverser
        agent_path = lexicon.reversals.agent
        agents = [m for t in follow(agent_path, reverser) for m in participants(t, table, False, event_nouns)
                  ] if agent_path is not None else []
    sentence = table.sentence_of(token)
    modality = modality_of(modality_token, family.name)
    when = _date(token, sentence, table, article, future=modality in (Modality.PLANNED, Modality.PROPOSED))
    taken = {m.index for m in agents + targets}
    place = _place(token, table, taken)
    weights = lexicon.confidence
    base = weights["verb" if token.pos_ in ("VERB", "AUX") else "noun"] * weights["later_path"] ** sum(ranks)
    passive = voice is not None and voice.passive
    if passive and not agents and family.place_acts and place is not None and _acting_state(place):
        agents = [place]  # "five activists were released in Nicaragua": by Nicaragua
        base *= weights["place_as_agent"]
    agent_options: list[Mention | None] = list(agents) or [None]
    target_options: list[Mention | None] = list(targets) or [None]
    taken = {m.index for m in targets + agents}
    other_side = [m for m in _other_side(token, lexicon, table, event_nouns) if m.index not in taken]
    # the other side's people in an exchange are freed by the other side, whom the article may name
    pairs = [*product(agent_options, target_options), *((None, m) for m in other_side)]
    for agent, target in pairs:
        if agent is not None and target is not None and agent.index == target.index:
            continue
        confidence = base
        pair_modality = Modality.NEGATED if target is not None and _denied(target, token.doc) else modality
        for mention in (agent, target):
            if mention is not None and mention.is_pronoun:
                confidence *= weights["pronoun"]
            elif mention is not None and not mention.is_name:
                confidence *= weights["description"]
        yield Event(
            family=family.name, trigger=token.text, trigger_lemma=token.lemma_.lower(),
            sentence=table.sentence_index(token), evidence=table.sentence_text(token), start=token.idx,
            agent=None if agent is None else agent.index, target=None if target is None else target.index,
            date=when.date, start_date=when.start, date_text=when.text, period=when.period,
            place=None if place is None else place.index,
            quantity=None if target is None else counts.get(target.index),
            modality=pair_modality, confidence=round(confidence, 3),
            event_class=lexicon.exchanges.event_class if target in other_side else event_class,
        )
