"""Stage 5: corpus-wide entity resolution.

    cluster(results, rules) -> Resolution

Every mention starts as a node keyed by its normalised name (`name_key`), so equal names
merge across documents whatever NER called them. Then, strongest link first:

1. the user's rules (`AliasRules`, read from ontology/aliases.ttl): forced merges first,
   and pairs that must never merge are checked by every later link;
2. acronym definitions ("Full Name (ACR)") join the acronym to its long form: corpus-wide
   when every definition of the acronym agrees, else only inside the defining document;
   a slash pair ("ACR1/ACR2") joins when its parts already agree;
3. organisation names that differ only in place words, head nouns or transliteration
   ("X Organization of Y" / "X of Y" / "X", when the rest has two words or more);
4. a person's full names with the same surname and first names that are spelling
   variants of each other (Mohammad / Mohammed);
5. a bare surname or first name joins the one full name it belongs to, preferring the
   same document; ambiguous ones ("Hansen" between two brothers) stay their own node.

A person is never merged with an organisation or place through links 3-5, and a
country's names ("US", "United States") are one place (the gazetteer's). The kind of an
entity weighs NER's kinds of all its mentions against their type cues ("shares of X",
"X, 34,": kg.analysis.cues), corpus-wide (`weigh`); the user's kinds still win.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import combinations

from kg.analysis.cues import CUES, NAME_CUES
from kg.analysis.lexicon import COMPANY_TAILS, ORG_HEADS
from kg.analysis.dates import kind as date_kind
from kg.analysis.gazetteer import country
from kg.model import AliasRules, DocResult, Entity, Mention
from kg.slug import slugify
from kg.vocab import AGENT_KINDS, KINDS

_PRIORITY = {kind: i for i, kind in enumerate(KINDS)}
_SMALL = {"of", "the", "and", "for", "de", "du", "la", "le", "des", "del", "on", "in", "to", "&", "a", "an"}
_VOWELS = "aeiouy"


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Fold a name for matching: case, diacritics, quotes, hyphens, "the", possessives.

    >>> name_key("The People’s Front"), name_key("Émile  Zola's"), name_key("Al – Sayed")
    ("people's front", 'emile zola', 'al-sayed')
    """
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = folded.replace("’", "'").replace("‘", "'").lower()
    folded = re.sub(r"['’]s$", "", folded.strip())
    folded = re.sub(r"^the\s+", "", folded)
    folded = re.sub(r"\s*[-‐‑–]\s*", "-", folded)  # "Al-Sayed" stays one word
    folded = re.sub(r"\s+", " ", folded)
    return re.sub(r"\s*/\s*", "/", folded).strip()


def skeleton(word: str) -> str:
    """A word without its vowels, doubled letters and plural: transliterations of one name
    share it ("Mohammad", "Muhammad", "Mohammed" -> 'mhmd').

    >>> skeleton("Mohammad"), skeleton("Muhammad"), skeleton("Guards"), skeleton("Guard")
    ('mhmd', 'mhmd', 'grd', 'grd')
    """
    word = name_key(word).replace("'", "")
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if len(word) < 4:
        return word
    rest = re.sub(f"[{_VOWELS}]", "", word[1:])
    return re.sub(r"(.)\1+", r"\1", word[0] + rest)


def similar_given_names(a: str, b: str) -> bool:
    """Whether two first names are spellings of one name (transliteration, a typo), by a
    generic rule, not a list: same first letter and either the same consonants with as
    many vowels, or few edits; two names that differ only in their final vowel are
    different (Maria / Mario).

    >>> similar_given_names("Hasan", "Hassan"), similar_given_names("Muhammad", "Mohammed")
    (True, True)
    >>> similar_given_names("Hasan", "Hussein"), similar_given_names("Maria", "Mario")
    (False, False)
    >>> similar_given_names("Kazem", "Massoud")
    False
    """
    a, b = name_key(a), name_key(b)
    if a == b:
        return True
    if not a or not b or a[0] != b[0] and not (a[0] in _VOWELS and b[0] in _VOWELS):
        return False
    if a[-1] in _VOWELS and b[-1] in _VOWELS and a[-1] != b[-1]:
        return False
    def vowels(w: str) -> int:
        return sum(c in _VOWELS for c in w)
    if skeleton(a) == skeleton(b) and vowels(a) == vowels(b) and min(len(a), len(b)) >= 4:
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.8 and min(len(a), len(b)) >= 4


