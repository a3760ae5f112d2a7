"""Stage 4: facts stated by one parsed document, read off the dependency parse.

    facts(sdoc, mentions) -> list[Fact]

Rules over spaCy's dependency parse, for any English text: titles before names,
appositions, copulas and "who" clauses (roles, leadership, membership, kinship),
subject-verb-object links with passives, conjunctions, "he"/"she" (kg.pronouns) and
negation, participation in events, where organisations and events are (an event's own
date and place: kg.events).
Every fact keeps its sentence, the rule that found it (kg:method) and a confidence
(README, "Relations and confidence").
"""

from __future__ import annotations

from dataclasses import replace

from kg.analysis.lexicon import (
    APPOINT_VERBS,
    BARE_LEADER_HEADS,
    BASED_WORDS,
    DETERMINERS,
    EMPLOY_PREPS,
    EMPLOY_VERBS,
    HAPPEN_VERBS,
    HIRE_VERBS,
    JOIN_VERBS,
    LEAD_VERBS,
    LEADER_HEADS,
    LEADER_PHRASES,
    LIGHT_VERBS,
    MEMBER_HEADS,
    NEGATING_VERBS,
    ORG_CLASS_NOUNS,
    PART_NOUNS,
    PLACE_CLASS_NOUNS,
    PLACE_LEADER_HEADS,
    PRE_NAME_ROLES,
    PREPOSITION_PARTICIPLES,
    ROLE_PREPS,
    SEAT_NOUNS,
    SUBORDINATE_MODIFIERS,
    TITLE_MODIFIERS,
    TITLE_WORDS,
)
from kg.analysis.cues import CUES
from kg.analysis.docindex import MentionIndex, span_of
from kg.analysis.gazetteer import country
from kg.analysis.tokenlist import tokens
from kg.model import Fact, Mention
from kg.vocab import AGENT_KINDS

HONORIFICS = frozenset("dr mr mrs ms miss mx sir dame lord lady rev".split())
KINSHIP = frozenset(
    """
    brother sister son daughter father mother wife husband widow widower uncle aunt cousin
    nephew niece grandson granddaughter grandfather grandmother brother-in-law son-in-law
    """.split()
)
# Nouns that link two people as kinship does: "X's co-author, Y", "his counterpart, Y".
ASSOCIATES = frozenset(
    """
    colleague co-author coauthor teammate partner rival counterpart successor predecessor mentor
    protege friend
    """.split()
)
_PERSON_CUES = frozenset(cue for cue, (kind, _) in CUES.items() if kind == "Person")
# Cues in a name itself that it is no person's, whatever NER said ("Krakow", "Acme Inc").
_BODY_NAME_CUES = frozenset(("company-tail", "gazetteer", "country", "place-word"))
_CLAUSE_DEPS = ("relcl", "acl", "advcl", "punct", "cc", "conj", "appos")
# The body a role is held in, or what NER took for one: a company's short name is often
# tagged a place or a person. Which facts hold is decided after resolution, when the name
# has its final kind (kg.graph checks each fact's domain and range): "head of Y" leads an
# organisation or a country, and says nothing when Y stays a person.
BODY = ("Organization", "Place", "Person")
# A fact whose subject is a resolved "he"/"she" is less sure than one naming its subject.
PRONOUN_PENALTY = 0.1


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


def _of_organizations(token, index, preps=ROLE_PREPS) -> list[tuple[Mention, str]]:
    """The organisations a role noun is held in, with how they attach: "head of Y",
    "professor at Y", "Y's head", "Y head"; every conjunct of "of X, Y and Z"."""
    found = []
    # "member of X and of Y": a preposition coordinated with the first one
    children = [c for child in token.children for c in ([child, *child.conjuncts] if child.dep_ == "prep" else [child])]
    for child in children:
        if child.dep_ in ("prep", "conj") and child.pos_ == "ADP" and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ != "pobj":
                    continue
                for conj in _with_conjuncts(pobj):
                    if org := index.of_phrase(conj, BODY) or index.referred(conj, ("Organization",)) \
                            or _named_in(conj, index):
                        found.append((org, child.lower_))
        if child.dep_ in ("poss", "compound") and (
                org := index.at(child, BODY) or child.dep_ == "poss" and index.referred(child, ("Organization",))):
            found.append((org, child.dep_))
    if found and found[-1][1] == "of" and token.dep_ == "appos":
        # "X, the leader of A, B and C": the parser often hangs B (and C) on X as further
        # appositions; organisations right after the role noun continue its list.
        for sibling in token.head.children:
            if sibling.dep_ == "appos" and sibling.i > token.i:
                for conj in _with_conjuncts(sibling):
                    if org := index.of_phrase(conj, BODY):
                        found.append((org, "of"))
    return found


def _named_in(noun, index) -> Mention | None:
    """The organisation named in a common noun's phrase: "the Asia-Pacific Economic
    Cooperation forum", "the Green Left party" (not a place: "the Peru office")."""
    if noun.pos_ != "NOUN" or not noun.is_lower:
        return None
    return next((m for c in noun.children if c.dep_ == "compound" and (m := index.at(c, ("Organization",)))), None)


def _kinship_facts(person: Mention, noun, sent: int, method: str, index) -> list[Fact]:
    """ "X, the brother of Y", "Y's brother X", "his counterpart, X": two people linked by
    a kinship or associate noun."""
    lemma = noun.lemma_.lower()
    others = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            others += [index.of_phrase(c, ("Person",)) for p in child.children if p.dep_ == "pobj"
                       for c in _with_conjuncts(p)]
        elif child.dep_ == "poss":  # "Y's brother", "his counterpart"
            others.append(index.referred(child, ("Person",)))
    tie = "kinship" if lemma in KINSHIP else "associate"
    return [Fact(person.span, "relatedTo", other.span, sent, f"{method}-{tie}", 0.7, relation=lemma)
            for other in others if other is not None and other.span != person.span]


def _leads(title: str, body: Mention) -> bool:
    """Whether a leader's TITLE leads BODY: any body NER took for an organisation or a
    person, a place only with a head of state's or a governor's title ("Kenya's
    president", not "its Peru director", who is a member elsewhere)."""
    return body.kind != "Place" or title in PLACE_LEADER_HEADS


