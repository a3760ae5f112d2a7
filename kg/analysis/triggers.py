"""The inventory of event types and the words that state them (contract v2, kg:eventType).

    verb_type(token) -> str | None       "bought" -> "acquisition", "took over" -> "acquisition"
    noun_type(word) -> str | None        "quake" -> "disaster", "summit" -> "meeting"
    canonical(word) -> str               "quake" -> "earthquake", "takeover" -> "acquisition"
    anaphor_types(word) -> frozenset     what a bare "the deal" may refer back to
    verb_roles(lemma) -> (subject role, object role)
    participation_role(lemma) -> str     the argumentRole of "X won / hosted / attended E"

The lists are written here by hand, one block per type, from English news usage. A
lexical resource was the first choice, but WordNet's PyPI distributions either fetch
their data at run time (`wn`) or ship no English data, and kg downloads nothing; a
hand list per type is also what lets "strike" stay out (a labour strike, a missile
strike and an earthquake striking are three types). Every word is generic English:
nothing here names an entity.

| type | verbs (lemma) | nouns |
| --- | --- | --- |
| acquisition | acquire, buy, purchase, take over, merge, bid for | acquisition, takeover, buyout, merger, purchase |
| election | elect, re-elect | election, vote, ballot, referendum, primary, runoff, by-election |
| meeting | meet (with a date or place) | summit, meeting, conference, talks, forum, congress, convention, gathering, visit |
| agreement | sign (a treaty) | agreement, treaty, accord, pact, ceasefire, truce, declaration, deal |
| competition | beat, defeat, host (a final) | match, final, tournament, championship, cup, game(s), race, marathon, olympics |
| attack | attack, bomb, shell, raid, invade, assassinate, ambush, storm | attack, bombing, assassination, massacre, shooting, raid, invasion, airstrike |
| protest | protest, demonstrate, riot, revolt | protest, demonstration, uprising, revolt, rebellion, riot, revolution, march, rally, boycott |
| disaster | erupt | earthquake, quake, flood, hurricane, storm, wildfire, eruption, tsunami, pandemic, crash … |
| trial | try, convict, acquit, sentence, indict, prosecute, sue | trial, hearing, retrial, lawsuit, verdict, indictment, prosecution |
| launch | launch (a rocket, a satellite), lift off, blast off | launch, liftoff, spaceflight |
| appointment | appoint, name (as), nominate, install, swear in, inaugurate | appointment, nomination, inauguration, swearing-in |
| death | die, pass away | death, funeral |
| other | | an event NER names whose head is none of these ("the Winter Festival") |
"""

from __future__ import annotations

TYPES = ("acquisition", "election", "meeting", "agreement", "competition", "attack", "protest",
         "disaster", "trial", "launch", "appointment", "death", "other")


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


# Verb lemmas that state an event of their type. "take over", "pass away", "swear in",
# "lift off" and "blast off" are read with their particle (PHRASAL).
VERBS: dict[str, str] = {
    **dict.fromkeys(_words("acquire buy purchase merge"), "acquisition"),
    **dict.fromkeys(_words("elect re-elect reelect"), "election"),
    **dict.fromkeys(_words("meet"), "meeting"),
    **dict.fromkeys(_words("beat defeat"), "competition"),
    **dict.fromkeys(_words("attack bomb shell raid invade assassinate ambush"), "attack"),
    **dict.fromkeys(_words("protest demonstrate riot revolt"), "protest"),
    **dict.fromkeys(_words("erupt"), "disaster"),
    **dict.fromkeys(_words("convict acquit indict prosecute sue"), "trial"),
    **dict.fromkeys(_words("launch"), "launch"),
    **dict.fromkeys(_words("appoint nominate install inaugurate"), "appointment"),
    **dict.fromkeys(_words("die"), "death"),
}
PHRASAL: dict[tuple[str, str], str] = {
    ("take", "over"): "acquisition", ("bid", "for"): "acquisition",
    ("pass", "away"): "death", ("swear", "in"): "appointment",
    ("lift", "off"): "launch", ("blast", "off"): "launch",
    ("name", "as"): "appointment", ("try", "for"): "trial",
}

