"""Readers for the public annotated sets in ``../shared/devsets``, mapped to kg's families.

Their label sets are not kg's, so each reader keeps only the records a reader of
the news would file under one of kg's families, and says what it left out and why
(:data:`EXCLUDED`). Texts are read at run time and never copied into the project.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from kg.evaluation import Case, Expected

__all__ = ["EXCLUDED", "plover_cases", "rams_cases", "wikievents_cases"]

EXCLUDED: dict[str, str] = {
    # PLOVER SANCTION is CAMEO's "reduce relations": kg keeps the punitive measures one
    # actor imposes on another and leaves out what a reader would not call a sanction.
    "PLOVER-GSR01-SANCTION-0002": "a cancelled visit: a meeting that did not happen, not a sanction",
    "PLOVER-GSR01-SANCTION-0005": "a charity pausing deliveries after an attack on its staff: not punitive",
    "PLOVER-GSR01-SANCTION-0008": "rations cut because rice was diverted: not a measure against the camp",
    "PLOVER-GSR01-SANCTION-0011": "officers ending a mediation: the end of talks, not a sanction",
    "PLOVER-GSR01-SANCTION-0012": "peacekeepers withdrawn: a troop movement",
    "PLOVER-GSR01-SANCTION-0014": "an agency forced out of a country: an expulsion of an organisation's mission",
}

_PLOVER_FAMILIES = {"CONSULT": "Meeting", "SANCTION": "Sanction"}

# RAMS: the README maps contact.{discussion,negotiate,collaborate}.{meet,correspondence} to
# consult only when the trigger is a meeting, talks, a negotiation, a call, convening or conferring.
_RAMS_CONSULT_TYPES = re.compile(r"^contact\.(discussion|negotiate|collaborate)\.(meet|correspondence)$")
_RAMS_CONSULT_WORDS = re.compile(r"^(meet|met|meeting|meetings|talk|talks|negotiat\w*|telephone\w*|phone\w*|call\w*|"
                                 r"conven\w*|confer\w*|summit\w*)$")
_NOT_CONSULT_NOUNS = frozenset({"interview", "interviews", "debate", "debates", "email", "emails"})
_RAMS_SANCTION_WORDS = re.compile(r"^(sanction\w*|embargo\w*)$")
_RAMS_AGENT_ROLES = {"participant": "either", "preventer": "agent", "recipient": "target",
                     "jailer": "agent", "detainee": "target", "attacker": "agent"}

_WIKI_FAMILIES = {"Contact.Contact.Meet": "Meeting", "Justice.ReleaseParole": "Release",
                  "Justice.ArrestJailDetain": "Arrest", "Conflict.Attack": "Attack"}
_WIKI_MEETING_WORDS = _RAMS_CONSULT_WORDS
_WIKI_ROLES = {"Participant": "either", "Defendant": "target", "Detainee": "target", "Jailer": "agent",
               "Attacker": "agent", "Target": "target", "Victim": "target"}


def _read_json_lines(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def plover_cases(folder: Path) -> tuple[list[Case], list[str]]:
    """PLOVER's CONSULT and SANCTION records as cases, and the ids left out."""
    records = json.loads((folder / "PLOVER_GSR_CAMEO.json").read_text(encoding="utf-8"))
    cases, excluded = [], []
    for record in records:
        family = _PLOVER_FAMILIES.get(record.get("event", ""))
        if family is None:
            continue
        if record["id"] in EXCLUDED:
            excluded.append(record["id"])
            continue
        sources = [a["actorText"] for a in record.get("source") or [] if a.get("actorText")]
        targets = [a["actorText"] for a in record.get("target") or [] if a.get("actorText")]
        either = not targets  # "SRC/TAR" markup: both sides act
        if either:
            targets = sources[1:2]
        expected = Expected(family, sources[0] if sources else None, targets[0] if targets else None,
                            either_order=either)
        cases.append(Case(record["id"], record["text"], (expected,), tags=(record.get("mode") or "",)))
    return cases, excluded


def _detokenize(sentences: list[list[str]]) -> tuple[str, list[int], list[tuple[int, int]]]:
    """Text from tokens, the start of each token, and each sentence's character range."""
    text, starts, bounds = "", [], []
    for sentence in sentences:
        begin = len(text) + (1 if text else 0)
        for token in sentence:
            glue = text and not re.match(r"^([.,;:!?%)\]]|'s|n't|'re|'ll|'ve|'d|'m)$", token) \
                and not text.endswith(("(", "["))
            text += " " if glue else ""
            starts.append(len(text))
            text += token
        bounds.append((begin, len(text)))
    return text, starts, bounds


