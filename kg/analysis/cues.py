"""Type cues: what a name and the words around it say about what it names.

    annotate(sdoc, mentions) -> list[Mention]     each person, organisation or place
                                                   mention with its cues (Mention.cues)
    CUES: cue name -> (kind, weight)              what a cue votes for, and how much

A cue is evidence, not a verdict: kg.resolve weighs the cues of every mention of an
entity, across the corpus, against what NER called it. NER often calls a company's short
name a place or a person; "shares of X", "X's chief executive" or "X Inc" say otherwise.

    name:     company-tail ("X Inc"), first-name ("Delia X"), country ("Kenya"), gazetteer
              (a province, capital or large city), place-word ("X Park", "Lake X")
    company:  shares ("shares of X"), company-role ("X's chief executive", "X CEO Y"),
              acquired ("acquired X"), statement ("X said in a statement"),
              the-company ("X ... . The company said")
    team:     team-role ("X's coach", "X striker Y"), score ("X beat Y 2-1")
    is-a:     is-organization, is-person, is-place ("X is a company", "X was a singer",
              "X is a village in Y")
    person:   title ("Dr. X"), role ("X, the lawyer", "the composer X"), age ("X, 34,"),
              kin ("X's wife"), he-she ("X ... . She said")
    place:    based ("X-based"), in ("in X"), place-role ("X's capital"), place-of ("the city
              of X"), place-noun ("the X province", "the X region")
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.analysis.docindex import sentence_of, span_of
from kg.analysis.gazetteer import country, is_place
from kg.analysis.lexicon import (COMPANY_TAILS, LEADER_HEADS, MEMBER_HEADS, ORG_CLASS_NOUNS, ORG_HEADS, PLACE_CLASS_NOUNS,
                                 PART_NOUNS, PLACE_FIRST_WORDS, PLACE_LAST_WORDS, TITLE_WORDS, first_names)
from kg.model import Mention

CUES: dict[str, tuple[str, float]] = {
    "company-tail": ("Organization", 1.0),
    "first-name": ("Person", 0.5),
    "gazetteer": ("Place", 1.05),
    "country": ("Place", 1.2),
    "place-word": ("Place", 1.05),
    "shares": ("Organization", 0.8),
    "company-role": ("Organization", 0.8),
    "acquired": ("Organization", 0.6),
    "statement": ("Organization", 0.3),
    "the-company": ("Organization", 0.5),
    "team-role": ("Organization", 0.8),
    "score": ("Organization", 0.6),
    "title": ("Person", 0.6),
    "role": ("Person", 0.6),
    "age": ("Person", 0.8),
    "kin": ("Person", 0.8),
    "he-she": ("Person", 0.6),
    "based": ("Place", 0.8),
    "in": ("Place", 0.5),
    "place-role": ("Place", 0.6),
    "place-of": ("Place", 1.05),
    "place-noun": ("Place", 1.05),
    "is-organization": ("Organization", 1.05),
    "is-person": ("Person", 1.05),
    "is-place": ("Place", 1.05),
}

# What a company has ("X's chief executive", "X shareholders"); not "president", which
# countries have too.
_COMPANY_NOUNS = frozenset(
    """
    ceo cfo coo cto executive executives chairman chairwoman founder co-founder shareholder
    shareholders investors board employees staff workers workforce subsidiary subsidiaries
    headquarters revenue revenues profit profits earnings customers products brand unit
    division ipo valuation
    """.split()
)
_SHARE_NOUNS = frozenset("share shares stock stocks stake shareholder shareholders".split())
_TEAM_NOUNS = frozenset(
    "coach striker goalkeeper keeper midfielder defender winger forward squad captain".split())
_KIN_NOUNS = frozenset(
    "wife husband son daughter mother father brother sister widow widower girlfriend boyfriend".split())
# What a country or city has ("X's capital", "X's prime minister").
_PLACE_NOUNS = frozenset(
    """
    capital border borders population citizens residents territory coast coastline parliament
    province provinces minister ministers embassy government mayor
    """.split()
)
# Nouns of what a person is, by title or by ending ("composer", "lawyer"), and -er/-or
# nouns that name a business instead ("carmaker", "retailer").
_ROLE_WORDS = (TITLE_WORDS | LEADER_HEADS | MEMBER_HEADS | frozenset("lawyer widow wife husband".split())) - {
    "head", "agent", "officer", "office"}
_PERSON_ENDINGS = ("ist", "ian", "er", "or", "ess")
_FIRM_ENDINGS = ("maker", "ailer", "vider", "lisher", "ducer", "plier", "caster", "lender", "insurer", "carrier",
                 "turer", "loper", "rator", "butor", "ractor", "porter", "holder")
_ACQUIRE_VERBS = frozenset("acquire buy purchase".split())
_ACQUIRE_NOUNS = frozenset("acquisition takeover purchase buyout".split())
_STATEMENT_NOUNS = frozenset("statement filing release".split())
# Nouns that refer back to a company, team or party as the next sentence's subject.
_ANAPHOR_NOUNS = frozenset(
    "company firm group club team side party carmaker retailer bank lender startup airline insurer".split())
# Heads of "in X" that make X something other than a place ("a stake in X").
_NOT_PLACE_IN = frozenset("stake share shares invest investment interest role part participate involve".split())
_PLACE_PREPS = frozenset("in near across throughout outside".split())
# Lower-case nouns after a name that make it a place's: "the Caylloma province", "the
# Lamone river"; not "the state X" or "the X capital" (a capital's country).
_PLACE_HEADS = PLACE_CLASS_NOUNS - {"state", "capital", "port"} | frozenset(
    "river lake mountains island islands bay peninsula desert sea gulf forest".split())
_MATCH_VERBS = frozenset("beat defeat draw lose thrash edge overcome hold".split())
_SCORE = re.compile(r"\b\d{1,2} ?[-–] ?\d{1,2}\b")
# Cues of the name itself: every mention of a name has them, so they count once.
NAME_CUES = frozenset(("company-tail", "first-name", "gazetteer", "country", "place-word"))
_TYPED = ("Person", "Organization", "Place")


def annotate(sdoc, mentions: list[Mention]) -> list[Mention]:
    """MENTIONS with the cues found for each person, organisation or place (sorted
    names, see CUES); other mentions as they were.

    >>> [m.cues for m in annotate(nlp("Shares of Vantrix rose."), mentions)]  # doctest: +SKIP
    [('shares',)]
    """
    sent_index = sentence_of(sdoc)
    subjects = _next_subjects(sdoc)
    out = []
    for mention in mentions:
        span = span_of(sdoc, mention) if mention.kind in _TYPED else None
        if span is None or not len(span):
            out.append(mention)
            continue
        found = set(_name_cues(mention)) | set(_context_cues(span)) | set(_neighbour_cues(sdoc, span))
        nxt = subjects.get(sent_index[span.start] + 1)
        if nxt is not None and _continues(span, nxt, mentions, mention):
            found.add("he-she" if nxt.lower_ in ("he", "she") else "the-company")
        out.append(replace(mention, cues=tuple(sorted(found))) if found else mention)
    return out


def _name_cues(mention: Mention) -> list[str]:
    """Cues in the name itself: a company suffix, a given name, a known place."""
    words = mention.text.split()
    found = []
    if words[-1].lower().rstrip(".") in COMPANY_TAILS:
        found.append("company-tail")
    given = words[0].lower() in first_names() and words[0].istitle()
    if country(mention.text, codes=False):
        found.append("country")  # a country's name is seldom anything else's
    elif is_place(mention.text) and not (given and len(words) == 1) \
            and all(w.istitle() or w.islower() for w in words):  # not "Paul", "BoE"
        found.append("gazetteer")
    elif len(words) > 1 and given:
        found.append("first-name")
    if len(words) > 1 and (words[-1].lower() in PLACE_LAST_WORDS or words[0].lower() in PLACE_FIRST_WORDS) \
            and words[-1].lower().rstrip(".") not in ORG_HEADS | COMPANY_TAILS:  # not "Lake Basin Trust"
        found.append("place-word")
    if mention.title or mention.title_word:
        found.append("title")
    return found


def _context_cues(span) -> list[str]:
    """Cues in the parse around the name: what it is the possessor, object or
    prepositional object of."""
    root = span.root
    head = root.head
    word = head.lemma_.lower()
    found = []
    if root.dep_ == "poss":
        found += _possessed(head)
        if word in _KIN_NOUNS:
            found.append("kin")
        if word in _PLACE_NOUNS:
            found.append("place-role")
    elif root.dep_ == "dobj" and word in _ACQUIRE_VERBS or root.dep_ == "nsubjpass" and word == "acquire":
        found.append("acquired")
    elif root.dep_ == "pobj" and head.lower_ in ("of", "in"):
        governor = head.head.lemma_.lower()
        if governor in _SHARE_NOUNS:
            found.append("shares")
        elif head.lower_ == "of" and governor in _ACQUIRE_NOUNS:
            found.append("acquired")
        elif head.lower_ == "of" and governor in PLACE_CLASS_NOUNS - {"state"} and head.head.is_lower \
                and head.head.tag_ == "NN":  # not "the state of X", "member countries of X"
            found.append("place-of")
    if root.dep_ in ("compound", "nmod") and word in _PLACE_HEADS \
            and head.is_lower and head.tag_ == "NN" and head.i >= span.end:
        found.append("place-noun")  # "the Caylloma province"; not "the state X", "the X capital"
    for kind in _classes_beside(span):
        found.append("role" if kind == "Person" else f"is-{kind.lower()}")
    if root.dep_ == "nsubj" and word == "be":
        found += [f"is-{kind.lower()}" for a in head.children if a.dep_ == "attr" and (kind := _class_of(a))]
    # "X, a town in Y", "X, the capital": a place noun in apposition
    found += ["is-place" for a in root.children if a.dep_ == "appos" and a.i >= span.end
              and a.lemma_.lower() in PLACE_CLASS_NOUNS and a.is_lower and _class_of(a) == "Place"]
    if root.dep_ == "pobj" and head.lower_ in _PLACE_PREPS:
        # "a stake in X", "took a stake in X" (the prepositional phrase on the verb)
        governors = {head.head.lemma_.lower()} | {c.lemma_.lower() for c in head.head.children if c.dep_ == "dobj"}
        if not governors & _NOT_PLACE_IN:
            found.append("in")
    if root.dep_ == "nsubj" and word in ("say", "announce") and any(
            c.dep_ == "prep" and c.lower_ == "in" and any(g.lemma_.lower() in _STATEMENT_NOUNS for g in c.children)
            for c in head.children):
        found.append("statement")
    if root.dep_ in ("nsubj", "dobj") and word in _MATCH_VERBS and _SCORE.search(root.sent.text):
        found.append("score")
    return found


def _class_of(noun) -> str | None:
    """The kind a class noun says its name is: "X is a company" (ORG_CLASS_NOUNS), "X is
    a village" (a place noun), "X is a singer" (a person's role or occupation); None for
    others and for what names of every kind are ("a member of Y", "part of Y")."""
    word = noun.lemma_.lower()
    if noun.pos_ != "NOUN" or not noun.is_lower or word in PART_NOUNS:
        return None
    if word in ORG_CLASS_NOUNS:
        return "Organization"
    if word in PLACE_CLASS_NOUNS or word in PLACE_LAST_WORDS:
        return "Place"
    if noun.tag_ != "NNS" and (word in _ROLE_WORDS or word.endswith(_PERSON_ENDINGS)
                               and not word.endswith(_FIRM_ENDINGS) and len(word) > 4):
        return "Person"
    return None


def _classes_beside(span) -> set[str]:
    """The kinds of the class nouns a name stands in apposition to, or right after: a
    person's ("Nadia Karim, the lawyer", "Lyle's lawyer, Nadia Karim", "the composer Lidia
    X"), an organisation's ("the food group Carrow", "the dairy companies X and Y"), a
    place's ("X, Denmark's second city")."""
    root = span.root
    nouns = [t for t in root.children if t.dep_ == "appos" and t.i >= span.end]
    if root.dep_ == "appos" and root.head.i < span.start:
        nouns.append(root.head)
    if span.start > 0 and span.doc[span.start - 1].dep_ == "compound" and span.doc[span.start - 1].head == root:
        nouns.append(span.doc[span.start - 1])
    if root.dep_ == "conj" and root.head.dep_ == "appos" and root.head.head.i < root.head.i:
        nouns.append(root.head.head)  # "the dairy companies X and Y": Y too
    return {kind for noun in nouns if (kind := _class_of(noun))}


