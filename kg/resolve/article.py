"""Article-level steps of the resolve stage: what one sentence leaves open, the article fills in.

An agentless passive or nominal ("X was sanctioned", "the release of X") takes its agent from
the article when the article says who does that family's acts: the agent of another report of
the same act on the same target, else the agent the headline gives an event of a family it is
read from, else the nearest explicit agent of such an event before it, else the one agent of
such events after it. The event keeps a lower confidence (the lexicon's ``agent_from_article``
factor); with no such evidence, or when the event is only planned or denied, it stays agentless.

An event with no target at all ("Biden reversed the earlier sanctions") takes the target of the
nearest event of a family it reads targets from in its own sentence, else in the sentence before.

A description as target ("the Hungarian official", "the American teacher") is the one name the
article gives as target of that family, when its country does not contradict the name's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from kg.extract.lexicon import Lexicon
from kg.records import ResolvedEvent

__all__ = ["agents_from_article", "descriptions_to_names", "targets_from_article"]


def agents_from_article(events: Sequence[ResolvedEvent], lexicon: Lexicon, headline_end: int) -> list[ResolvedEvent]:
    """The events with the agents the article gives the agentless ones of families that read them.

    ``headline_end`` is where the body starts in the parsed text: events before it are the
    headline's, which names who acts in the whole story ("Russia frees teacher").

    >>> from kg.extract.lexicon import default_lexicon
    >>> from kg.records import Modality
    >>> def release(agent, target, start):
    ...     return ResolvedEvent("Release", "Release", ("freed",), ("",), agent, target, None, None, None, None,
    ...                          Modality.ASSERTED, start)
    >>> done = agents_from_article([release("country/RUS", "group/a", 0), release(None, "person/x", 40)],
    ...                            default_lexicon(), headline_end=20)
    >>> done[1].agent, done[1].confidence < 1
    ('country/RUS', True)
    """
    factor = lexicon.confidence["agent_from_article"]
    completed: list[ResolvedEvent] = []
    for event in events:
        family = lexicon.families[event.family]
        if event.agent is not None or event.target is None or not family.agent_from or not event.asserted:
            completed.append(event)
            continue
        # (not from the same trigger: "X was freed in exchange for Y" names one side's agent, not the other's)
        sources = [e for e in events if e.family in family.agent_from and e.agent is not None
                   and e.agent != event.target and e.start != event.start]
        agent = _article_agent(event, sources, headline_end)
        if agent is None:
            completed.append(event)
        else:
            completed.append(replace(event, agent=agent, confidence=round(event.confidence * factor, 3)))
    return completed


def _article_agent(event: ResolvedEvent, sources: list[ResolvedEvent], headline_end: int) -> str | None:
    same_target = [e.agent for e in sources if e.target == event.target and e.family == event.family]
    if same_target:  # "X was freed" and, elsewhere, "Moscow's release of X"
        return same_target[0]
    headline = [e.agent for e in sources if e.start < headline_end]
    if headline:
        return headline[0]
    before = [e for e in sources if e.start < event.start]
    if before:
        return max(before, key=lambda e: e.start).agent
    after = {e.agent for e in sources}
    return after.pop() if len(after) == 1 else None  # a later agent only when the article names one


def descriptions_to_names(events: Sequence[ResolvedEvent], descriptions: dict[str, str | None],
                          countries: dict[str, set[str]]) -> list[ResolvedEvent]:
    """Events whose target is a singular description, with the one name the article gives that role.

    ``descriptions`` maps the key of each singular description to its country code (or None);
    ``countries`` the key of each named participant to the country codes printed beside it.
    A description is replaced only when exactly one compatible name is a target of the same family.

    >>> from kg.records import Modality
    >>> def relief(target, start):
    ...     return ResolvedEvent("SanctionRelief", "SanctionRelief", ("lifted",), ("",), "country/USA", target,
    ...                          None, None, None, None, Modality.ASSERTED, start)
    >>> done = descriptions_to_names([relief("group/a/0-official", 0), relief("person/ana-ruiz", 90)],
    ...                              {"group/a/0-official": "HUN"}, {"person/ana-ruiz": set()})
    >>> [e.target for e in done]
    ['person/ana-ruiz', 'person/ana-ruiz']
    """
    named: dict[str, set[str]] = {}
    for event in events:
        if event.target is not None and event.target in countries:
            named.setdefault(event.family, set()).add(event.target)
    completed = []
    for event in events:
        if event.target in descriptions:
            country = descriptions[event.target]
            fits = [key for key in named.get(event.family, ()) if key != event.agent
                    and (country is None or not countries[key] or country in countries[key])]
            if len(fits) == 1:
                event = replace(event, target=fits[0])  # target_text keeps the words printed
        completed.append(event)
    return completed


def targets_from_article(events: Sequence[ResolvedEvent], lexicon: Lexicon) -> list[ResolvedEvent]:
    """The events with the targets their sentence, or the one before, gives the untargeted ones.

    >>> from kg.extract.lexicon import default_lexicon
    >>> from kg.records import Modality
    >>> def event(family, agent, target, sentence):
    ...     return ResolvedEvent(family, family, ("",), ("",), agent, target, None, None, None, None,
    ...                          Modality.ASSERTED, sentence * 100, sentence=sentence)
    >>> done = targets_from_article([event("Sanction", "person/a", "org/icc", 3),
    ...                              event("SanctionRelief", "person/b", None, 3)], default_lexicon())
    >>> done[1].target
    'org/icc'
    """
    completed: list[ResolvedEvent] = []
    for event in events:
        family = lexicon.families[event.family]
        if event.target is not None or not family.target_from:
            completed.append(event)
            continue
        near = [e for e in events if e.family in family.target_from and e.target is not None
                and e.target != event.agent and (e.sentence == event.sentence or
                                                 (e.sentence == event.sentence - 1 and e.start < event.start))]
        if near:
            nearest = min(near, key=lambda e: (e.sentence != event.sentence, abs(e.start - event.start)))
            event = replace(event, target=nearest.target, target_text=nearest.target_text,
                            confidence=round(event.confidence * lexicon.confidence["target_from_article"], 3))
        completed.append(event)
    return completed