# Nouns that name an event of their type, singular; each maps to its canonical word,
# so "the quake" joins "the earthquake" but not "the flood".
_NOUNS: dict[str, dict[str, str]] = {
    "acquisition": {w: "acquisition" for w in _words("acquisition takeover buyout merger purchase")},
    "election": {**{w: "election" for w in _words("election ballot primary runoff by-election poll")},
                 "referendum": "referendum", "vote": "election"},
    "meeting": {w: "meeting" for w in _words(
        "summit meeting conference talks forum congress convention gathering visit session")},
    "agreement": {w: "agreement" for w in _words("agreement treaty accord pact ceasefire truce declaration")},
    "competition": {w: "match" for w in _words(
        "match final semifinal semi-final quarterfinal quarter-final game games race marathon derby "
        "tournament championship championships cup olympics contest")},
    "attack": {**{w: "attack" for w in _words(
        "attack attacks bombing assassination massacre shooting raid airstrike ambush assault "
        "offensive invasion coup")}, "war": "war"},
    "protest": {w: "protest" for w in _words(
        "protest protests demonstration demonstrations uprising uprisings revolt rebellion riot riots "
        "revolution march rally boycott strike strikes walkout crackdown")},
    "disaster": {**{w: "earthquake" for w in _words("earthquake quake tremor")},
                 **{w: "flood" for w in _words("flood floods flooding")},
                 **{w: "storm" for w in _words("hurricane typhoon cyclone storm tornado blizzard")},
                 **{w: "fire" for w in _words("wildfire fire blaze")},
                 **{w: w for w in _words("eruption tsunami landslide drought famine avalanche heatwave "
                                         "explosion crash derailment collision")},
                 **{w: "epidemic" for w in _words("pandemic epidemic outbreak")}},
    "trial": {w: "trial" for w in _words("trial retrial hearing lawsuit verdict indictment prosecution")},
    "launch": {w: "launch" for w in _words("launch liftoff lift-off spaceflight")},
    "appointment": {w: "appointment" for w in _words("appointment nomination inauguration swearing-in")},
    "death": {w: "death" for w in _words("death funeral")},
    "other": {w: w for w in _words("ceremony festival scandal crisis execution executions")},
}
NOUNS: dict[str, str] = {word: kind for kind, words in _NOUNS.items() for word in words}
_CANONICAL: dict[str, str] = {word: canon for words in _NOUNS.values() for word, canon in words.items()}

# Nouns that refer back to an event of several possible types ("the deal" after "agreed
# to buy"), never naming one on their own.
ANAPHORS: dict[str, frozenset[str]] = {
    "deal": frozenset({"acquisition", "agreement"}),
    "transaction": frozenset({"acquisition"}),
    "incident": frozenset({"attack", "disaster"}),
    "tragedy": frozenset({"attack", "disaster", "death"}),
    "disaster": frozenset({"disaster"}),
    "accident": frozenset({"disaster"}),
    "operation": frozenset({"attack", "launch"}),
    "mission": frozenset({"launch"}),
    "case": frozenset({"trial"}),
    "event": frozenset(TYPES),
}

# Arguments of a trigger verb: the role of its subject and of its object. Verbs whose
# subject undergoes the event ("X died") or whose arguments all take part alike ("X met Y",
# "X merged with Y") are listed; every other trigger verb has an agent subject and a
# patient object ("Acme bought Globex", "X attacked Y", "the board appointed X").
_SUBJECT_OBJECT: dict[str, tuple[str, str]] = {
    "die": ("patient", "patient"), "meet": ("participant", "participant"),
    "merge": ("participant", "participant"), "erupt": ("patient", "patient"),
    "protest": ("agent", "participant"), "demonstrate": ("agent", "participant"),
}

# The argumentRole of the subject of "X won / hosted / attended E" (facts that name the
# event by a noun, read by kg.analysis.relations): did it, or only took part.
_AGENT_VERBS = _words(
    "win beat defeat organise organize host stage hold lead carry conduct launch sponsor convene chair "
    "mount perpetrate commit claim initiate acquire buy")
_PATIENT_VERBS = _words(
    "kill injure wound hit strike affect target devastate destroy displace evacuate arrest "
    "try convict sentence acquit charge indict")


def verb_type(token) -> str | None:
    """The event type a verb TOKEN states, with its particle or preposition for phrasal
    verbs ("took over" -> "acquisition"), or None.

    >>> verb_type(nlp("Acme took over Globex.")[1])  # doctest: +SKIP
    'acquisition'
    """
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ in ("prt", "prep", "advmod") and (kind := PHRASAL.get((lemma, child.lower_))):
            return kind
    return VERBS.get(lemma)


def noun_type(word: str) -> str | None:
    """The event type a noun names ("quakes" -> "disaster"), or None."""
    word = word.lower()
    return NOUNS.get(word) or (NOUNS.get(word[:-1]) if word.endswith("s") else None)


def canonical(word: str) -> str:
    """The word an event noun stands for, so synonyms refer to each other ("quake" ->
    "earthquake"); a word of no type is its own."""
    word = word.lower()
    return _CANONICAL.get(word) or (_CANONICAL.get(word[:-1], word) if word.endswith("s") else word)


def anaphor_types(word: str) -> frozenset[str]:
    """The event types a bare definite noun may refer back to: its own type for an event
    noun, several for "the deal", "the incident"; empty for any other noun."""
    word = word.lower()
    if kind := noun_type(word):
        return frozenset({kind})
    return ANAPHORS.get(word, frozenset())


def verb_roles(lemma: str) -> tuple[str, str]:
    """(role of the subject, role of the object) of a trigger verb."""
    return _SUBJECT_OBJECT.get(lemma, ("agent", "patient"))


def participation_role(lemma: str | None, passive: bool = False) -> str:
    """The argumentRole of a participation read from a verb and an event noun: "agent" for
    "X won / hosted / organised E", "patient" for "X was killed in E" or "E hit X",
    "participant" otherwise ("attended", "took part in", "lost").

    >>> participation_role("host"), participation_role("kill", passive=True), participation_role("attend")
    ('agent', 'patient', 'participant')
    """
    if lemma in _PATIENT_VERBS:
        return "patient"
    if lemma in _AGENT_VERBS and not passive:
        return "agent"
    return "participant"
