"""Generic English word lists: titles, organisation and event head nouns.

Nothing here names an entity; every list applies to news on any topic.
"""

from __future__ import annotations

from functools import lru_cache

# Words that make up a title before a name ("Supreme Leader", "Prime Minister", "Dr").
TITLE_WORDS = frozenset(
    """
    president vice prime minister supreme leader king queen prince princess crown sheikh
    shaikh ayatollah imam mullah pope cardinal bishop archbishop rabbi rev reverend father dr
    doctor mr mrs ms miss mx sir dame lord lady general gen colonel col major maj captain capt
    lieutenant lt sergeant sgt admiral adm marshal brigadier commander cmdr chief chairman
    chairwoman chairperson chair ceo cfo coo cto director secretary senator sen rep
    representative congressman congresswoman governor gov mayor judge justice ambassador deputy
    speaker chancellor premier emperor empress professor prof coach manager founder sultan emir
    emeritus president-elect diplomat spokesman spokeswoman spokesperson lawmaker mp officer
    agent envoy head sheriff attorney prosecutor superintendent commissioner chieftain
    executive treasurer auditor inspector detective cleric patriarch
    """.split()
)

# Modifiers that sit inside a title without being one ("former President", "Foreign Minister").
TITLE_MODIFIERS = frozenset(
    """
    former late acting interim deputy vice assistant associate senior junior first second
    foreign defence defense interior finance justice health education trade economy energy
    state general grand high supreme chief executive managing national regional federal
    """.split()
)

# Head nouns of a title that means leading the organisation it is attached to.
LEADER_HEADS = frozenset(
    """
    leader head chief chairman chairwoman chairperson chair president commander director founder
    ceo secretary-general boss captain king queen emir sultan premier chancellor governor mayor
    """.split()
)

# Heads that lead a team or club when they stand alone ("Riverside manager X", "the club's
# coach, Y", "head coach Z"), not with another word before them ("sales manager").
BARE_LEADER_HEADS = frozenset("manager coach".split())

# Words that make a leader's title a subordinate's: "deputy director", "sporting director",
# "vice president", "finance chief" belong to the body, they do not lead it.
SUBORDINATE_MODIFIERS = frozenset(
    """
    deputy assistant vice associate sporting technical artistic creative finance financial
    marketing sales communications medical research programme program project operating
    """.split()
)

# Titles that lead a country, region or city ("Kenya's president", "the mayor of Lyon");
# other leaders' titles before a place ("its Peru director") lead a body, not the place.
PLACE_LEADER_HEADS = frozenset(
    "leader head president premier governor mayor king queen emir sultan chancellor ruler monarch emperor".split()
)

# Head nouns of a title that means belonging to the organisation it is attached to.
MEMBER_HEADS = frozenset(
    """
    member official spokesman spokeswoman spokesperson minister agent officer employee staffer
    lawmaker deputy representative diplomat envoy ambassador adviser advisor analyst aide
    executive manager operative fighter soldier commander activist supporter founder
    co-founder secretary senator judge economist researcher reporter correspondent editor player
    treasurer director candidate nominee
    """.split()
)

# Last words that make a name an organisation ("Security Council", "Labour Party").
ORG_HEADS = frozenset(
    """
    council organization organisation party ministry corps court agency army force forces
    front movement union committee commission assembly parliament congress senate
    government administration association institute university college foundation company
    corporation inc ltd llc plc group bank fund federation league club team network
    office department bureau service services guard guards brigade brigades police
    bloc alliance coalition academy conservatory orchestra trust
    """.split()
)

# Organisation head nouns that a definite noun of the same group refers back to: "the
# union" after "the Airline Pilots Association".
SAME_HEADS = (
    frozenset("union association federation confederation syndicate guild".split()),
    frozenset("company firm corporation group business".split()),
)

# Plural words that name a party by its members ("the Social Democrats", "the Greens"):
# NER calls them a group (NORP), kg an organisation.
PARTY_PLURALS = frozenset(
    "democrats republicans socialists conservatives liberals greens nationalists communists tories".split())