def _role_facts(person: Mention, noun, sent: int, method: str, index) -> list[Fact]:
    """Facts from a role noun describing PERSON: hasRole, and leaderOf/memberOf when the
    role is attached to an organisation; kinship nouns link two people instead."""
    lemma = noun.lemma_.lower()
    if lemma in KINSHIP or lemma in ASSOCIATES:
        return _kinship_facts(person, noun, sent, method, index)
    role = _phrase_text(noun, person)
    facts = [Fact(person.span, "hasRole", role, sent, method, 0.8, obj_kind="literal")] if role else []
    # "his lawyer, Y", "X's coach Y": the role is held for a person
    facts += [Fact(person.span, "relatedTo", owner.span, sent, f"{method}-for-person", 0.6, relation=lemma)
              for c in noun.children if c.dep_ == "poss" and (owner := index.referred(c, ("Person",)))
              and owner.span != person.span and _surely_person(owner, c)]
    lemma = _leading_word(noun, lemma)
    facts += _represents(person, noun, lemma, sent, method, index)
    for org, how in _of_organizations(noun, index):
        # "head of Y" leads Y; "adviser to the head of Y" is not reached (one level only).
        if lemma in LEADER_HEADS and how in ("of", "poss", "compound") and _leads(lemma, org):
            facts.append(Fact(person.span, "leaderOf", org.span, sent, f"{method}-leader", 0.7))
        elif lemma in MEMBER_HEADS or lemma in LEADER_HEADS:
            facts.append(Fact(person.span, "memberOf", org.span, sent, f"{method}-member", 0.7))
        elif how not in ("of", "poss", "to"):
            # an occupation held at an organisation: "professor at Y", "Y lawmaker"; not
            # "opponent of Y", "Y's rival", "adviser to Y", where the noun faces Y
            facts.append(Fact(person.span, "memberOf", org.span, sent, f"{method}-occupation", 0.6))
    return facts


def _leading_word(noun, lemma: str) -> str:
    """LEMMA as _role_facts reads it: "leader" for a leader's two words ("the chief
    executive of Y") and a team's bare "manager" or "coach"; "member" for a leader's title
    under a subordinate's word ("the deputy director", "Y's sporting director")."""
    modifiers = [c.lower_ for c in noun.children if c.dep_ in ("amod", "compound", "nmod")]
    if any(f"{m} {lemma}" in LEADER_PHRASES for m in modifiers):
        return "leader"
    if lemma in BARE_LEADER_HEADS and set(modifiers) <= {"head", "new", "former", "current", "interim", "caretaker"}:
        return "leader"
    if lemma in LEADER_HEADS and set(modifiers) & SUBORDINATE_MODIFIERS:
        return "member"
    return lemma


def _surely_person(mention: Mention, token) -> bool:
    """Whether MENTION, a person by NER, is one by more than NER: a pronoun stood for it,
    or its name has two words or a person's cue ("Riverside's goalkeeper": a club)."""
    return token.pos_ == "PRON" or " " in mention.text or bool(set(mention.cues) & _PERSON_CUES)


def _represents(person: Mention, noun, lemma: str, sent: int, method: str, index) -> list[Fact]:
    """ "Spain's science minister, X", "Mexico's Secretary of Economy, X": a country's
    official, not its leader, represents it (kg:nationality); "its Peru director" (a
    place written before the title) says nothing of where the person is from."""
    if lemma in LEADER_HEADS and lemma in PLACE_LEADER_HEADS or lemma in KINSHIP or lemma in ASSOCIATES:
        return []
    return [Fact(person.span, "nationality", c.span, sent, f"{method}-country", 0.6)
            for child in noun.children if child.dep_ == "poss" and (c := index.at(child, ("Place",)))
            and country(c.text)]


ROLE_NOUNS = TITLE_WORDS | LEADER_HEADS | MEMBER_HEADS | KINSHIP | ASSOCIATES
_ROLE_SUFFIXES = ("ist", "ian", "er", "or", "ant", "ent", "ee", "ess", "man", "woman")


def _is_role_noun(token, index) -> bool:
    """A singular common noun that names what a person is: a title, an office, an
    occupation ("economist", "reporter"), a kinship term; not "message" or "regime"."""
    # a capitalised title is tagged a proper noun: "Vietnam's Minister of Trade, X"
    title = token.pos_ == "PROPN" and token.tag_ == "NNP" and token.lower_ in TITLE_WORDS
    if not (token.pos_ == "NOUN" or title) or token.tag_ == "NNS" or index.at(token) is not None:
        return False
    owners = {t.i for c in token.children if c.dep_ == "poss" for t in c.subtree}
    if any(index.at(t, ("Person",)) for t in token.subtree if t.i < token.i and t.i not in owners):
        return False  # "chief executive Jane (Doe)": the name itself, not a role ("X's brother" is)
    lemma = token.lemma_.lower()
    return lemma in ROLE_NOUNS or lemma.endswith(_ROLE_SUFFIXES) and len(lemma) > 4


def _is_occupation(token) -> bool:
    """A lower-case singular noun that names an occupation by its ending ("bassist")."""
    lemma = token.lemma_.lower()
    return (token.tag_ == "NN" and token.text.islower() and lemma not in KINSHIP
            and lemma.endswith(_ROLE_SUFFIXES) and len(lemma) > 4)


def _title_before(person: Mention, first, index) -> list[Fact]:
    """ "President X", "party leader X", "Defence Minister X": the words right
    before a name that end in a title word."""
    run, t = _title_run(first, index)
    if not run:
        return []
    sent = person.sentence
    role = first.doc[run[0].i:run[-1].i + 1].text
    facts = [Fact(person.span, "hasRole", role, sent, "title-before-name", 0.8, obj_kind="literal")]
    head = _title_head(run)
    if t is not None and t.tag_ == "POS" and t.i > 0:
        t = t.nbor(-1)  # "Y's leader X"
    org = index.at(t, BODY) if t is not None else None
    if org is not None:
        if head in LEADER_HEADS and _leads(head, org):
            facts.append(Fact(person.span, "leaderOf", org.span, sent, "org-title-before-name", 0.7))
        else:  # "Acme spokesman X", "Labour lawmaker X"
            facts.append(Fact(person.span, "memberOf", org.span, sent, "org-title-before-name", 0.7))
    return facts