def _is_acronym(text: str) -> bool:
    word = text.replace(".", "")
    return " " not in text and len(word) > 1 and word.isupper() and word.isalpha()


@lru_cache(maxsize=65536)
def _has_acronym(text: str) -> bool:
    return any(_is_acronym(w) for w in text.split())


@dataclass(frozen=True, slots=True)
class Resolution:
    """The corpus's entities and, for every mention, the entity it belongs to."""

    entities: tuple[Entity, ...]
    of_mention: dict[tuple[str, int, int], str]  # (doc_id, start, end) -> entity key

    def entity_of(self, doc_id: str, span: tuple[int, int]) -> str | None:
        return self.of_mention.get((doc_id, span[0], span[1]))


class _UnionFind:
    """Union-find over node keys that refuses a union joining two keys the user keeps
    apart (cannot-link pairs)."""

    def __init__(self, apart: Iterable[tuple[str, str]] = ()):
        self.parent: dict[str, str] = {}
        self.members: dict[str, set[str]] = {}
        self.apart = [(a, b) for a, b in apart]

    def find(self, x: str) -> str:
        if x not in self.parent:
            self.parent[x] = x
            self.members[x] = {x}
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def allowed(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb or not self.apart:
            return True
        ma, mb = self.members[ra], self.members[rb]
        return not any(x in ma and y in mb or x in mb and y in ma for x, y in self.apart)

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if not self.allowed(a, b):
            return False
        keep, drop = min(ra, rb), max(ra, rb)
        self.parent[drop] = keep
        if self.apart:  # members are only needed to check the user's cannot-link pairs
            self.members[keep] |= self.members.pop(drop)
        return True


@dataclass(slots=True)
class _Corpus:
    """Working state of one resolution: every mention with its node key."""

    keyed: list[tuple[str, Mention, str]] = field(default_factory=list)  # (doc_id, mention, key)
    kinds: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))  # key -> NER kinds
    docs_of: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # key -> doc ids
    titles: dict[tuple[str, int, int], str] = field(default_factory=dict)  # mention -> title
    acronymic: set[str] = field(default_factory=set)  # keys written with an acronym ("ACR Place")
    majority: dict[str, str] = field(default_factory=dict)  # key -> its kind before any merge
    cues: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))  # key -> type cues


def cluster(results: list[DocResult], rules: AliasRules | None = None) -> Resolution:
    """Resolve every non-date mention of RESULTS to an entity; dates group by value.

    >>> from kg.model import Document
    >>> doc = Document("a", "a.txt", "Ada Lovelace met Babbage. Lovelace wrote.", "0" * 64, "a")
    >>> mentions = (Mention(0, 12, "Ada Lovelace", "Person", 0), Mention(26, 34, "Lovelace", "Person", 1))
    >>> [(e.key, e.aliases) for e in cluster([DocResult(doc, ((0, 25), (26, 41)), mentions)]).entities]
    [('person/ada-lovelace', ('Lovelace',))]
    """
    rules = rules or AliasRules()
    state = _key_mentions(results)
    by_slug = _rule_names(state, rules)
    uf = _rule_links(state, rules, by_slug)
    node_of = _acronym_links(results, state, uf)
    _org_links(state, uf)
    _country_links(state, uf)
    _given_name_links(state, uf)
    surnames, persons = _surname_links(state, uf, node_of)
    _short_org_links(state, uf, node_of, surnames)
    groups = _groups(state, uf, node_of)
    defined = _defined_short_forms(results, uf)
    forced = _forced_kinds(rules, by_slug, uf)
    entities, of_mention = _entities(groups, surnames, persons, forced, defined)
    entities += _dates(results, of_mention)
    entities.sort(key=lambda e: e.key)
    return Resolution(tuple(entities), of_mention)


def _key_mentions(results: list[DocResult]) -> _Corpus:
    """Give every non-date mention its node key (an event's merge key, else "name:" and
    its folded name) and record its NER kind, documents, acronym use and title."""
    state = _Corpus()
    for result in results:
        doc_id = result.document.doc_id
        for mention in result.mentions:
            if mention.kind == "Date":
                continue
            key = _event_key(mention) if mention.kind == "Event" else "name:" + name_key(mention.text)
            state.keyed.append((doc_id, mention, key))
            state.kinds[key][mention.kind] += 1
            state.cues[key].update(mention.cues)
            state.docs_of[key].add(doc_id)
            if _has_acronym(mention.text):
                state.acronymic.add(key)
            if (title := mention.title_word):
                state.titles[(doc_id, *mention.span)] = title
    return state


