"""Stage 4: facts stated by one parsed document, read off the dependency parse.

    facts(sdoc, mentions) -> list[Fact]

A first, deliberately simple rule set: titles before names, appositions, copulas,
subject-verb-object links (event dates and places: kg.events). Every fact keeps its sentence.
"""

from __future__ import annotations

from kg.lexicon import DETERMINERS, LEADER_HEADS, MEMBER_HEADS, TITLE_MODIFIERS, TITLE_WORDS
from kg.model import Fact, Mention

AGENTS = ("Person", "Organization")
HONORIFICS = frozenset("dr mr mrs ms miss mx sir dame lord lady rev".split())
KINSHIP = frozenset(
    """
    brother sister son daughter father mother wife husband widow widower uncle aunt cousin
    nephew niece grandson granddaughter grandfather grandmother brother-in-law son-in-law
    """.split()
)
LEAD_VERBS = frozenset("lead head chair command run direct found".split())
JOIN_VERBS = frozenset("join".split())
_CLAUSE_DEPS = ("relcl", "acl", "advcl", "punct", "cc", "conj", "appos")


class MentionIndex:
    """Token index -> mention, for the mentions of one document."""

    def __init__(self, sdoc, mentions: list[Mention]):
        self.by_token: dict[int, Mention] = {}
        for mention in mentions:
            span = sdoc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            for token in span:
                self.by_token.setdefault(token.i, mention)

    def at(self, token, kinds=None) -> Mention | None:
        mention = self.by_token.get(token.i)
        if mention is not None and (kinds is None or mention.kind in kinds):
            return mention
        return None

    def of_phrase(self, token, kinds) -> Mention | None:
        """The mention a noun phrase headed by TOKEN names: the token itself, or a name in
        apposition to it ("the supreme leader, X")."""
        found = self.at(token, kinds)
        if found:
            return found
        for child in token.children:
            if child.dep_ == "appos" and (found := self.at(child, kinds)):
                return found
        return None


def _with_conjuncts(token) -> list:
    """TOKEN and the tokens coordinated with it ("X and Y")."""
    return [token, *token.conjuncts]


def _phrase_text(token, person: Mention | None = None) -> str:
    """A noun phrase as written, without leading determiners or trailing clauses."""
    words = []
    for t in token.subtree:
        if t.i > token.i and (t.dep_ in _CLAUSE_DEPS or t.is_punct):
            break
        in_name = person is not None and person.start <= t.idx < person.end
        if t.i > token.i and (in_name or t.pos_ == "PROPN" and t.head == token and t.dep_ != "pobj"):
            break  # "bassist Tim (Commerford)": the name that follows is not part of the role
        if t.i > token.i and t.tag_ in ("WDT", "WP", "WP$"):
            break  # "racer who competed ...": the relative clause starts
        if t.i < token.i and t.dep_ in ("det", "poss") and t.lower_ in DETERMINERS:
            continue
        words.append(t)
    text = "".join(t.text_with_ws for t in words).strip().strip("([{ ")
    if text.count("(") != text.count(")"):
        text = text.split("(")[0].strip()
    return text


