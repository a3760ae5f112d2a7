"""Who a pronoun or a definite noun stands for: the one resolver every stage shares.

    resolve(sdoc, token_index, mentions, sent_of) -> Mention | None
    antecedents(sdoc, mentions, sent_of) -> {token index of a subject "he"/"she": Mention}
    gender(sdoc, mention, mentions) -> "m" | "f" | None

TOKEN_INDEX is a token of SDOC: a pronoun ("he", "her", "it", "its") or the head noun of
a definite phrase ("the company", "the coach", "the 25-year-old"). MENTIONS are the
candidates (pass only those a reader could point to: quotes.py leaves out names inside
quotation marks); SENT_OF maps a token index to its sentence index
(kg.analysis.docindex.sentence_of). The rules hold for English news in general:

- "he"/"she" (and "him", "his", "her") stand for a person, "it"/"its" for an
  organisation. The nearest sentence that decides is read, back from the pronoun's own
  sentence (up to the pronoun) to three sentences before it.
- A sentence decides when its grammatical subject is a fitting name (it wins: "The coach
  praised her captain, Lena Ruiz. She said ..." is the coach's), a pronoun of the same
  kind (followed in turn), or a person noun ("the coach": resolved as a definite noun,
  and if that fails the pronoun stays unresolved, as a reader would hesitate). Otherwise
  it decides when it names fitting candidates: the nearest person among them, when they
  are all one name. "it" follows only a subject organisation.
- Gender rules a candidate out when both sides know it: the pronoun's, and the person's
  from a title ("Mr", "Ms", "Queen") or a pronoun of their own clause ("Jane Roe said
  she ...", "Jane Roe praised her team").
- A definite noun ("the company", "the commission", "the minister") is the one
  candidate of the five sentences before whose name ends in it or whose title or
  apposition holds it, else the single organisation there for an organisation noun
  ("the club" after one club); "the 25-year-old" is resolved as "he"/"she" is.
- Anything else, and every tie between two different names, gives None: no guess.
"""

from __future__ import annotations

import re

from kg.analysis.lexicon import (COMPANY_TAILS, LEADER_HEADS, MEMBER_HEADS, ORG_CLASS_NOUNS, ORG_HEADS,
                                 PLACE_CLASS_NOUNS, SAME_HEADS, TITLE_WORDS)
from kg.analysis.tokenlist import tokens
from kg.model import Mention

PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m",
                   "she": "f", "her": "f", "hers": "f", "herself": "f"}
THING_PRONOUNS = frozenset(("it", "its", "itself"))
PRONOUNS = frozenset(("he", "she"))  # the subject pronouns `antecedents` resolves
WINDOW = 3  # sentences back from the pronoun's
NOMINAL_WINDOW = 5  # sentences back from a definite noun's

# Nouns that mean a person whatever the role: a definite one ("the 25-year-old", "the
# woman") stands for a person named before.
PERSON_NOUNS = frozenset(
    """
    man woman boy girl person mother father son daughter wife husband brother sister
    player striker goalkeeper defender midfielder runner athlete driver rider singer
    actor actress writer author artist lawyer teacher student doctor nurse farmer owner
    veteran newcomer winner champion official resident witness victim suspect
    """.split()
) | TITLE_WORDS | LEADER_HEADS | MEMBER_HEADS
_MALE = frozenset("mr sir lord king prince duke emperor sultan father brother son husband man boy "
                  "spokesman chairman congressman businessman actor".split())
_FEMALE = frozenset("mrs ms miss madam dame lady queen princess duchess empress mother sister daughter "
                    "wife woman girl spokeswoman chairwoman congresswoman businesswoman actress".split())
_SUBJECTS = ("nsubj", "nsubjpass")
_GENDERS = "kg.pronouns.genders"
_SENTENCES = "kg.pronouns.sentences"


def resolve(sdoc, token_index: int, mentions: list[Mention], sent_of: dict[int, int]) -> Mention | None:
    """The mention the pronoun or definite noun at TOKEN_INDEX stands for, or None when
    the text leaves it open.

    >>> doc = nlp("Coach Ada Lind praised her captain, Lena Ruiz. She said the team had won.")  # doctest: +SKIP
    >>> resolve(doc, 10, mentions, sentence_of(doc)).text  # doctest: +SKIP
    'Ada Lind'
    """
    token = sdoc[token_index]
    word = token.lower_
    if word in PERSON_PRONOUNS:
        return _pronoun(sdoc, token, mentions, sent_of, ("Person",), PERSON_PRONOUNS[word], 0)
    if word in THING_PRONOUNS:
        return _pronoun(sdoc, token, mentions, sent_of, ("Organization",), None, 0)
    if (token.pos_ == "NOUN" or is_age(token)) and _definite(token):
        return nominal(sdoc, token, mentions, sent_of)
    return None