def _rule_names(state: _Corpus, rules: AliasRules) -> dict[str, set[str]]:
    """The slug of each name and surface form -> its node keys: the user's rules name an
    entity by the slug of any of its forms ("ada-lovelace"). Empty when there are no rules."""
    by_slug: dict[str, set[str]] = defaultdict(set)
    if rules.same or rules.different or rules.kinds:
        for key, forms in _forms_of(state).items():
            by_slug[slugify(key.split(":", 1)[1])].add(key)
            for form in forms:
                by_slug[slugify(form)].add(key)
    return by_slug


def _rule_links(state: _Corpus, rules: AliasRules, by_slug: dict[str, set[str]]) -> _UnionFind:
    """A union-find over every node key, holding the user's cannot-link pairs (checked by
    every later link) and with the user's forced merges already made."""
    apart = [(a, b) for x, y in rules.different for a in by_slug.get(x, ()) for b in by_slug.get(y, ())]
    uf = _UnionFind(apart)
    for _, _, key in state.keyed:
        uf.find(key)
    for x, y in rules.same:
        for a in by_slug.get(x, ()):
            for b in by_slug.get(y, ()):
                uf.union(a, b)
    return uf


def _groups(state: _Corpus, uf: _UnionFind, node_of: dict) -> dict[str, list[tuple[str, Mention]]]:
    """Root node -> its (doc id, mention) members, a mention's own override (NODE_OF, from
    the acronym and short-name links) taking the place of its key."""
    groups: dict[str, list[tuple[str, Mention]]] = defaultdict(list)
    for doc_id, mention, key in state.keyed:
        node = node_of.get((doc_id, mention.span), key)
        groups[uf.find(node)].append((doc_id, mention))
    return groups


def _defined_short_forms(results: list[DocResult], uf: _UnionFind) -> dict[str, set[str]]:
    """Root node -> the acronyms the text defines for it.

    A defined short form is a name of its entity even where it is only written inside
    another token ("PCE" in "(PCE/PacEx)").
    """
    defined: dict[str, set[str]] = defaultdict(set)
    for result in results:
        for _, (c, d) in result.acronyms:
            short = result.document.text[c:d]
            if "name:" + name_key(short) in uf.parent:
                defined[uf.find("name:" + name_key(short))].add(short)
    return defined


def _forced_kinds(rules: AliasRules, by_slug: dict[str, set[str]], uf: _UnionFind) -> dict[str, str]:
    """Root node -> the kind the user's rules give its entity (the last rule wins)."""
    forced = {}
    for name, kind in rules.kinds:
        for key in by_slug.get(name, ()):
            forced[uf.find(key)] = kind
    return forced


def _entities(groups: dict[str, list[tuple[str, Mention]]], surnames: set, persons: set,
              forced: dict[str, str], defined: dict[str, set[str]]) -> tuple[list[Entity], dict]:
    """One entity per group, in the order of the roots (which decides "-2" suffixes), and
    the entity key of every member mention."""
    entities, of_mention, used = [], {}, set()
    for root in sorted(groups):
        members = groups[root]
        entity = _entity(members, used, surnames, persons, forced.get(root), defined.get(root, set()))
        used.add(entity.key)
        entities.append(entity)
        for doc_id, mention in members:
            of_mention[(doc_id, mention.start, mention.end)] = entity.key
    return entities, of_mention


def _forms_of(state: _Corpus) -> dict[str, set[str]]:
    forms: dict[str, set[str]] = defaultdict(set)
    for _, mention, key in state.keyed:
        forms[key].add(mention.text)
    return forms


def _words(key: str) -> list[str]:
    """The words of a key, hyphenated and slashed parts apart ("darya-e noor")."""
    return [w for w in re.split(r"[\s/-]+", key.removeprefix("name:")) if w]


def _content(key: str, places: set[str]) -> tuple[str, ...]:
    """The words of an organisation's name that tell it apart: no small words, head nouns
    or places, each reduced to its skeleton."""
    words = _words(key)
    return tuple(skeleton(w) for w in words
                 if w not in _SMALL and w.rstrip("s") not in ORG_HEADS and w not in ORG_HEADS
                 and w not in places)