def _of_organization(token, index) -> Mention | None:
    """The organisation a role noun belongs to: "head of Y", "Y's head", "Y head"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and (org := index.of_phrase(pobj, ("Organization",))):
                    return org
        if child.dep_ in ("poss", "compound") and (org := index.at(child, ("Organization",))):
            return org
    return None


def _role_facts(person: Mention, noun, sent: int, method: str, index) -> list[Fact]:
    """Facts from a role noun describing PERSON: hasRole, and leaderOf/memberOf when the
    role is attached to an organisation; kinship nouns link two people instead."""
    lemma = noun.lemma_.lower()
    if lemma in KINSHIP:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if other := index.of_phrase(pobj, ("Person",)):
                        return [Fact(person.span, "relatedTo", other.span, sent, f"{method}-kinship", 0.7,
                                     relation=lemma)]
        return []
    role = _phrase_text(noun, person)
    facts = [Fact(person.span, "hasRole", role, sent, method, 0.8, obj_kind="literal")] if role else []
    org = _of_organization(noun, index)
    if org is not None:
        if lemma in LEADER_HEADS:
            facts.append(Fact(person.span, "leaderOf", org.span, sent, f"{method}-leader", 0.7))
        elif lemma in MEMBER_HEADS:
            facts.append(Fact(person.span, "memberOf", org.span, sent, f"{method}-member", 0.7))
    return facts


ROLE_NOUNS = TITLE_WORDS | LEADER_HEADS | MEMBER_HEADS | KINSHIP
_ROLE_SUFFIXES = ("ist", "ian", "er", "or", "ant", "ent", "ee", "ess", "man", "woman")


def _is_role_noun(token, index) -> bool:
    """A singular common noun that names what a person is: a title, an office, an
    occupation ("economist", "reporter"), a kinship term; not "message" or "regime"."""
    if token.pos_ != "NOUN" or token.tag_ == "NNS" or index.at(token) is not None:
        return False
    if any(index.at(t, ("Person",)) for t in token.subtree if t.i < token.i):
        return False  # "chief executive Jane (Doe)": the name itself, not a role
    lemma = token.lemma_.lower()
    return lemma in ROLE_NOUNS or lemma.endswith(_ROLE_SUFFIXES) and len(lemma) > 4


def _title_before(person: Mention, first, index) -> list[Fact]:
    """ "President X", "party leader X", "Defence Minister X": the words right
    before a name that end in a title word."""
    run = []
    t = first.nbor(-1) if first.i > 0 else None
    while t is not None and not t.is_space and not t.is_punct and t.lower_ not in DETERMINERS:
        if index.at(t) is not None or t.ent_type_ in ("NORP", "GPE", "DATE", "CARDINAL"):
            break
        if not (t.pos_ in ("NOUN", "PROPN", "ADJ") and t.dep_ in ("compound", "amod", "nmod", "nsubj", "appos")
                or t.lower_.rstrip(".") in TITLE_WORDS | TITLE_MODIFIERS):
            break
        run.insert(0, t)
        t = t.nbor(-1) if t.i > 0 else None
    if not run or run[-1].lower_.rstrip(".") not in TITLE_WORDS:
        return []
    if all(tok.lower_.rstrip(".") in HONORIFICS for tok in run):
        return []  # "Dr", "Mr": a form of address, not a role
    sent = person.sentence
    role = " ".join(tok.text for tok in run)
    facts = [Fact(person.span, "hasRole", role, sent, "title-before-name", 0.8, obj_kind="literal")]
    head = run[-1].lower_
    org = index.at(t, ("Organization",)) if t is not None else None
    if org is not None:
        if head in LEADER_HEADS:
            facts.append(Fact(person.span, "leaderOf", org.span, sent, "org-title-before-name", 0.7))
        elif head in MEMBER_HEADS:
            facts.append(Fact(person.span, "memberOf", org.span, sent, "org-title-before-name", 0.7))
    return facts


def _person_facts(sdoc, person: Mention, index) -> list[Fact]:
    span = sdoc.char_span(person.start, person.end, alignment_mode="expand")
    if span is None:
        return []
    root = span.root
    facts = _title_before(person, span[0], index)
    # "X, the head of Y": an appositive noun.
    for child in root.children:
        if child.dep_ == "appos" and _is_role_noun(child, index):
            facts += _role_facts(person, child, person.sentence, "appositive-role", index)
    # "the head of Y, X": the name is in apposition to the role noun.
    if root.dep_ == "appos" and _is_role_noun(root.head, index):
        facts += _role_facts(person, root.head, person.sentence, "appositive-role", index)
    # "X is the foreign minister".
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        for child in root.head.children:
            if child.dep_ == "attr" and _is_role_noun(child, index) and not any(
                c.dep_ == "neg" for c in root.head.children
            ):
                facts += _role_facts(person, child, person.sentence, "copula-role", index)
    return facts


def _arguments(verb, index):
    """(subjects, objects) of VERB as mentions; a passive's agent is its subject."""
    subjects, objects = [], []
    for child in verb.children:
        for tok in _with_conjuncts(child):
            if child.dep_ in ("nsubj",):
                subjects.append(index.of_phrase(tok, AGENTS))
            elif child.dep_ == "agent":
                subjects += [index.of_phrase(p, AGENTS) for p in tok.children if p.dep_ == "pobj"]
            elif child.dep_ in ("dobj", "nsubjpass"):
                objects.append(index.of_phrase(tok, None))
            elif child.dep_ == "prep" and child.lower_ in ("with", "against", "in", "to", "on"):
                # "met with Y", "took part in Y": people, organisations and events only;
                # "arrested in Belgium" is where, not whom.
                objects += [index.of_phrase(p, AGENTS + ("Event",)) for p in tok.children if p.dep_ == "pobj"]
    if verb.dep_ == "conj" and not subjects:  # "X arrived and met Y": X is the subject of both
        subjects, _ = _arguments(verb.head, index) if verb.head.pos_ in ("VERB", "AUX") else ([], [])
    return [s for s in subjects if s], [o for o in objects if o and o.kind != "Date"]


def _verb_facts(sdoc, index) -> list[Fact]:
    facts = []
    for verb in sdoc:
        if verb.pos_ != "VERB" or any(c.dep_ == "neg" for c in verb.children):
            continue  # negated: "X did not attend Y" is not the fact "X attended Y"
        subjects, objects = _arguments(verb, index)
        lemma = verb.lemma_.lower()
        for subj in subjects:
            for obj in objects:
                if obj.span == subj.span:
                    continue
                sent = subj.sentence
                if obj.kind == "Event":
                    facts.append(Fact(subj.span, "participatedIn", obj.span, sent, "verb-event", 0.6, relation=lemma))
                elif obj.kind == "Organization" and lemma in LEAD_VERBS and subj.kind == "Person":
                    facts.append(Fact(subj.span, "leaderOf", obj.span, sent, "verb-lead", 0.7))
                elif obj.kind == "Organization" and lemma in JOIN_VERBS:
                    facts.append(Fact(subj.span, "memberOf", obj.span, sent, "verb-join", 0.7))
                else:
                    facts.append(Fact(subj.span, "relatedTo", obj.span, sent, "subject-verb-object", 0.6,
                                      relation=lemma))
    return facts


def facts(sdoc, mentions: list[Mention]) -> list[Fact]:
    """Every fact of one document, in a stable order.

    >>> facts(nlp("President Jane Doe met John Roe."), mentions)  # doctest: +SKIP
    [Fact(subject=(10, 18), predicate='hasRole', obj='President', ...), ...]
    """
    index = MentionIndex(sdoc, mentions)
    found: list[Fact] = []
    for mention in mentions:
        if mention.kind == "Person":
            found += _person_facts(sdoc, mention, index)
    found += _verb_facts(sdoc, index)
    unique = {(f.subject, f.predicate, f.obj, f.sentence, f.method): f for f in found}
    return [unique[k] for k in sorted(unique, key=str)]