def is_age(token) -> bool:
    """TOKEN ends "41-year-old", which spaCy may split into "41 - year - old"."""
    if re.fullmatch(r"\d+-years?-old", token.lower_):
        return True
    doc = token.doc
    return token.lower_ == "old" and token.i >= 2 and doc[token.i - 2].lower_ in ("year", "years")


def antecedents(sdoc, mentions: list[Mention], sent_of: dict[int, int]) -> dict[int, Mention]:
    """The person each subject "he"/"she" of SDOC stands for, when `resolve` is sure.

    >>> antecedents(nlp("Jane Doe won. She smiled."), mentions, sent_of)  # doctest: +SKIP
    {4: Mention(0, 8, 'Jane Doe', 'Person', 0)}
    """
    found: dict[int, Mention] = {}
    for token in tokens(sdoc):
        if token.lower_ in PRONOUNS and token.dep_.startswith("nsubj"):
            person = resolve(sdoc, token.i, mentions, sent_of)
            if person is not None:
                found[token.i] = person
    return found


def _definite(noun) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in noun.children)


def _surname(mention: Mention) -> str:
    """A person's last word ("Doe" is "Jane Doe"); an organisation's whole name."""
    return mention.text.split()[-1].lower() if mention.kind == "Person" else mention.text.lower()


def _one(found: list[Mention]) -> Mention | None:
    """The longest-named of FOUND when all are one name (by surname), else None."""
    if not found or len({_surname(m) for m in found}) > 1:
        return None
    return max(found, key=lambda m: (len(m.text), -m.start))


def gender(sdoc, mention: Mention, mentions: list[Mention] = ()) -> str | None:
    """"m", "f" or None for a person: what MENTION, or another of MENTIONS with its
    surname, says (`_gender_at`); None when they disagree."""
    found = {_gender_at(sdoc, m) for m in (mention, *mentions)
             if m is mention or m.kind == "Person" and _surname(m) == _surname(mention)} - {None}
    return found.pop() if len(found) == 1 else None


def _gender_at(sdoc, mention: Mention) -> str | None:
    """`_read_gender`, kept in SDOC.user_data (a document asks it again for every pronoun)."""
    store = getattr(sdoc, "user_data", None)
    if store is None:
        return _read_gender(sdoc, mention)
    known = store.setdefault(_GENDERS, {})
    if mention.span not in known:
        known[mention.span] = _read_gender(sdoc, mention)
    return known[mention.span]


def _read_gender(sdoc, mention: Mention) -> str | None:
    """The title before the name ("Ms", "Queen", "spokeswoman"), else the first
    "he"/"she"/"his"/"her" of the clause the person is the subject of, when no other name
    comes between ("Jane Roe said she ...")."""
    for word in (mention.title_word or "", *(mention.title or "").lower().split()):
        word = word.rstrip(".")
        if word in _MALE or word in _FEMALE:
            return "m" if word in _MALE else "f"
    span = sdoc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or span.root.dep_ not in _SUBJECTS:
        return None
    for token in span.root.head.subtree:
        if token.i < span.end:
            continue
        if token.ent_type_ in ("PERSON", "ORG"):
            return None
        if token.lower_ in PERSON_PRONOUNS and token.tag_ in ("PRP", "PRP$"):
            return PERSON_PRONOUNS[token.lower_]
    return None


def _agrees(sdoc, mention: Mention, want: str | None, mentions: list[Mention]) -> bool:
    if want is None:
        return True
    known = gender(sdoc, mention, mentions)
    return known is None or known == want


def _subjects(sent, before: int | None) -> list:
    """The grammatical subjects of SENT's main clause (with their conjuncts: "X and Y
    met"), those before token BEFORE when it is given."""
    root = sent.root
    found = [c for c in root.children if c.dep_ in _SUBJECTS]
    if not found and root.dep_ == "ROOT":
        found = [t for t in tokens(sent.doc)[sent.start:sent.end]
                 if t.dep_ in _SUBJECTS and t.head.dep_ in ("ccomp", "conj")][:1]
    found += [c for s in found for c in s.conjuncts]
    return [t for t in found if before is None or t.i < before]