def _acronym_links(results: list[DocResult], state: _Corpus, uf: _UnionFind) -> dict:
    """Join acronyms to their definitions; returns the per-mention node overrides for
    acronyms whose definitions disagree across documents ("ICC" as two courts)."""
    longs: dict[str, set[str]] = defaultdict(set)  # acronym key -> long-form keys
    local: dict[tuple[str, str], str] = {}  # (doc id, acronym key) -> long-form key
    for result in results:
        text = result.document.text
        for (a, b), (c, d) in result.acronyms:
            short, long = "name:" + name_key(text[c:d]), "name:" + name_key(text[a:b])
            longs[short].add(long)
            local[(result.document.doc_id, short)] = long
    node_of = {}
    uses: dict[str, list[tuple[str, Mention]]] = defaultdict(list)
    for doc_id, mention, key in state.keyed:
        if key in longs:
            uses[key].append((doc_id, mention))
    for short in sorted(longs):
        forms = sorted(longs[short])
        # Definitions agree when half the words of the shorter one recur in the other:
        # "Guard Corps" spellings and translations agree, two different "ICC"s do not.
        words = [{skeleton(w) for w in _words(f) if w not in _SMALL and len(w) > 2} for f in forms]
        agree = all(len(x & y) >= 0.5 * min(len(x), len(y)) for x, y in combinations(words, 2))
        if agree:
            for long in forms:
                uf.union(short, long)
        else:
            # Each document's uses go to its own definition; elsewhere the acronym stays apart.
            for doc_id, mention in uses[short]:
                if (doc_id, short) in local:
                    node_of[(doc_id, mention.span)] = local[(doc_id, short)]
    for _, _, key in state.keyed:
        parts = key.removeprefix("name:").split("/")
        if len(parts) > 1 and all(parts):
            roots = {uf.find("name:" + p) for p in parts if "name:" + p in uf.parent}
            if len(roots) == 1 and len([p for p in parts if "name:" + p in uf.parent]) == len(parts):
                uf.union(key, "name:" + parts[0])
    return node_of


def _majority(state: _Corpus, key: str) -> str:
    """The kind of a name before any merge: NER's kinds of its mentions weighed with
    their type cues (`weigh`)."""
    if key not in state.majority:
        votes = weigh(state.kinds[key], state.cues[key])
        state.majority[key] = min(votes, key=lambda k: (-votes[k], _PRIORITY[k])) if votes else "Organization"
    return state.majority[key]


def weigh(votes: Counter, cues: Counter) -> Counter:
    """An entity's kind scores: NER's VOTES as shares of one, plus the weight of each type
    cue its mentions carry (kg.analysis.cues.CUES). A name cue (a company suffix, a given
    name, a known place) counts once; a cue in the words around a name counts for up to
    two mentions. So a short company name NER calls a place in every mention is a company
    after "shares of X" and "X's chief executive", and one stray cue does not overturn a
    name NER agrees on.

    >>> weigh(Counter(Place=3), Counter(shares=1, **{"company-role": 1}))
    Counter({'Organization': 1.6, 'Place': 1.0})
    """
    total = sum(votes.values())
    if not cues or not total:
        return votes
    scores = Counter({kind: n / total for kind, n in votes.items()})
    for cue, count in sorted(cues.items()):
        kind, weight = CUES[cue]
        scores[kind] += weight * (1 if cue in NAME_CUES else min(count, 2))
    return scores