def _title_head(run) -> str:
    """The word that says what a title before a name is: its last ("leader" for a
    leader's two words, "Chief Executive", and a team's bare "manager"; "member" under a
    subordinate's word, "Deputy Director")."""
    words = [tok.lower_.rstrip(".") for tok in run]
    if " ".join(words[-2:]) in LEADER_PHRASES:
        return "leader"
    if words[-1] in BARE_LEADER_HEADS and set(words[:-1]) <= {"head", "new", "former", "interim", "caretaker"}:
        return "leader"
    if words[-1] in LEADER_HEADS and set(words[:-1]) & SUBORDINATE_MODIFIERS:
        return "member"
    return words[-1]


def _title_run(first, index) -> tuple[list, object]:
    """The title right before a name's FIRST token, as tokens ([] when the words there
    are no title), and the token before it."""
    run = []
    t = first.nbor(-1) if first.i > 0 else None
    while t is not None and not t.is_space and t.lower_ not in DETERMINERS:
        if t.text == "-" and not t.whitespace_ and t.i > 0 and not t.nbor(-1).whitespace_ and run:
            run.insert(0, t)  # "Secretary-General X": a hyphen inside the title
            t = t.nbor(-1)
            continue
        if t.is_punct or index.at(t) is not None or t.ent_type_ in ("NORP", "GPE", "DATE", "CARDINAL"):
            break
        if not (t.pos_ in ("NOUN", "PROPN", "ADJ") and t.dep_ in ("compound", "amod", "nmod", "nsubj", "appos")
                or t.lower_.rstrip(".") in TITLE_WORDS | TITLE_MODIFIERS):
            break
        run.insert(0, t)
        t = t.nbor(-1) if t.i > 0 else None
    while run and run[0].text == "-":
        run.pop(0)
    last = run[-1].lower_.rstrip(".") if run else ""
    if not run or not (last in TITLE_WORDS or last in PRE_NAME_ROLES or _is_occupation(run[-1])):
        return [], t  # "guitarist X", "striker X": an occupation noun right before the name counts
    if all(tok.lower_.rstrip(".") in HONORIFICS for tok in run):
        return [], t  # "Dr", "Mr": a form of address, not a role
    return run, t


def _relative_clauses(root):
    """The verbs of "X, who ..." clauses attached to ROOT, with the relative as subject."""
    for child in root.children:
        if child.dep_ == "relcl" and any(c.dep_.startswith("nsubj") and c.tag_ in ("WP", "WDT")
                                         for c in child.children):
            yield child


def _negated(verb) -> bool:
    """ "did not attend", "never met", "refused to endorse": the action is denied."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    head = verb.head
    return verb.dep_ == "xcomp" and (head.lemma_.lower() in NEGATING_VERBS or any(
        c.dep_ == "neg" for c in head.children))


def _person_facts(sdoc, person: Mention, index) -> list[Fact]:
    """A person's roles and memberships: from the title before the name, the noun phrase
    around it and the clause it is the subject of."""
    span = span_of(sdoc, person)
    if span is None:
        return []
    return (_title_before(person, span[0], index) + _phrase_facts(sdoc, person, span, index)
            + _clause_facts(person, span.root, index))


def _pronoun_clause_facts(sdoc, index) -> list[Fact]:
    """ "He was the chairman of Y", "She served as mayor of Z": the roles a clause states of
    a subject "he"/"she" the pronoun resolver ties to one person, in the pronoun's sentence."""
    facts = []
    for token_i, person in sorted(index.pronouns.items()):
        token = sdoc[token_i]
        if token.dep_ != "nsubj":
            continue
        facts += [replace(f, sentence=index.sent_of[token_i], method=f.method + "+pronoun",
                          confidence=round(f.confidence - PRONOUN_PENALTY, 2))
                  for f in _clause_facts(person, token, index)]
    return facts


def _phrase_facts(sdoc, person: Mention, span, index) -> list[Fact]:
    """Roles and memberships the noun phrase of a name states: an appositive role noun,
    "X of Y", "Y's X", "X (Party)"."""
    root, facts = span.root, []
    # "X, the head of Y": an appositive noun.
    for child in root.children:
        if child.dep_ == "appos" and _is_role_noun(child, index):
            facts += _role_facts(person, child, person.sentence, "appositive-role", index)
        # "X of Y said": a person of an organisation belongs to it; "President X of Y" leads it.
        if child.dep_ == "prep" and child.lower_ == "of":
            facts += _titled_of(person, span, child, index)
        # "Y's X": a person owned by an organisation belongs to it.
        if child.dep_ == "poss" and (org := index.at(child, BODY)):
            facts.append(Fact(person.span, "memberOf", org.span, person.sentence, "possessive-member", 0.6))
    # "the head of Y, X": the name is in apposition to the role noun, or, as the parser
    # often has it, to Y ("The mayor of Krakow, X," with X hung on Krakow).
    if root.dep_ == "appos" and _is_role_noun(root.head, index):
        facts += _role_facts(person, root.head, person.sentence, "appositive-role", index)
    elif root.dep_ == "appos" and (noun := _role_of_body(root.head, index)) is not None:
        facts += _role_facts(person, noun, person.sentence, "appositive-role", index)
    # "X (Party)": an organisation in brackets right after a name.
    after = span[-1].i + 1
    if after + 2 < len(sdoc) and sdoc[after].text == "(":
        org = index.at(sdoc[after + 1], BODY)
        if org is not None and span_of(sdoc, org)[-1].nbor(1).text == ")":
            facts.append(Fact(person.span, "memberOf", org.span, person.sentence, "bracketed-organization", 0.6))
    return facts


def _role_of_body(token, index):
    """The role noun whose body TOKEN names after a preposition ("mayor" for "Krakow" in
    "The mayor of Krakow"), when TOKEN is a name of a body; else None."""
    body = index.at(token, BODY)
    if body is None or token.dep_ != "pobj" or body.kind == "Person" and not set(body.cues) & _BODY_NAME_CUES:
        return None  # "the wife of John Roe, Jane Roe": Jane is in apposition to John
    prep = token.head
    noun = prep.head if prep.lower_ in ("of", "at", "for") else None
    return noun if noun is not None and _is_role_noun(noun, index) else None