def _role_strings(links: list[tuple[str, str]]) -> tuple[str | None, str | None, bool]:
    """(agent, target, either_order) from (role, text) pairs."""
    agent = target = None
    either = False
    others = []
    for role, text in links:
        kind = _RAMS_AGENT_ROLES.get(role) or _WIKI_ROLES.get(role)
        if kind == "agent" and agent is None:
            agent = text
        elif kind == "target" and target is None:
            target = text
        elif kind == "either":
            others.append(text)
    if others and agent is None:
        agent, others = others[0], others[1:]
        either = True
    if others and target is None:
        target = others[0]
        either = True
    if target is not None and target == agent:  # one participant annotated twice
        target = None
    return agent, target, either


def rams_family(label: str, trigger: str, next_word: str = "") -> str | None:
    """kg's family for a RAMS event label and trigger word, per the devsets README; None when unmapped.

    >>> rams_family("contact.discussion.meet", "convened"), rams_family("contact.discussion.meet", "debate")
    ('Meeting', None)
    >>> rams_family("contact.collaborate.correspondence", "telephone", "interview") is None
    True
    >>> rams_family("transaction.transaction.embargosanction", "injunction") is None
    True
    """
    word = trigger.lower()
    if next_word.lower() in _NOT_CONSULT_NOUNS:
        return None  # "telephone interview": an interview, not a call
    if _RAMS_CONSULT_TYPES.match(label) and _RAMS_CONSULT_WORDS.match(word):
        return "Meeting"
    if label.endswith(".embargosanction") and _RAMS_SANCTION_WORDS.match(word):
        return "Sanction"
    if label.startswith("justice.arrestjaildetain"):
        return "Arrest"
    if label.startswith("conflict.attack"):
        return "Attack"
    return None


def rams_cases(path: Path, families: set[str] | None = None) -> tuple[list[Case], int]:
    """RAMS dev excerpts whose one annotated event maps to a kg family; and how many contact/sanction
    events were left out as outside kg's definitions."""
    cases, excluded = [], 0
    for record in _read_json_lines(path):
        tokens = [t for s in record["sentences"] for t in s]
        text, starts, bounds = _detokenize(record["sentences"])
        for first, last, labels in record["evt_triggers"]:
            label = labels[0][0]
            trigger = " ".join(tokens[first:last + 1])
            family = rams_family(label, trigger, tokens[last + 1] if last + 1 < len(tokens) else "")
            if family is None:
                excluded += label.startswith("contact.") or "sanction" in label
                continue
            if families is not None and family not in families:
                continue
            char = starts[first]
            span = next((b for b in bounds if b[0] <= char <= b[1]), (0, len(text)))
            links = [(role[8:].lstrip("0123456789g"), " ".join(tokens[a:b + 1]))
                     for (t, _), (a, b), role in record["gold_evt_links"] if t == first]
            agent, target, either = _role_strings(links)
            # RAMS files the sanctioned party as the giver or the recipient of the blocked transfer
            givers = tuple(text for role, text in links if role == "giver" and text != agent)
            expected = Expected(family, agent, target, either_order=either, span=span, target_alternatives=givers)
            cases.append(Case(record["doc_key"], text, (expected,), tags=(label, trigger)))
    return cases, excluded


def _wiki_family(event_type: str, trigger: str) -> str | None:
    for prefix, family in _WIKI_FAMILIES.items():
        if event_type.startswith(prefix):
            if family == "Meeting" and not _WIKI_MEETING_WORDS.match(trigger.lower()):
                return None  # WikiEvents files "told", "asked" and "said" in court as meetings
            return family
    return None


def wikievents_cases(path: Path) -> tuple[list[Case], int]:
    """WikiEvents dev documents with their meetings, releases, arrests and attacks; and how many
    Contact.Meet events were left out (testimony and questions in court, not meetings)."""
    cases, excluded = [], 0
    for record in _read_json_lines(path):
        sentences = record["sentences"]
        text = record["text"]
        token_starts = [start for sentence, _ in sentences for _, start, _ in sentence]
        sentence_bounds = [(sentence[0][1], sentence[-1][2]) for sentence, _ in sentences]
        expected = []
        for event in record["event_mentions"]:
            trigger = event["trigger"]
            family = _wiki_family(event["event_type"], trigger["text"])
            if family is None:
                excluded += event["event_type"] == "Contact.Contact.Meet"
                continue
            char = token_starts[trigger["start"]]
            span = next((b for b in sentence_bounds if b[0] <= char <= b[1]), (0, len(text)))
            agent, target, either = _role_strings([(a["role"], a["text"]) for a in event["arguments"]])
            expected.append(Expected(family, agent, target, either_order=either, span=span))
        if expected:
            cases.append(Case(record["doc_id"], text, tuple(expected)))
    return cases, excluded