# Head nouns of events, for noun phrases spaCy's NER leaves unlabelled.
EVENT_NOUNS = frozenset(
    """
    election elections massacre uprising uprisings protest protests revolution war attack
    attacks bombing assassination execution executions trial summit meeting gathering rally
    conference earthquake flood hurricane merger acquisition strike strikes boycott ceremony
    match final tournament championship referendum coup invasion riot riots crackdown
    ceasefire treaty accord agreement negotiations talks festival congress convention
    inauguration funeral hearing scandal crisis pandemic epidemic quake floods flooding
    landslide landslides wildfire wildfires tsunami eruption cyclone typhoon tornado walkout
    declaration pact
    """.split()
)

DETERMINERS = frozenset("the a an this that these those its his her their our my your".split())

# Nouns that class a name as an organisation when they stand before it or in apposition
# ("the state-run daily X", "carmaker X", "X, a charity"): publishers, firms, groups.
ORG_CLASS_NOUNS = frozenset(
    """
    newspaper daily weekly magazine tabloid broadcaster channel outlet publisher website
    agency company firm carmaker automaker airline bank lender insurer retailer supermarket
    chain startup start-up conglomerate manufacturer maker producer brand label group charity
    ngo nonprofit organisation organization party club team side band militia faction
    movement alliance coalition union network operator utility broker fund university
    school hospital court council ministry regulator watchdog
    """.split()
)

# Nouns that class a name as a place ("the capital, X", "the town of X", "X, a port city").
PLACE_CLASS_NOUNS = frozenset(
    """
    capital city town village province region state county district country island port
    suburb neighbourhood neighborhood municipality prefecture territory valley
    """.split()
)

# Words that make a name a place's: last words ("Ottawa National Forest", "Kestrel Park")
# and first words ("Lake X", "Via X"). A type cue (kg.analysis.cues), not a rule: "Crystal
# Palace" is a club.
PLACE_LAST_WORDS = frozenset(
    """
    street avenue road boulevard lane square piazza plaza bridge airport reservoir lake river
    mountain mountains hill hills island islands bay peninsula valley desert sea ocean gulf
    strait canal forest park palace castle county province district prefecture municipality
    voivodeship oblast governorate village region regions area glacier channel viaduct drive
    trail highway motorway range peak peaks creek mall abbey cay stadium arena
    """.split()
)
PLACE_FIRST_WORDS = frozenset("lake mount via piazza rue avenida cape fort isle".split())

# Last words of company names ("Halvorsen Motors", "Acme Robotics Inc"): an organisation
# whatever NER said.
COMPANY_TAILS = frozenset(
    """
    inc corp co ltd llc plc gmbh ag sa nv bv motors airlines airways systems industries
    holdings technologies robotics pharmaceuticals laboratories labs partners enterprises
    solutions communications telecom bancorp ventures studios
    """.split()
)

# --- Relation words (kg/extract.py) ---

# Verbs whose subject leads their organisation object ("X heads Y", "X founded Y").
LEAD_VERBS = frozenset("lead head chair command run direct found co-found establish form preside govern manage coach".split())

# Verbs whose subject becomes or is a member of their organisation object ("X represented Y").
JOIN_VERBS = frozenset("join rejoin enlist represent".split())

# Verbs of working or playing for an organisation, through a preposition:
# "worked for Y", "played for Y", "served in Y", "signed with Y", "was elected to Y",
# "scored for Y".
EMPLOY_VERBS = frozenset("work play serve sign elect appoint employ hire recruit draft teach trade transfer loan move return score".split())
EMPLOY_PREPS = frozenset("for with in at to by".split())

# Prepositions that tie a role noun to the organisation it is held in:
# "professor at Y", "correspondent for Y", "adviser to Y", "member of Y".
ROLE_PREPS = frozenset("of at for with to in".split())

# Participles that place an organisation: "based in Z", "headquartered in Z", "Z-based",
# "a newspaper published in Z".
BASED_WORDS = frozenset("base headquarter locate station publish found establish incorporate register".split())