def _is_subject(sdoc, mention: Mention) -> bool:
    """MENTION is the subject of some clause: in the pronoun's own sentence only those can
    be its antecedent ("When Jane Roe arrived, she said", not "After meeting Jane Roe, he said")."""
    span = sdoc.char_span(mention.start, mention.end, alignment_mode="expand")
    root = span.root if span is not None else None
    while root is not None and root.dep_ in ("appos", "compound", "conj") and root.head != root:
        root = root.head
    return root is not None and root.dep_ in _SUBJECTS


def _mention_at(token, mentions: list[Mention]) -> Mention | None:
    """The mention holding TOKEN, or a name in apposition to it ("the coach, Ada Lind");
    a person of the same name when NER typed the word otherwise or left it out."""
    for t in (token, *(c for c in token.children if c.dep_ == "appos")):
        covering = next((m for m in mentions if m.start <= t.idx < m.end), None)
        person = namesake(t, mentions) if covering is None or covering.kind != "Person" else None
        if person or covering:
            return person or covering
    return None


def namesake(token, mentions: list[Mention]) -> Mention | None:
    """The person of MENTIONS the capitalised name ending at TOKEN stands for, by its full
    text or its surname: "Grady told reporters" after "Michael Grady", when NER typed
    "Grady" as a place or left it out. None for a word that is no name of a person here."""
    if token.pos_ != "PROPN":
        return None
    doc, first = token.doc, token.i
    while first > token.sent.start and (doc[first - 1].pos_ == "PROPN" or doc[first - 1].text == "-"
                                        and not doc[first - 1].whitespace_):
        first -= 1
    name = doc[first:token.i + 1].text
    # A one-word "person" of the same name is NER's noise on a company's or a place's name
    # ("Freshmart" called a person once), not a person the name stands for.
    return _one([m for m in mentions if m.kind == "Person" and " " in m.text
                 and (m.text == name or m.text.split()[-1] == name.split()[-1])])


def _fits(sdoc, mention: Mention, kinds, want: str | None, mentions: list[Mention]) -> bool:
    """MENTION can be what a pronoun of KINDS and gender WANT stands for; NER's
    organisation that the text gives a "he"/"she" of its own is a person ("Ostrova recorded
    40 albums, and she ...")."""
    if mention.kind not in kinds and not ("Person" in kinds and mention.kind == "Organization"
                                          and _gender_at(sdoc, mention) is not None):
        return False
    return _agrees(sdoc, mention, want, mentions)


def _sentences(sdoc) -> list:
    store = getattr(sdoc, "user_data", None)
    if store is None:
        return list(sdoc.sents)
    if _SENTENCES not in store:
        store[_SENTENCES] = list(sdoc.sents)
    return store[_SENTENCES]


def _pronoun(sdoc, token, mentions, sent_of, kinds, want, depth) -> Mention | None:
    sentences = _sentences(sdoc)
    k = sent_of[token.i]
    for j in range(k, max(k - WINDOW - 1, -1), -1):
        sent = sentences[j]
        limit = token.idx if j == k else sent.end_char
        found = [m for m in mentions if sent.start_char <= m.start and m.end <= limit
                 and _fits(sdoc, m, kinds, want, mentions) and (j < k or _is_subject(sdoc, m))]
        decided, result = _by_subject(sdoc, sent, token if j == k else None, mentions, sent_of, kinds, want, depth)
        if decided:
            return result
        if found:
            return None if kinds != ("Person",) else _one(found)
    return None


def _by_subject(sdoc, sent, pronoun, mentions, sent_of, kinds, want, depth) -> tuple[bool, Mention | None]:
    """(whether SENT's subject decides, whom it names) for a pronoun of KINDS."""
    subjects = [t for t in _subjects(sent, pronoun.i if pronoun is not None else None)
                if pronoun is None or t.i != pronoun.i]
    by_token = {t.i: _mention_at(t, mentions) for t in subjects}
    named = [m for m in by_token.values() if m is not None]
    fitting = [m for m in named if _fits(sdoc, m, kinds, want, mentions)]
    if named and any(t.pos_ == "PROPN" and by_token[t.i] is None for t in subjects):
        return True, None  # "Emil Sand and Jonas Lie": a name NER left out is a rival too
    if fitting:
        return True, _one(fitting)
    if len(subjects) != 1 or named:
        return False, None
    subject = subjects[0]
    if kinds == ("Person",) and PERSON_PRONOUNS.get(subject.lower_) == want and depth < 3:
        return True, _pronoun(sdoc, subject, mentions, sent_of, kinds, want, depth + 1)
    if subject.lower_ in THING_PRONOUNS and "Organization" in kinds and depth < 3:
        return True, _pronoun(sdoc, subject, mentions, sent_of, kinds, want, depth + 1)
    if (subject.pos_ == "NOUN" or is_age(subject)) and _noun_kind(subject) in kinds:
        return True, nominal(sdoc, subject, mentions, sent_of) if _definite(subject) else None
    return False, None