def _titled_of(person: Mention, span, prep, index) -> list[Fact]:
    """ "X of Y": X belongs to Y; with a leader's title before the name ("President X of
    Chile", "Mayor X of Lyon", "Chairman X of Acme") X leads Y."""
    run, _ = _title_run(span[0], index)
    head = _title_head(run) if run else (person.title_word or "").lower()
    facts = []
    for pobj in prep.children:
        if pobj.dep_ != "pobj" or not (org := index.of_phrase(pobj, BODY)):
            continue
        if head in LEADER_HEADS and _leads(head, org):
            facts.append(Fact(person.span, "leaderOf", org.span, person.sentence, "title-person-of", 0.7))
        else:
            facts.append(Fact(person.span, "memberOf", org.span, person.sentence, "person-of-organization", 0.6))
    return facts


def _clause_facts(person: Mention, root, index) -> list[Fact]:
    """Roles the clause of a name states: "X served as mayor of Y", "X is the foreign
    minister", "X, who is the foreign minister, ..."."""
    facts = []
    # "X served as mayor of Y", "X became a coach", "X was elected a member of Y".
    if root.dep_ in ("nsubj", "nsubjpass") and not _negated(root.head):
        verb = root.head
        nouns = [p for _, p in _preps(verb, ("as",))]
        # "Y named X her deputy": with an object, the role is the object's
        if not (verb.lemma_.lower() in APPOINT_VERBS and any(c.dep_ == "dobj" for c in verb.children)):
            nouns += [c for c in verb.children if c.dep_ in ("attr", "oprd") and verb.lemma_ != "be"]
        for noun in nouns:
            if _is_role_noun(noun, index):
                facts += _role_facts(person, noun, person.sentence, "verb-role", index)
    if root.dep_ == "dobj" and root.head.lemma_.lower() in APPOINT_VERBS and not _negated(root.head):
        facts += _appointed_facts(person, root.head, index)
    # "X is the foreign minister", "X, who is the foreign minister, ...".
    copulas = [root.head] if root.dep_ == "nsubj" else []
    copulas += list(_relative_clauses(root))
    for verb in copulas:
        if verb.lemma_ != "be" or _negated(verb):
            continue
        for child in verb.children:
            if child.dep_ == "attr" and _is_role_noun(child, index):
                for noun in _with_conjuncts(child):  # "X is a singer and actor"
                    if _is_role_noun(noun, index):
                        facts += _role_facts(person, noun, person.sentence, "copula-role", index)
    return facts


def _appointed_facts(person: Mention, verb, index) -> list[Fact]:
    """ "Y appointed X as its director", "the board named X chief executive": the role
    X is given, and X leads or belongs to the body the role names or, when it names none,
    to Y, the verb's subject."""
    nouns = [p for _, p in _preps(verb, ("as",))] + [c for c in verb.children if c.dep_ in ("oprd", "attr")]
    facts = []
    for noun in nouns:
        if not _is_role_noun(noun, index):
            continue
        found = _role_facts(person, noun, person.sentence, "appointed-role", index)
        facts += found
        if any(f.predicate in ("leaderOf", "memberOf") for f in found):
            continue
        lemma = _leading_word(noun, noun.lemma_.lower())
        for subject, _ in _arguments(verb, index)[0]:
            if subject.kind == "Person" or subject.span == person.span:
                continue  # "Jane Roe named X her deputy" says nothing of a body
            if lemma in LEADER_HEADS and _leads(lemma, subject):
                facts.append(Fact(person.span, "leaderOf", subject.span, person.sentence, "appointed-by-leader", 0.7))
            elif lemma in MEMBER_HEADS or lemma in LEADER_HEADS:
                facts.append(Fact(person.span, "memberOf", subject.span, person.sentence, "appointed-by-member", 0.6))
    return facts


def _organization_facts(sdoc, org: Mention, index) -> list[Fact]:
    """ "Y is a member of Z", "Y, a unit of Z", "the Y branch of Z": an organisation that
    belongs to another."""
    span = span_of(sdoc, org)
    if span is None:
        return []
    root = span.root
    nouns = [c for c in root.children if c.dep_ == "appos"] + _listed_nouns(root)
    if root.dep_ == "compound" and root.head.lemma_.lower() in PART_NOUNS:
        nouns.append(root.head)  # "the Y branch of Z"
    subject = _first_conjunct(root)  # "X and Y are members of Z"
    if subject.dep_ == "nsubj" and subject.head.lemma_ == "be" and not _negated(subject.head):
        nouns += [c for c in subject.head.children if c.dep_ == "attr"]
    facts = []
    for noun in nouns:
        if index.at(noun) is not None:
            continue
        if noun.lemma_.lower() in PART_NOUNS:
            for other, how in _of_organizations(noun, index, ("of",)):
                if other.span != org.span:
                    facts.append(Fact(org.span, "memberOf", other.span, org.sentence, "organization-part", 0.7))
        # "Y is a football club from Z", "Y, a bank in Z": what the organisation is, and where.
        if noun.pos_ == "NOUN":
            for _, pobj in _preps(noun, ("in", "from")):
                facts += [Fact(org.span, "location", place.span, org.sentence, "organization-noun-place", 0.6)
                          for place in _places(pobj, index)]
        # "Y, a Stockholm investment bank": a place named in the class noun
        if noun.lemma_.lower() in ORG_CLASS_NOUNS and org.kind != "Place":
            facts += [Fact(org.span, "location", place.span, org.sentence, "organization-noun-place", 0.6)
                      for c in noun.children if c.dep_ in ("compound", "nmod") and (place := index.at(c, ("Place",)))]
    return facts


def _first_conjunct(token):
    """The first name of the list TOKEN is in ("Kenya" for "Uganda" in "Kenya, Tanzania
    and Uganda"), or TOKEN."""
    while token.dep_ == "conj" and token.head.i < token.i:
        token = token.head
    return token


def _listed_nouns(root) -> list:
    """ "Kenya, Tanzania and Uganda, members of Y": the plural noun in apposition to a list
    also describes the list's later names."""
    first = _first_conjunct(root)
    if first is root:
        return []
    return [c for c in first.children if c.dep_ == "appos" and c.tag_ == "NNS" and c.i > root.i]


