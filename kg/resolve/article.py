"""Article-level steps of the resolve stage: what one sentence leaves open, the article fills in.

An agentless passive or nominal ("X was sanctioned", "the release of X") takes its agent from
the article when the article says who does that family's acts: the agent the headline gives
an event of a family it is read from, else the nearest explicit agent of such an event before
it, else after it. The event keeps a lower confidence (the lexicon's ``agent_from_article``
factor); with no such evidence it stays agentless.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from kg.extract.lexicon import Lexicon
from kg.records import ResolvedEvent

__all__ = ["agents_from_article"]


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
        if event.agent is not None or event.target is None or not family.agent_from:
            completed.append(event)
            continue
        sources = [e for e in events if e.family in family.agent_from and e.agent is not None
                   and e.agent != event.target and e is not event]
        agent = _article_agent(event, sources, headline_end)
        if agent is None:
            completed.append(event)
        else:
            completed.append(replace(event, agent=agent, confidence=round(event.confidence * factor, 3)))
    return completed


def _article_agent(event: ResolvedEvent, sources: list[ResolvedEvent], headline_end: int) -> str | None:
    headline = [e.agent for e in sources if e.start < headline_end]
    if headline:
        return headline[0]
    before = [e for e in sources if e.start < event.start]
    if before:
        return max(before, key=lambda e: e.start).agent
    after = [e for e in sources if e.start > event.start]
    return min(after, key=lambda e: e.start).agent if after else None