def _org_links(state: _Corpus, uf: _UnionFind) -> None:
    """Organisation names equal but for place words, head nouns and spelling ("X
    Organization of Y", "X of Y", "X"): joined when the telling words number two or more
    and only one organisation of the corpus has them."""
    places = {k.removeprefix("name:") for k in state.kinds if _majority(state, k) == "Place"
              and " " not in k}
    by_content: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for key in state.kinds:
        if not key.startswith("name:") or _majority(state, key) != "Organization" or key in state.acronymic:
            continue
        name = key.removeprefix("name:")
        if " " not in name:
            continue
        content = _content(key, places)
        if len(content) >= 2:
            by_content[tuple(sorted(content))].add(key)
    for keys in by_content.values():
        # Head nouns tell organisations apart when both names have one ("Royal Thai Army",
        # "Royal Thai Government"); a name without one joins the only headed variant.
        by_heads: dict[frozenset, list[str]] = defaultdict(list)
        for key in sorted(keys):
            by_heads[frozenset(skeleton(w) for w in _words(key) if w in ORG_HEADS)].append(key)
        headed = [group for heads, group in by_heads.items() if heads]
        for group in headed:
            for other in group[1:]:
                uf.union(group[0], other)
        if len(headed) <= 1 and frozenset() in by_heads:
            bare = by_heads[frozenset()]
            for other in bare[1:] + [g[0] for g in headed]:
                uf.union(bare[0], other)
    # "X of Kenya" and a bare "X": one organisation when only one "X of ..." exists.
    qualified: dict[tuple[str, ...], set[tuple[str, ...]]] = defaultdict(set)
    for content in by_content:
        for key in by_content[content]:
            match = re.search(r" of ([^ ]+(?: [^ ]+)?)$", key)
            if match and not set(match.group(1).split()) & ORG_HEADS:
                base = tuple(sorted(_content(key[:match.start()], places)))
                if len(base) >= 2 and base != content:
                    qualified[base].add(content)
    for base, contents in qualified.items():
        if len(contents) == 1 and base in by_content:
            a, b = min(by_content[base]), min(by_content[next(iter(contents))])
            if {w for w in _words(a) if w in ORG_HEADS} <= {w for w in _words(b) if w in ORG_HEADS}:
                uf.union(a, b)


def _country_links(state: _Corpus, uf: _UnionFind) -> None:
    """Place names of one country ("US", "U.S.", "United States", and the "United States"
    a nationality word names) are one place: the gazetteer (kg.analysis.gazetteer) knows
    a country's names."""
    by_country: dict[str, set[str]] = defaultdict(set)
    for _, mention, key in state.keyed:
        if mention.kind == "Place" and key.startswith("name:") and _majority(state, key) == "Place" \
                and (name := country(mention.text)):
            by_country[name].add(key)
    for keys in by_country.values():
        first, *rest = sorted(keys)
        for other in rest:
            uf.union(first, other)


def _person_names(state: _Corpus) -> dict[str, set[str]]:
    """Surname -> the keys of multi-word person names ending with it."""
    full: dict[str, set[str]] = defaultdict(set)
    for key in state.kinds:
        words = key.removeprefix("name:").split()
        if key.startswith("name:") and len(words) > 1 and _majority(state, key) == "Person" \
                and key not in state.acronymic:
            full[words[-1]].add(key)
    return full


def _given_name_links(state: _Corpus, uf: _UnionFind) -> None:
    """"Hasan Doe" and "Hassan Doe" are one person when the surname is the same and rare
    (at most three different first names in the corpus) and the first names are spelling
    variants (`similar_given_names`)."""
    for surname, keys in sorted(_person_names(state).items()):
        if len(keys) < 2 or len(keys) > 3:
            continue
        for a, b in combinations(sorted(keys), 2):
            wa, wb = a.removeprefix("name:").split(), b.removeprefix("name:").split()
            if len(wa) == len(wb) == 2 and similar_given_names(wa[0], wb[0]):
                uf.union(a, b)


def _surname_links(state: _Corpus, uf: _UnionFind, node_of: dict) -> tuple[set, set]:
    """Point each bare surname (or first name) at the one person it names, preferring a
    full name of the same document; a shared title ("Dr. X" after "Dr. Y X") settles
    a tie. Returns the mentions so resolved (they take no part in the kind vote) and the
    ambiguous ones, which name a person whatever NER said."""
    full = _person_names(state)
    first: dict[str, set[str]] = defaultdict(set)
    for keys in full.values():
        for key in keys:
            first[key.removeprefix("name:").split()[0]].add(key)
    by_doc: dict[str, set[str]] = defaultdict(set)
    for doc_id, _, key in state.keyed:
        by_doc[doc_id].add(key)
    # A word NER calls a place in a document without the full name is a place ("Jordan").
    place_elsewhere = {key for doc_id, mention, key in state.keyed
                       if mention.kind == "Place"
                       and not any(k in by_doc[doc_id] for k in full.get(key.removeprefix("name:"), ()))}
    title_of: dict[tuple[str, str], set[str]] = defaultdict(set)  # (doc, full key) -> titles
    for doc_id, mention, key in state.keyed:
        if (title := state.titles.get((doc_id, *mention.span))):
            title_of[(doc_id, key)].add(title)
    resolved, ambiguous = set(), set()
    for doc_id, mention, key in state.keyed:
        word = key.removeprefix("name:")
        if not key.startswith("name:") or " " in word or mention.kind == "Event" or _is_acronym(mention.text):
            continue
        if mention.kind == "Place" and key in place_elsewhere:
            continue
        surname_of = full.get(word, set())
        local = surname_of & by_doc[doc_id]
        if not local:  # a first name alone ("Maria" after "Maria Lopez") only within a document
            local = first.get(word, set()) & by_doc[doc_id]
        # Across documents only a word tagged as a person may join a full name.
        chosen = local if local else surname_of if mention.kind == "Person" else set()
        roots = {uf.find(c) for c in chosen}
        if len(roots) > 1 and (title := state.titles.get((doc_id, *mention.span))):
            titled = {c for c in chosen if title in title_of[(doc_id, c)]}
            roots = {uf.find(c) for c in titled} or roots
            chosen = titled or chosen
        if len(roots) == 1:
            target = min(chosen)
            if uf.allowed(key, target):
                node_of[(doc_id, mention.span)] = target
                resolved.add((doc_id, mention.span))
        elif len(roots) > 1 and local:
            ambiguous.add((doc_id, mention.span))
    return resolved, ambiguous