def _arguments(verb, index):
    """(subjects, objects) of VERB as (mention, via-pronoun) pairs and mentions; a passive's
    agent is its subject; a verb with no subject of its own takes the one of the verb it is
    coordinated with ("X arrived and met Y") or governed by ("X agreed to meet Y"), or that
    verb's object ("X urged Y to meet Z")."""
    subjects, objects = [], []
    for child in verb.children:
        for tok in _with_conjuncts(child):
            if child.dep_ in ("nsubj",):
                subjects.append(index.agent(tok))
            elif child.dep_ == "agent":
                subjects += [(index.of_phrase(p, AGENT_KINDS), False) for p in tok.children if p.dep_ == "pobj"]
            elif child.dep_ in ("dobj", "nsubjpass"):
                objects.append(index.of_phrase(tok, None) or index.agent(tok)[0])
            elif child.dep_ == "prep" and child.lower_ in ("with", "against", "in", "to", "on", "at", "for"):
                # "met with Y", "took part in Y": people, organisations and events only;
                # "arrested in Belgium" is where, not whom.
                objects += [index.of_phrase(p, AGENT_KINDS + ("Event",)) for p in tok.children if p.dep_ == "pobj"]
            elif child.dep_ == "prep" and child.lower_ in ("during", "throughout"):
                objects += [index.of_phrase(p, ("Event",)) for p in tok.children if p.dep_ == "pobj"]
    subjects += _listed_before(verb, index)
    if not subjects:
        governor = _governing_verb(verb)
        controller = [c for c in governor.children if c.dep_ == "dobj"] if governor is not None \
            and verb.dep_ == "xcomp" else []
        if controller:  # "X urged Y to join Z": Y joins, not X
            subjects = [index.agent(t) for c in controller for t in _with_conjuncts(c)]
        elif governor is not None:
            subjects, _ = _arguments(governor, index)
    return [s for s in subjects if s[0]], [o for o in objects if o and o.kind != "Date"]


def _listed_before(verb, index) -> list[tuple[Mention, bool]]:
    """ "X, Y and Z signed": the parser often hangs the first name of a list of subjects
    on the verb as a bare noun phrase; it is a subject when the list's own subject ("Y
    and Z") follows it after a comma."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.conjuncts]
    found = []
    for child in verb.children:
        if child.dep_ == "npadvmod" and subjects and child.i < subjects[0].i \
                and child.nbor(1).text == "," and (person := index.at(child, AGENT_KINDS)):
            found.append((person, False))
    return found


def _governing_verb(verb):
    """The verb whose subject a subjectless VERB shares: "X arrived and met Y" (conj),
    "X agreed to meet Y" (xcomp), "X moved, playing for Y" (participle), "X left before
    joining Y" (a preposition's clause)."""
    head = verb.head
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        head = head.head
    elif verb.dep_ == "advcl" and verb.tag_ not in ("VBG", "VBN"):
        return None  # "when Y arrived": a clause of its own, whose subject may be missing
    elif verb.dep_ not in ("conj", "xcomp", "advcl"):
        return None
    return head if head.pos_ in ("VERB", "AUX") and head.i != verb.i else None