def _possessed(noun) -> list[str]:
    """Cues of a possessor from the noun it has: "X's chief executive", "X's coach"."""
    word = noun.lemma_.lower()
    if noun.lower_ in _SHARE_NOUNS:
        return ["shares"]
    if word in _COMPANY_NOUNS or noun.lower_ in _COMPANY_NOUNS:
        return ["company-role"]
    if word in _TEAM_NOUNS:
        return ["team-role"]
    return []


def _neighbour_cues(sdoc, span) -> list[str]:
    """Cues in the words right after the name: "X-based", "X CEO Y", "X striker Y",
    "X shares", and an age, "X, 34,"."""
    end = span.end
    after = [t for t in sdoc[end:end + 3]]
    found = []
    if len(after) >= 2 and after[0].text in ("-", "‐") and after[1].lower_ == "based" \
            or after and after[0].lower_ in ("-based", "‐based"):
        found.append("based")
    if after and after[0].is_lower and after[0].pos_ == "NOUN" or after and after[0].is_upper:
        word = after[0].lower_
        if word in _SHARE_NOUNS:
            found.append("shares")
        elif word in _COMPANY_NOUNS:
            found.append("company-role")
        elif word in _TEAM_NOUNS or word == "manager":
            found.append("team-role")
    if _SCORE.match(span.doc[end:end + 3].text):
        found.append("score")  # "beat Ossbury 3-1", whatever the parse made of it
    if len(after) == 3 and after[0].text == "," and after[1].like_num and after[1].text.isdigit() \
            and 0 < int(after[1].text) <= 120 and after[2].text in (",", ".", ";"):
        found.append("age")
    return found


def _next_subjects(sdoc) -> dict[int, object]:
    """Sentence index -> the token that opens it as its subject: "He", "She" or "The
    company" (the noun), when the sentence begins so."""
    found = {}
    for k, sent in enumerate(sdoc.sents):
        first = sent[0]
        if first.lower_ in ("he", "she") and first.dep_ == "nsubj":
            found[k] = first
        elif first.lower_ == "the" and len(sent) > 1 and sent[1].lower_ in _ANAPHOR_NOUNS \
                and sent[1].dep_ in ("nsubj", "nsubjpass"):
            found[k] = sent[1]
    return found


def _continues(span, subject, mentions: list[Mention], mention: Mention) -> bool:
    """Whether SUBJECT, the next sentence's "he"/"she"/"the company", stands for SPAN:
    the name is its own sentence's subject and no other name comes between them."""
    if span.root.dep_ not in ("nsubj", "nsubjpass") or span.root.head.dep_ != "ROOT":
        return False
    rival = "Person" if subject.lower_ in ("he", "she") else "Organization"
    start, end = mention.end, subject.idx
    return not any(start <= m.start < end and m.kind == rival and m.text != mention.text for m in mentions)