def _short_org_links(state: _Corpus, uf: _UnionFind, node_of: dict, no_vote: set) -> None:
    """A short name of an organisation joins its full name when it is its first words
    ("Acme" for "Acme Robotics Inc") and only one organisation of its document (or, if
    none, of the documents that use both) starts so. Two candidates leave it alone; a head
    noun or a place never joins ("Union", "Edmonton"). Last words do not join: "Enix" is
    not "Square Enix". A short name NER called a person joins only a company of its own
    document and then has no vote on the kind (it is added to NO_VOTE)."""
    by_first: dict[str, set[str]] = defaultdict(set)  # first word -> organisation full names
    for key in state.kinds:
        words = key.removeprefix("name:").split()
        if key.startswith("name:") and len(words) > 1 and key not in state.acronymic \
                and _majority(state, key) == "Organization":
            by_first[words[0]].add(key)
    # Words of the persons' full names: "Ford" beside "Harrison Ford" is not "Ford Motor Co".
    person_words = {w for key in state.kinds if key.startswith("name:") and _majority(state, key) == "Person"
                    for w in key.removeprefix("name:").split()[:-1] or ()}
    person_words |= {key.removeprefix("name:").split()[-1] for key in state.kinds
                     if key.startswith("name:") and " " in key and _majority(state, key) == "Person"}
    shared: dict[str, set[str]] = {}  # short name -> full names some document uses it beside
    for doc_id, mention, key in state.keyed:
        words = key.removeprefix("name:").split()
        # A word NER ever calls a place is a place ("Edmonton", not "Edmonton Oilers").
        if not key.startswith("name:") or mention.kind not in AGENT_KINDS \
                or (doc_id, mention.span) in node_of \
                or key in state.acronymic or words[-1] in ORG_HEADS or state.kinds[key]["Place"]:
            continue
        prefix = {k for k in by_first.get(words[0], ()) if k != key
                  and k.removeprefix("name:").split()[:len(words)] == words}
        local = {k for k in prefix if doc_id in state.docs_of[k]}
        if mention.kind == "Person":
            # NER often calls a company's short name a person ("Lumen's chief executive"):
            # it joins only a company of its own document ("Lumen Pharmaceuticals Inc"),
            # and only when no person's name holds the word.
            local = {k for k in local if k.removeprefix("name:").split()[-1] in COMPANY_TAILS}
            if not local or len(words) != 1 or words[0] in person_words:
                continue
            chosen = local
            if len({uf.find(c) for c in chosen}) == 1 and uf.allowed(key, min(chosen)):
                node_of[(doc_id, mention.span)] = min(chosen)
                no_vote.add((doc_id, mention.span))
            continue
        # Elsewhere only a short name some document uses beside the full name ("Acme" in
        # an article that also says "Acme Robotics"): not "Siemens" for "Siemens Energy".
        if not local and key not in shared:
            shared[key] = {k for k in prefix if not state.docs_of[k].isdisjoint(state.docs_of[key])}
        chosen = local or shared[key]
        roots = {uf.find(c) for c in chosen}
        if len(roots) == 1 and uf.allowed(key, min(chosen)):
            node_of[(doc_id, mention.span)] = min(chosen)