# Nouns of the place a body sits in: "the union's offices in Oslo", "Acme's headquarters in Z".
SEAT_NOUNS = frozenset("office offices headquarters headquarter seat base".split())

# Verbs that say an event happened somewhere: "was held in Z", "took place in Z".
HAPPEN_VERBS = frozenset("hold take occur happen stage host start begin end open".split())

# Verbs whose event subject happened where their object is or was: "an earthquake struck
# southern Peru", "floods killed nine people in the X region".
STRIKE_VERBS = frozenset("strike hit rock shake devastate batter ravage flood kill injure destroy damage displace".split())

# Verbs whose named subject took part in their event object: "X signed an agreement", "X
# won the election", "Y hosted the summit" (kg.analysis.events: such an object is one event).
PARTAKE_VERBS = frozenset("sign win attend host hold stage organise organize contest boycott lose chair join".split())

# Verbs that deny the action of the verb they govern: "refused to attend", "failed to win".
NEGATING_VERBS = frozenset("refuse fail decline deny avoid stop cease reject".split())

# Light verbs: their object says little on its own ("got revenge on Y", "had talks with Y"),
# so they give no kg:relatedTo.
LIGHT_VERBS = frozenset("be have get make take give do let put".split())

# Verbs whose subject organisation takes on their person object: "Y hired X", "X was
# signed by Y", "X was traded to Y".
HIRE_VERBS = frozenset("hire employ recruit sign draft appoint select trade transfer loan".split())

# Verbs that give their object a role: "Y appointed X (as) its director", "Y named X chief
# executive", "X was elected president of Y" (the passive's subject is read as any subject).
APPOINT_VERBS = frozenset("appoint name elect hire promote install nominate choose select make".split())

# Nouns that make an organisation part of another: "Y is a member of Z", "Y, a unit of Z".
PART_NOUNS = frozenset("member part wing branch unit affiliate division faction arm section subsidiary".split())

# Participles used as prepositions: "following the war", "including Y", "regarding Y";
# their object is not something the clause's subject did.
PREPOSITION_PARTICIPLES = frozenset(
    "following including regarding concerning according considering excluding given pending barring".split()
)

# Nationality nouns whose adjective is the country's demonym ("the Swede", "a Frenchman"):
# English words, not a gazetteer; kg.analysis.gazetteer reads them through the adjective.
DEMONYM_NOUNS = {
    "Swede": "Swedish", "Swedes": "Swedish", "Dane": "Danish", "Danes": "Danish", "Finn": "Finnish",
    "Pole": "Polish", "Poles": "Polish", "Spaniard": "Spanish", "Turk": "Turkish", "Briton": "British",
    "Frenchman": "French", "Frenchwoman": "French", "Dutchman": "Dutch", "Dutchwoman": "Dutch",
    "Irishman": "Irish", "Irishwoman": "Irish", "Argentine": "Argentinean", "Argentinian": "Argentinean",
    "Ecuadorian": "Ecuadorean", "Filipina": "Filipino", "Icelandic": "Icelander", "Kiwi": "New Zealander",
}

# Two-word titles that mean leading, though their last word alone does not ("executive").
LEADER_PHRASES = frozenset(
    ("chief executive", "managing director", "secretary general", "general secretary",
     "executive director", "prime minister", "first secretary")
)

# Nouns that stand before a name like a title and tie it to the organisation before them:
# "Y candidate X", "Y nominee X".
PRE_NAME_ROLES = frozenset("candidate nominee member loyalist veteran insider".split())


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Given names, lower case: the 1990 US Census lists (5,163 names) that the `names`
    package ships (MIT). A cue that a name is a person's ("Delia Marsh"), never proof:
    many given names are places or words too ("Georgia", "Faith").

    >>> "delia" in first_names(), "vantrix" in first_names()
    (True, False)
    """
    from importlib.resources import files

    found = set()
    for table in ("dist.male.first", "dist.female.first"):
        for line in files("names").joinpath(table).read_text(encoding="ascii").splitlines():
            if line.strip():
                found.add(line.split()[0].lower())
    return frozenset(found)