def _noun_kind(noun) -> str | None:
    word = noun.lower_
    if word in PERSON_NOUNS or is_age(noun):
        return "Person"
    if word in ORG_HEADS or word in ORG_CLASS_NOUNS or word in COMPANY_TAILS:
        return "Organization"
    if word in PLACE_CLASS_NOUNS:
        return "Place"
    return None


def nominal(sdoc, noun, mentions: list[Mention], sent_of: dict[int, int]) -> Mention | None:
    """The mention a definite noun phrase stands for, or None: the one candidate of the
    five sentences before that the text describes by the noun ("the commission" after
    "the Electoral Commission", "the coach" after "coach Ada Lind" or "Ada Lind, the
    coach"), else for an organisation noun ("the club") the one organisation whose name
    has no other head noun, for a person noun the one person titled so further on
    (`_titled_later`); "the 41-year-old" is read as "he"/"she" would be. A noun that names
    no kind of thing ("the plan") or an indefinite one ("a resident") is no one."""
    kind = _noun_kind(noun)
    if kind is None or not _definite(noun):
        return None
    if is_age(noun):  # "the 41-year-old" is read like "he"/"she"
        return _pronoun(sdoc, noun, mentions, sent_of, ("Person",), None, 1)
    k = sent_of[noun.i]
    low = min((s.start_char for s in _sentences(sdoc) if sent_of[s.start] >= k - NOMINAL_WINDOW), default=0)
    before = [m for m in mentions if m.kind == kind and low <= m.start and m.end <= noun.idx]
    words = {noun.lower_, noun.lemma_.lower()}
    alike = words | next((group for group in SAME_HEADS if words & group), frozenset())  # "the union": an association
    named = [m for m in before if alike & _described_as(sdoc, m)]
    if named:
        return _one(named)
    if kind == "Person":
        return _titled_later(sdoc, noun, mentions)
    heads = ORG_HEADS | ORG_CLASS_NOUNS
    # a person's name NER called an organisation ("Ewan Muir") is no "club"
    return _one([m for m in before if not {w.lower() for w in m.text.split()} & heads - words
                 and not {"first-name", "title", "age", "role", "kin", "he-she"} & set(m.cues)])


def _titled_later(sdoc, noun, mentions: list[Mention]) -> Mention | None:
    """A news lead's "the transport minister demanded …", named only further on: the one
    person after NOUN whose title holds the noun and every word before it ("Transport
    Minister Henrik Aasen")."""
    wanted = {noun.lower_} | {c.lower_ for c in noun.children if c.dep_ in ("compound", "amod")}
    text = sdoc.text

    def title(m: Mention) -> set[str]:  # the title right before the name, NER's span or not
        found = {w.rstrip(".") for w in (m.title or "").lower().split()}
        for word in reversed(text[max(0, m.start - 60):m.start].split("\n")[-1].split()[-4:]):
            if word[-1] in ",;:)\"”" or not (word[0].isupper() or word.lower().rstrip(".") in TITLE_WORDS):
                break
            found.add(word.lower().rstrip("."))
        return found

    return _one([m for m in mentions if m.kind == "Person" and m.start > noun.idx and wanted <= title(m)])


def _described_as(sdoc, mention: Mention) -> set[str]:
    """The lower-case words the text names or describes MENTION by: its title, the last
    word of its name, nouns in apposition ("Ada Lind, the coach")."""
    words = {w.rstrip(".") for w in (mention.title or "").lower().split()}
    words |= {mention.title_word} if mention.title_word else set()
    words.add(mention.text.split()[-1].lower())
    span = sdoc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is not None:
        root = span.root
        words |= {t.lemma_.lower() for t in root.children if t.dep_ == "appos" and t.pos_ == "NOUN"}
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":
            words.add(root.head.lemma_.lower())
    return words