def _entity(members: list[tuple[str, Mention]], used: set[str], surnames: set, persons: set,
            forced: str | None, defined: set[str]) -> Entity:
    kind = forced or _vote(members, surnames, persons)
    forms = Counter(m.text for _, m in members)

    def completeness(form: str):
        return (not _has_acronym(form), len(form.split()), forms[form], form)

    label = max(forms, key=completeness)
    aliases = sorted({f for f in forms if f != label} | {f for f in defined if f != label})
    base = f"{kind.lower()}/{slugify(label)}"
    key, n = base, 2
    while key in used:
        key, n = f"{base}-{n}", n + 1
    entity = Entity(key, kind, label, tuple(aliases), len(members))
    return _with_event_fields(entity, members) if kind == "Event" else entity


# When the mentions of one event disagree on its status, what the text says last about the
# whole event wins over a plan: a collapse ("the deal collapsed") makes it failed, and any
# mention stating it as done makes a planned one happen.
_STATUS_ORDER = ("failed", None, "denied", "planned", "hypothetical")


def _with_event_fields(entity: Entity, members: list[tuple[str, Mention]]) -> Entity:
    """ENTITY with the event type most of its mentions give (a typed one over "other") and
    its status (`_STATUS_ORDER`)."""
    types = Counter(m.event_type for _, m in members if m.event_type)
    typed = Counter({t: n for t, n in types.items() if t != "other"}) or types
    event_type = min(typed, key=lambda t: (-typed[t], t)) if typed else None
    status = min((m.status for _, m in members), key=_STATUS_ORDER.index)
    return replace(entity, event_type=event_type, status=status)


def _vote(members: list[tuple[str, Mention]], surnames: set, persons: set) -> str:
    """The kind most mentions give, an acronym's vote counting little: NER often calls
    an acronym a person or a place, while its long form carries the head noun. A surname
    shared by two people of its document votes for a person."""
    voters = [(d, m) for d, m in members if (d, m.span) not in surnames] or members
    votes: Counter = Counter()
    for doc_id, mention in voters:
        kind = "Person" if (doc_id, mention.span) in persons else mention.kind
        votes[kind] += 0.3 if _has_acronym(mention.text) else 1.0
    # A surname's own name cues are not its person's ("Jordan" is a country too); what the
    # words around it say is.
    cues = Counter(c for d, m in members for c in m.cues
                   if c not in NAME_CUES or (d, m.span) not in surnames)
    votes = weigh(votes, cues)
    # A tie between organisation and place: one word is a place ("X's minister" makes NER
    # call a country an organisation), several words an organisation.
    single = all(" " not in m.text for _, m in members)
    order = {**_PRIORITY, "Place": _PRIORITY["Organization"] - 0.5} if single else _PRIORITY
    return min(votes, key=lambda k: (-votes[k], order[k]))


def _event_key(mention: Mention) -> str:
    """The node of an event mention: the text of the merge key kg.analysis.events gave it
    (an EventKey, after merging the mentions of one document that name the same event);
    an event without one is keyed by its name."""
    return "event:" + (mention.event.text if mention.event else "|" + name_key(mention.text) + "|")


def _dates(results: list[DocResult], of_mention: dict) -> list[Entity]:
    """One kg:Date per normalised value (kgr:date/2018-06-30, whichever document names it);
    a decade ("the 1980s") is a node without a value, and so is a relative date ("Tuesday")
    in a document without a date of its own, which stays that document's. Durations, ages
    and vague spans ("recent years") are not dates."""
    by_key: dict[str, list[tuple[str, Mention]]] = defaultdict(list)
    for result in results:
        doc_id = result.document.doc_id
        for mention in result.mentions:
            if mention.kind != "Date":
                continue
            found = date_kind(mention.text)
            if mention.value:
                key = f"date/{mention.value}"  # XSD lexical values are IRI-safe
            elif found == "decade":
                key = f"date/{slugify(re.sub(r'^the ', '', mention.text.lower()))}"
            elif found == "relative":
                key = f"date/{doc_id}-{slugify(mention.text)}"
            else:
                continue
            by_key[key].append((doc_id, mention))
    entities = []
    for key in sorted(by_key):
        members = by_key[key]
        forms = Counter(m.text for _, m in members)
        label = max(forms, key=lambda f: (forms[f], f))
        entities.append(Entity(key, "Date", label, tuple(sorted(set(forms) - {label})), len(members),
                               value=members[0][1].value))
        for doc_id, mention in members:
            of_mention[(doc_id, mention.start, mention.end)] = key
    return entities
