"""Third-person subject pronouns resolved to the person they most likely name.

    antecedents(sdoc, mentions) -> {token index of "he"/"she": person Mention}

One simple rule, gender-neutral: a subject "he" or "she" names the nearest person
mentioned before it, and only when that is unambiguous: the sentence holding that person
(up to the pronoun) names no other person, counting a lone surname as the full name it
ends. No antecedent within the three sentences before, no resolution.
"""

from __future__ import annotations

from kg.model import Mention

PRONOUNS = frozenset(("he", "she"))
WINDOW = 3  # sentences back from the pronoun's


def _same_person(a: Mention, b: Mention) -> bool:
    """ "Jane Doe" and "Doe" are one person; "Jane Doe" and "John Doe" are not."""
    wa, wb = a.text.lower().split(), b.text.lower().split()
    return wa == wb or (len(wa) == 1 and wa[-1] == wb[-1]) or (len(wb) == 1 and wa[-1] == wb[-1])


def antecedents(sdoc, mentions: list[Mention], sent_of: dict[int, int]) -> dict[int, Mention]:
    """The person each subject "he"/"she" of SDOC stands for, when the rule is sure.

    SENT_OF maps a token index to its sentence index.
    >>> antecedents(nlp("Jane Doe won. She smiled."), mentions, sent_of)  # doctest: +SKIP
    {4: Mention(0, 8, 'Jane Doe', 'Person', 0)}
    """
    people = sorted((m for m in mentions if m.kind == "Person"), key=lambda m: m.start)
    found: dict[int, Mention] = {}
    for token in sdoc:
        if token.lower_ not in PRONOUNS or not token.dep_.startswith("nsubj"):
            continue
        before = [m for m in people if m.end <= token.idx and m.sentence >= sent_of[token.i] - WINDOW]
        if not before:
            continue
        nearest = before[-1]
        rivals = [m for m in before if m.sentence == nearest.sentence and not _same_person(m, nearest)]
        if not rivals:
            found[token.i] = nearest
    return found
