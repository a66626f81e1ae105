"""A small language for dependency paths, so event rules can live in data files.

A path is steps joined by ``>``; see ``kg/lang/en/events.json`` for the grammar.

>>> p = parse_path("^pobj:under>^prep>nsubj!")
>>> [(s.up, s.dep, s.word) for s in p.steps], p.entity_only
([(True, 'pobj', 'under'), (True, 'prep', None), (False, 'nsubj', None)], True)
>>> parse_path("^acl>prep:with>pobj<").just_before
True
>>> parse_path("dobj>>nsubj")
Traceback (most recent call last):
...
kg.errors.ExtractionError: E010 bad dependency path 'dobj>>nsubj': empty step
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from kg.errors import ExtractionError

_STEP = re.compile(r"^(?P<up>\^)?(?P<dep>[a-z]+)(?::(?P<word>[\w'-]+)|=(?P<lemmas>[\w'|-]+))?$")
OBJECT_ANCHOR = "@obj"


@dataclass(frozen=True)
class Step:
    """Move to a child (or, with ``up``, the head) by dependency label, with optional word or lemma test."""

    up: bool
    dep: str
    word: str | None = None
    lemmas: frozenset[str] | None = None

    def accepts(self, token: Token) -> bool:
        if self.word is not None and token.lower_ != self.word:
            return False
        return self.lemmas is None or token.lemma_.lower() in self.lemmas or token.lower_ in self.lemmas


@dataclass(frozen=True)
class Path:
    """A parsed dependency path."""

    text: str
    steps: tuple[Step, ...]
    from_object: bool = False
    entity_only: bool = False
    just_before: bool = False


def parse_path(text: str) -> Path:
    """Parse a path string; raises :class:`ExtractionError` (E010) when it is malformed."""
    body = text.strip()
    entity_only = body.endswith("!")
    body = body.rstrip("!")
    just_before = body.endswith("<")
    body = body.rstrip("<")
    parts = body.split(">")
    from_object = parts[0] == OBJECT_ANCHOR
    if from_object:
        parts = parts[1:]
    steps = []
    for part in parts:
        if not part:
            raise ExtractionError(f"E010 bad dependency path '{text}': empty step")
        match = _STEP.match(part)
        if match is None:
            raise ExtractionError(f"E010 bad dependency path '{text}': cannot read step '{part}'")
        lemmas = frozenset(match["lemmas"].split("|")) if match["lemmas"] else None
        steps.append(Step(bool(match["up"]), match["dep"], match["word"], lemmas))
    if not steps:
        raise ExtractionError(f"E010 bad dependency path '{text}': no step")
    return Path(text, tuple(steps), from_object, entity_only, just_before)


def _coordinated_prepositions(tok: Token, found: list[Token], step: Step) -> list[Token]:
    """Prepositions coordinated with the ones found: "sanctions on the leaders and on two launderers".

    The parser hangs the second "on" off the first, off ``tok`` or, when ``tok`` is a verb's
    object, off the verb.
    """
    heads = [tok] + ([tok.head] if tok.dep_ == "dobj" else [])
    more = [c for p in found for c in p.conjuncts if c.pos_ == "ADP" and step.accepts(c)]
    more += [c for h in heads for c in h.children if c.dep_ == "conj" and c.pos_ == "ADP" and step.accepts(c)]
    return [c for c in dict.fromkeys(more) if c not in found]


def follow(path: Path, token: Token, obj: Token | None = None) -> list[Token]:
    """Tokens reached from ``token`` (or from ``obj`` for ``@obj`` paths) along the path."""
    if path.from_object:
        if obj is None:
            return []
        current = [obj]
    else:
        current = [token]
    for step in path.steps:
        reached: list[Token] = []
        for tok in current:
            if step.up:
                if tok.dep_ == step.dep and tok.head.i != tok.i and step.accepts(tok.head):
                    reached.append(tok.head)
            else:
                found = [c for c in tok.children if c.dep_ == step.dep and step.accepts(c)]
                if step.dep == "prep":
                    found += _coordinated_prepositions(tok, found, step)
                reached.extend(found)
        current = reached
        if not current:
            break
    if path.just_before:  # "with Moscow releasing X and Washington freeing Y": each subject beside its verb
        current = [tok for tok in current if tok.right_edge.i == token.i - 1 or tok.i == token.i - 1]
    return current