def _preps(token, words):
    """(preposition, object token) pairs under TOKEN for the prepositions WORDS, with the
    conjuncts of each object ("in Paris and Lyon")."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in words:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    for conj in _with_conjuncts(pobj):
                        yield child.lower_, conj


def _passive_subjects(verb, index) -> list[tuple[Mention, bool]]:
    return [index.agent(t, BODY + ("Event",)) for c in verb.children if c.dep_ == "nsubjpass"
            for t in _with_conjuncts(c)]


def _verb_facts(sdoc, index) -> list[Fact]:
    facts = []
    for verb in tokens(sdoc):
        if verb.pos_ != "VERB" or _negated(verb) or verb.lower_ in PREPOSITION_PARTICIPLES:
            continue  # negated: "X did not attend Y" is not the fact "X attended Y"
        subjects, objects = _arguments(verb, index)
        lemma = verb.lemma_.lower()
        sent = index.sentence(verb)
        # "won a medal at Y", "finished ninth in the final at Y": an event reached through
        # the object noun or a chain of prepositions.
        objects += [m for m in _events_below(verb, index) if m not in objects]
        for (subj, via_pronoun) in subjects:
            penalty = PRONOUN_PENALTY if via_pronoun else 0.0
            suffix = "+pronoun" if via_pronoun else ""
            for obj in objects:
                if obj.span == subj.span:
                    continue
                if obj.kind == "Event":
                    facts.append(Fact(subj.span, "participatedIn", obj.span, sent, "verb-event" + suffix,
                                      0.6 - penalty, relation=lemma))
                    continue
                facts += _verb_reading(verb, lemma, subj, obj, sent, suffix, penalty, index)
        facts += _passive_facts(verb, lemma, sent, index)
        facts += _place_parties(verb, lemma, [o for o in objects if o.kind == "Event"], sent, index)
        facts += _object_parties(verb, lemma, sent, index)
        if lemma in EMPLOY_VERBS:
            facts += _for_a_place_name(verb, lemma, subjects, sent, index)
    return facts


def _for_a_place_name(verb, lemma: str, subjects, sent: int, index) -> list[Fact]:
    """ "X scored for Vardby", "X played for Tarnow" where NER took the club for a place:
    membership only (no kg:relatedTo), kept if resolution makes the name an organisation."""
    bodies = [m for _, p in _preps(verb, ("for",)) if (m := index.at(p, ("Place",)))]
    return [Fact(s.span, "memberOf", b.span, sent, "verb-employ" + ("+pronoun" if via else ""),
                 0.6 - (PRONOUN_PENALTY if via else 0.0), relation=lemma)
            for s, via in subjects for b in bodies if s.span != b.span]


def _object_parties(verb, lemma: str, sent: int, index) -> list[Fact]:
    """ "X beat Y in the final", "police arrested Y at the rally": the object of a verb
    whose preposition phrase is an event took part in it too."""
    events = [e for _, p in _preps(verb, ("in", "at", "during")) if (e := index.at(p, ("Event",)))]
    if not events:
        return []
    parties = [m for c in verb.children if c.dep_ == "dobj" for t in _with_conjuncts(c)
               if (m := index.of_phrase(t, AGENT_KINDS))]
    return [Fact(m.span, "participatedIn", e.span, sent, "verb-object-event", 0.5, relation=lemma)
            for m in parties for e in events if m.span != e.span]


_COUNTS = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5}


def _counted_countries(noun, index, mentions: list[Mention]) -> list[Mention]:
    """The countries "both countries", "the two nations" or "all three countries" stand
    for: the countries the text named before, when there are exactly that many; [] else."""
    if noun.lemma_.lower() not in ("country", "nation") or noun.tag_ != "NNS":
        return []
    count = next((_COUNTS[c.lower_] for c in noun.children if c.lower_ in _COUNTS), None)
    if count is None:
        return []
    named: dict[str, Mention] = {}
    for m in mentions:
        if m.kind == "Place" and m.end <= noun.idx and (name := country(m.text)):
            named[name] = m
    return list(named.values()) if len(named) == count else []


def _group_facts(sdoc, index, mentions: list[Mention]) -> list[Fact]:
    """What "both countries" or "all three countries" are or do, for each country: members
    ("Both countries are members of Y", "the bloc to which all three countries belong"),
    parties to an event ("the two countries signed an agreement")."""
    facts = []
    for noun in tokens(sdoc):
        if noun.dep_ != "nsubj" or not (places := _counted_countries(noun, index, mentions)):
            continue
        verb, sent = noun.head, index.sentence(noun)
        if _negated(verb):
            continue
        bodies = []
        if verb.lemma_ == "be":
            bodies = [org for a in verb.children if a.dep_ == "attr" and a.lemma_.lower() in PART_NOUNS
                      for org, _ in _of_organizations(a, index, ("of",))]
        elif verb.lemma_.lower() in ("belong", *JOIN_VERBS):
            targets = [p for _, p in _preps(verb, ("to",))] + [c for c in verb.children if c.dep_ == "dobj"]
            bodies = [m for t in targets if (m := _body_or_antecedent(t, verb, index))]
        events = [o for o in _arguments(verb, index)[1] if o.kind == "Event"]
        facts += [Fact(p.span, "memberOf", b.span, sent, "counted-countries-member", 0.6) for p in places for b in bodies]
        facts += [Fact(p.span, "participatedIn", e.span, sent, "counted-countries-event", 0.6, relation=verb.lemma_.lower())
                  for p in places for e in events]
    return facts


def _body_or_antecedent(token, verb, index) -> Mention | None:
    """The organisation TOKEN names, or, for a relative "which", the one the relative
    clause of VERB describes ("the bloc to which ... belong": the bloc's name)."""
    if token.tag_ == "WDT" and verb.dep_ == "relcl":
        return index.described(verb.head, ("Organization",))
    return index.of_phrase(token, ("Organization",))


def _place_parties(verb, lemma: str, events: list[Mention], sent: int, index) -> list[Fact]:
    """ "Chile and Vietnam signed an agreement": a country or city that is the subject of
    a verb with an event object took part in it (kg:participatedIn may start at a place)."""
    if not events:
        return []
    places = [m for c in verb.children if c.dep_ == "nsubj" for t in _with_conjuncts(c)
              if (m := index.at(t, ("Place",)))]
    return [Fact(p.span, "participatedIn", e.span, sent, "verb-event", 0.6, relation=lemma)
            for p in places for e in events if p.span != e.span]


def _verb_reading(verb, lemma: str, subj: Mention, obj: Mention, sent: int, suffix: str,
                  penalty: float, index) -> list[Fact]:
    """What "SUBJ <verb> OBJ" states, whatever NER took them for: membership for hiring,
    joining and working verbs, leadership for leading verbs, and always the verb itself
    as kg:relatedTo, which kg.graph keeps only when no other fact between the two is
    asserted from the sentence (after resolution, by their final kinds)."""
    facts = []
    if lemma in HIRE_VERBS:
        facts.append(Fact(obj.span, "memberOf", subj.span, sent, "verb-hire" + suffix, 0.6 - penalty, relation=lemma))
    if lemma in LEAD_VERBS:
        facts.append(Fact(subj.span, "leaderOf", obj.span, sent, "verb-lead" + suffix, 0.7 - penalty))
    if lemma in JOIN_VERBS:
        facts.append(Fact(subj.span, "memberOf", obj.span, sent, "verb-join" + suffix, 0.7 - penalty))
    if lemma in EMPLOY_VERBS and _via_prep(verb, obj, index):
        facts.append(Fact(subj.span, "memberOf", obj.span, sent, "verb-employ" + suffix, 0.6 - penalty, relation=lemma))
    if lemma not in LIGHT_VERBS:
        facts.append(Fact(subj.span, "relatedTo", obj.span, sent, "subject-verb-object" + suffix,
                          0.6 - penalty, relation=lemma))
    return facts


def _events_below(verb, index, depth: int = 3) -> list[Mention]:
    """Events named under VERB's object noun or its nested preposition phrases
    ("finished ninth in the men's event at Y"), DEPTH prepositions deep at most."""
    found, frontier = [], [c for c in verb.children if c.dep_ == "dobj" and index.at(c) is None]
    frontier += [p for _, p in _preps(verb, ("at", "in", "during")) if index.at(p) is None]
    for _ in range(depth):
        following = []
        for noun in frontier:
            for _, pobj in _preps(noun, ("at", "in", "during")):
                if mention := index.at(pobj, ("Event",)):
                    found.append(mention)
                elif index.at(pobj) is None:
                    following.append(pobj)
        frontier = following
    return found


def _via_prep(verb, obj: Mention, index) -> bool:
    """OBJ is the object of one of VERB's employment prepositions ("played for Y")."""
    return any(index.at(p) == obj for _, p in _preps(verb, EMPLOY_PREPS))


def _passive_facts(verb, lemma: str, sent: int, index) -> list[Fact]:
    """Passives without an agent: "X was killed in Y" (X took part in event Y), "X was
    appointed to Y" (member), "Y is based in Z" / "Y was held in Z" (location)."""
    if not any(c.dep_ == "nsubjpass" for c in verb.children):
        return []
    facts = []
    for subj, via_pronoun in _passive_subjects(verb, index):
        if subj is None:
            continue
        penalty = PRONOUN_PENALTY if via_pronoun else 0.0
        for prep, pobj in _preps(verb, ("in", "at", "to", "by", "during", "into")):
            target = index.of_phrase(pobj, BODY + ("Event",))  # the kind is checked after resolution
            if target is None or target.span == subj.span:
                continue
            if subj.kind in BODY and target.kind == "Event" and prep != "by":
                facts.append(Fact(subj.span, "participatedIn", target.span, sent, "passive-event",
                                  0.6 - penalty, relation=lemma))
            elif target.kind != "Event" and lemma in EMPLOY_VERBS and prep != "by":
                facts.append(Fact(subj.span, "memberOf", target.span, sent, "passive-employ",
                                  0.6 - penalty, relation=lemma))
            elif target.kind != "Event" and prep in ("in", "at") and (
                    subj.kind != "Event" and lemma in BASED_WORDS
                    or subj.kind == "Event" and lemma in HAPPEN_VERBS):
                facts.append(Fact(subj.span, "location", target.span, sent, "passive-location", 0.7))
    return facts


def _location_facts(sdoc, index) -> list[Fact]:
    """Where an organisation is or an event happens, from phrases around it: "a company
    based in Z" and "Z-based Y" (participles), "Y took place in Z" (intransitive verbs)."""
    facts = []
    for token in tokens(sdoc):
        lemma = token.lemma_.lower()
        sent = index.sentence(token)
        if lemma in BASED_WORDS and token.tag_ == "VBN":
            owners = _described(token, index)
            # "Z-based Y": the place is written before the hyphen.
            if token.i >= 2 and token.nbor(-1).text == "-" and (place := index.at(token.nbor(-2), ("Place",))):
                facts += [Fact(o.span, "location", place.span, sent, "place-based", 0.7) for o in owners]
            if token.dep_ in ("acl", "amod", "relcl", "advcl"):
                places = [m for _, p in _preps(token, ("in", "at")) for m in _places(p, index) or _named_place(p, index)]
                facts += [Fact(o.span, "location", p.span, sent, "based-in", 0.7) for o in owners for p in places]
            facts += _based_where(token, sent, index)
        # "the union's offices in Oslo", "Acme's headquarters in Z": where the body sits
        if lemma in SEAT_NOUNS and token.pos_ == "NOUN":
            owners = [m for c in token.children if c.dep_ == "poss" and (m := index.referred(c, ("Organization",)))]
            # the place whatever NER called it: the graph keeps the fact if it ends a place
            places = [m for _, p in _preps(token, ("in", "at")) if (m := index.at(p, BODY))]
            facts += [Fact(o.span, "location", p.span, sent, "seat-in", 0.7) for o in owners for p in places
                      if o.span != p.span]
        # "The summit took place in Z", "the war began in Z": an event subject of a happening verb.
        if token.pos_ == "VERB" and lemma in HAPPEN_VERBS and not _negated(token):
            events = [index.at(t, ("Event",)) for c in token.children if c.dep_ == "nsubj"
                      for t in _with_conjuncts(c)]
            places = [m for _, p in _preps(token, ("in", "at")) if (m := index.at(p, ("Place",)))]
            facts += [Fact(e.span, "location", p.span, sent, "event-verb-place", 0.6)
                      for e in events if e for p in places]
    return facts


def _named_place(token, index) -> list[Mention]:
    """The one place a place noun phrase names: "the town of Paisley" (Paisley), "the
    Lisbon suburb of Amadora" (Amadora), "the Caylloma province" (Caylloma)."""
    if token.lemma_.lower() not in PLACE_CLASS_NOUNS or not token.is_lower:
        return []
    inner = [m for c in token.children if c.dep_ in ("compound", "nmod") and (m := index.at(c, BODY))]
    outer = [m for _, p in _preps(token, ("of",)) if not p.conjuncts and (m := index.at(p, BODY))]
    if outer and (not inner or country(outer[0].text) is None):
        return outer[:1]
    return inner[:1]


def _based_where(participle, sent: int, index) -> list[Fact]:
    """ "in Cologne, where the club is based": the body based where the place is."""
    if participle.dep_ != "relcl" or not any(c.lower_ == "where" for c in participle.children):
        return []
    place = index.at(participle.head, ("Place",))
    owners = [m for c in participle.children if c.dep_ in ("nsubjpass", "nsubj")
              and (m := index.at(c, BODY) or index.referred(c, ("Organization",)))]
    return [Fact(o.span, "location", place.span, sent, "based-where", 0.7) for o in owners if place and o != place]


def _described(participle, index) -> list[Mention]:
    """The organisations a participle describes: "Acme, (a company) based in Z", "Z-based Acme"."""
    noun = participle.head
    found = index.of_phrase(noun, BODY)
    if found is None and noun.dep_ == "appos":
        found = index.at(noun.head, BODY)
    if found is None and participle.dep_ == "relcl":
        found = index.at(noun, BODY)
    if found is None:  # "The club, based in Z", "the Z-based group": a body named before
        found = index.referred(noun, ("Organization",))
    if found is None:
        # "Acme is a Z-based company": the organisation is the copula's subject.
        head = noun.head
        if noun.dep_ == "attr" and head.lemma_ == "be":
            found = next((m for c in head.children if c.dep_ == "nsubj"
                          and (m := index.of_phrase(c, BODY))), None)
    return [found] if found else []


def _org_place_facts(sdoc, mentions: list[Mention], index) -> list[Fact]:
    """ "Acme, a firm in Z ...", "the University of Y in Z": a place attached to an
    organisation's name by "in". Not when the name is itself a preposition's object
    ("a member of Y in Z"), where "in Z" more often qualifies the whole phrase; "Y of Z"
    is left alone, since NER often cuts "of Z" off a longer name."""
    facts = []
    for org in mentions:
        if org.kind not in ("Organization", "Place"):
            continue
        span = span_of(sdoc, org)
        if span is None:
            continue
        if span.root.dep_ == "pobj" and span.root.head.lower_ == "of":
            continue
        for prep, pobj in _preps(span.root, ("in",)):
            for place in _places(pobj, index):
                if not (org.start <= place.start < org.end):
                    facts.append(Fact(org.span, "location", place.span, org.sentence, "organization-prep-place", 0.5))
        # "Ecuador's Constitutional Court", "Kenya's biggest bank, X": a place owns the body
        if org.kind == "Organization" and org.text.split()[0].lower() not in TITLE_WORDS:  # not "Minister of X"
            facts += [Fact(org.span, "location", place.span, org.sentence, "place-possessive", 0.6)
                      for place in _owners(span.root, index)]
    return facts


def _owners(root, index) -> list[Mention]:
    """The places a name's possessor names: "Ecuador's X"; "Peru's Red Cross director, X"
    is about X (a possessor of a role noun, not of the name)."""
    return [m for c in root.children if c.dep_ == "poss" and (m := index.at(c, ("Place",)))]


def _place_facts(sdoc, place: Mention, index) -> list[Fact]:
    """ "Tampere, Finland", "Tampere, in the Pirkanmaa region", "Hampden Park in Glasgow":
    the larger place written right after a place, in apposition or after its own "in",
    contains it."""
    span = span_of(sdoc, place)
    if span is None:
        return []
    root, wider = span.root, []
    for child in root.children:
        if child.dep_ in ("appos", "npadvmod") and (m := index.at(child, ("Place",))):
            wider.append(m)
        elif child.dep_ in ("appos", "conj") and child.lemma_.lower() in PLACE_CLASS_NOUNS and index.at(child) is None \
                and (child.dep_ == "appos" or sdoc[span.end].text == "," and child.left_edge.i == span.end + 1):
            # "Accra, Ghana's capital" parsed as a list: the place noun right after the comma
            facts = _class_noun_places(place, child, index)
            wider += [m for m in facts if m.span != place.span]
        if child.dep_ == "prep" and child.lower_ == "in" and (
                child.i == span.end or child.i == span.end + 1 and sdoc[span.end].text == ","):
            for pobj in (p for p in child.children if p.dep_ == "pobj"):
                m = index.at(pobj, ("Place",)) or next(
                    (index.at(c, ("Place",)) for c in pobj.children if c.dep_ == "compound" and index.at(c, ("Place",))), None)
                if m:
                    wider.append(m)
    return [Fact(place.span, "location", m.span, place.sentence, "place-in-place", 0.7)
            for m in wider if m.span != place.span]


def _class_noun_places(place: Mention, noun, index) -> list[Mention]:
    """The places that contain PLACE by the place noun in apposition to it: "Accra, Ghana's
    capital", "Chivay, a town in the Caylloma province", "Faenza, a town of 58,000 in the
    province of Ravenna" (every place of a list: "a port in Tanga and Mombasa" is none)."""
    found = [m for c in noun.children if c.dep_ == "poss" and (m := index.at(c, ("Place",)))]
    for _, pobj in _preps(noun, ("in", "of")):
        if pobj.conjuncts:
            continue
        found += _place_phrase(pobj, index)
    return found


def _place_phrase(token, index, kinds=("Place",)) -> list[Mention]:
    """The place a phrase headed by TOKEN names: "Ravenna", "the Caylloma province", "the
    province of Ravenna", "the Arequipa region of Peru" (both, inner first). A name the
    place noun qualifies is taken whatever NER called it: resolution settles its kind, and
    the graph keeps the fact only if it ends a place."""
    if place := index.at(token, kinds):
        return [place]
    if token.lemma_.lower() not in PLACE_CLASS_NOUNS:
        return []
    inner = [m for c in token.children if c.dep_ in ("compound", "nmod") and (m := index.at(c, BODY))]
    outer = [m for _, p in _preps(token, ("of",)) if not p.conjuncts for m in _place_phrase(p, index, BODY)]
    return inner[:1] + outer[:1]


def _class_noun_facts(sdoc, index) -> list[Fact]:
    """ "the Caylloma province of the Arequipa region", "the Lombardy region of Italy": a
    place noun between two places, the first named in it, the second after its "of"
    contains it; but "the Lisbon suburb of Amadora" names the suburb after "of" (a bare
    name that is no country): Amadora is in Lisbon."""
    facts = []
    for token in tokens(sdoc):
        if token.pos_ != "NOUN" or token.lemma_.lower() not in PLACE_CLASS_NOUNS:
            continue
        places = _place_phrase(token, index)
        inner = [m for c in token.children if c.dep_ in ("compound", "nmod") and (m := index.at(c, BODY))]
        if len(places) != 2 or not inner or places[0].span == places[1].span:
            continue
        outer = next(p for _, p in _preps(token, ("of",)) if not p.conjuncts)
        if index.at(outer) is not None and country(places[1].text) is None:
            places.reverse()
        facts.append(Fact(places[0].span, "location", places[1].span, index.sentence(token),
                          "place-noun-of-place", 0.7))
    return facts


def _places(token, index) -> list[Mention]:
    """The place TOKEN names and the wider places written after it in apposition
    ("in Lakefield, Ontario", "in Sacramento, California")."""
    place = index.at(token, ("Place",))
    if place is None:
        return []
    found = [place]
    for child in token.children:
        if child.dep_ in ("appos", "conj", "npadvmod") and (wider := index.at(child, ("Place",))):
            if wider.span != place.span:
                found.append(wider)
    return found


def facts(sdoc, mentions: list[Mention]) -> list[Fact]:
    """Every fact of one document, in a stable order.

    >>> facts(nlp("President Jane Doe met John Roe."), mentions)  # doctest: +SKIP
    [Fact(subject=(10, 18), predicate='hasRole', obj='President', ...), ...]
    """
    index = MentionIndex(sdoc, mentions)
    found: list[Fact] = []
    for mention in mentions:
        # NER's kind only chooses which rules look at a name; resolution may retype it.
        if mention.kind in ("Person", "Organization") or set(mention.cues) & _PERSON_CUES:
            found += _person_facts(sdoc, mention, index)  # "Morland, 47, ..." that NER called a place
        if mention.kind in BODY:
            found += _organization_facts(sdoc, mention, index)
        if mention.kind == "Place" or "is-place" in mention.cues:
            found += _place_facts(sdoc, mention, index)
    found += _pronoun_clause_facts(sdoc, index)
    found += _verb_facts(sdoc, index)
    found += _location_facts(sdoc, index)
    found += _org_place_facts(sdoc, mentions, index)
    found += _class_noun_facts(sdoc, index)
    found += _group_facts(sdoc, index, mentions)
    unique = {(f.subject, f.predicate, f.obj, f.sentence, f.method): f for f in found}
    return [unique[k] for k in sorted(unique, key=str)]
