"""Whether a trigger states that its event happened, from negation, auxiliaries and governing words."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from kg.lang import load_data
from kg.records import Modality

_MAX_CLIMB = 4


@dataclass(frozen=True)
class _Cues:
    aux: dict[str, Modality]
    verbs: dict[str, Modality]
    nouns: dict[str, Modality]
    adjectives: dict[str, Modality]
    intent_preps: frozenset[str]
    modifiers: dict[str, Modality]
    negators: frozenset[str]
    conditional: frozenset[str]
    through: frozenset[str]
    headline_infinitive: Modality
    decision_families: frozenset[str]
    decision_verbs: frozenset[str]
    announcers: frozenset[str]
    infinitive_verbs: dict[str, Modality]
    presupposing: frozenset[str]
    topic_governors: frozenset[str]
    topic_preps: frozenset[str]
    topic: Modality


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    data = load_data("modality")

    def as_modality(table: dict[str, str]) -> dict[str, Modality]:
        return {word: Modality(value) for word, value in table.items()}

    return _Cues(
        aux=as_modality(data["aux"]),
        verbs=as_modality(data["governing_verbs"]),
        nouns=as_modality(data["governing_nouns"]),
        adjectives=as_modality(data["governing_adjectives"]),
        intent_preps=frozenset(data["intent_prepositions"]),
        modifiers=as_modality(data["modifiers"]),
        negators=frozenset(data["negators"]),
        conditional=frozenset(data["conditional_marks"]),
        through=frozenset(data["heads_through"]),
        headline_infinitive=Modality(data["headline_infinitive"]),
        decision_families=frozenset(data["decisions"]["families"]),
        decision_verbs=frozenset(data["decisions"]["verbs"]),
        announcers=frozenset(data["decisions"]["announcers"]),
        infinitive_verbs=as_modality(data["infinitive_governors"]["verbs"]),
        presupposing=frozenset(data["presupposing_prepositions"]["words"]),
        topic_governors=frozenset(data["topics"]["governors"]),
        topic_preps=frozenset(data["topics"]["prepositions"]),
        topic=Modality(data["topics"]["modality"]),
    )


def _own_cue(token: Token, cues: _Cues) -> Modality | None:
    """A cue carried by the token's own children: negation, an auxiliary, a modifier, "if"."""
    for child in token.children:
        word = child.lower_
        if child.dep_ == "neg" or (child.dep_ in ("det", "advmod") and word in cues.negators):
            return Modality.NEGATED
        if child.dep_ in ("aux", "auxpass") and word in cues.aux:
            return cues.aux[word]
        if child.dep_ == "aux" and word == "to" and _headline_verb(token):
            return cues.headline_infinitive  # "Iran to meet Saudi envoys"
        if child.dep_ in ("amod", "compound") and word in cues.modifiers:
            return cues.modifiers[word]
        if child.dep_ == "mark" and word in cues.conditional:
            return Modality.HYPOTHETICAL
        if child.dep_ in ("relcl", "acl") and child.lemma_.lower() in cues.verbs:
            if cues.verbs[child.lemma_.lower()] is Modality.CANCELLED:
                return Modality.CANCELLED
    return None


def _announced(trigger: Token, cues: _Cues) -> bool:
    """Whether a verb with "would"/"will" is what an announcement says, with no condition on it."""
    conditions = [trigger, *(c for c in trigger.children if c.dep_ == "advcl")]  # "... if the vote goes ahead"
    if any(c.dep_ == "mark" and c.lower_ in cues.conditional for t in conditions for c in t.children):
        return False
    clause = trigger
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    return clause.dep_ == "ccomp" and clause.head.lemma_.lower() in cues.announcers


def _headline_verb(token: Token) -> bool:
    """Whether a verb is a sentence's main verb, or hangs off a sentence that is one noun ("Ghana to host talks")."""
    if token.dep_ == "ROOT":
        return True
    return token.dep_ in ("acl", "relcl") and token.head.dep_ == "ROOT" and token.head.pos_ == "PROPN"


def modality_of(trigger: Token, family: str = "") -> Modality:
    """The modality of the event a trigger introduces.

    The trigger's own cues are read first; then its governors, climbing through
    complements and arguments ("plans to meet", "suggested a meeting", "talks would continue").
    A governor that cancels or negates overrides an own cue of intent: "a planned meeting
    was called off" is cancelled.
    """
    cues = _cues()
    own = _own_cue(trigger, cues)
    if own in (Modality.PLANNED, Modality.HYPOTHETICAL) and family in cues.decision_families \
            and _announced(trigger, cues):
        return Modality.ASSERTED  # "the Treasury announced it would ease sanctions": the decision is made
    if own is not None and own not in (Modality.PLANNED, Modality.PROPOSED):
        return own
    governed = _governor_cue(trigger, cues, family in cues.decision_families)
    if own is not None and governed not in (Modality.CANCELLED, Modality.NEGATED):
        return own
    return governed or Modality.ASSERTED


def _verb_cue(head: Token, cues: _Cues) -> Modality | None:
    """A governing verb's cue, its particle included ("called off" cancels, "called for" proposes)."""
    lemma = head.lemma_.lower()
    particles = [c.lower_ for c in head.children if c.dep_ == "prt"]
    for particle in particles:
        phrasal = cues.verbs.get(f"{lemma} {particle}")
        if phrasal is not None:
            return phrasal
    return cues.verbs.get(lemma)


def _governor_cue(trigger: Token, cues: _Cues, by_decision: bool = False) -> Modality | None:
    """The cue of the words that govern the trigger, climbing through complements and arguments."""
    token = trigger
    for _ in range(_MAX_CLIMB):
        if token.dep_ not in cues.through or token.head.i == token.i:
            break
        if token.dep_ == "ccomp" and token.i < token.head.i:
            break  # "US hits Rosneft with sanctions, summit called off": a fronted clause is not governed
        if token.dep_ == "prep" and token.lower_ in cues.presupposing:
            break  # "agreed to swap prisoners during talks": the talks took place
        topic = token.dep_ == "prep" and token.lower_ in cues.topic_preps
        if topic and token.head.lemma_.lower() in cues.topic_governors:
            return cues.topic  # "negotiating over the release of prisoners": the release is what is talked about
        head = token.head
        lemma = head.lemma_.lower()
        verb_cue = _verb_cue(head, cues) if head.pos_ in ("VERB", "AUX") else None
        infinitive = token.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        if verb_cue is None and infinitive:
            verb_cue = cues.infinitive_verbs.get(lemma)  # "X is to be freed"
        if by_decision and lemma in cues.decision_verbs:
            verb_cue = None  # "agreed to lift sanctions": the decision is the act
        if verb_cue is not None and (token.dep_ != "prep" or token.lower_ in cues.intent_preps):
            # "called for talks" is a proposal; "in a call with X, Y urged ..." is a call that happened
            return verb_cue
        if head.pos_ in ("NOUN", "PROPN") and lemma in cues.nouns:
            return cues.nouns[lemma]
        if head.pos_ == "ADJ" and lemma in cues.adjectives:
            return cues.adjectives[lemma]  # "is due to meet", "ready to host talks"
        if token.dep_ == "acl" and any(c.dep_ == "det" and c.lower_ in cues.negators for c in head.children):
            return Modality.NEGATED  # "no reason to lift", "no plans to meet"
        if head.pos_ in ("VERB", "AUX"):
            cue = _own_cue(head, cues)
            if cue is not None:
                return cue
            if head.dep_ not in ("xcomp", "ccomp", "acl", "advcl"):
                break  # the governing clause is a main clause: nothing above it can undo the event
        token = head
    return None
