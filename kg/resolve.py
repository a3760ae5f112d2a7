"""Stage 5: corpus-wide entity resolution (a first version).

    cluster(results) -> Resolution

Mentions merge when their normalised names match (whatever NER called them, so the
clusters' kind is a vote), a surname alone joins the one full name it ends in, and an
acronym joins the name it is defined next to ("Full Name (ACR)").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass

from kg.dates import kind as date_kind
from kg.model import KINDS, DocResult, Entity, Mention
from kg.slug import slugify

_PRIORITY = {kind: i for i, kind in enumerate(KINDS)}


def name_key(text: str) -> str:
    """Fold a name for matching: case, diacritics, quotes, hyphens, "the", possessives.

    >>> name_key("The People’s Front"), name_key("Émile  Zola's")
    ("people's front", 'emile zola')
    """
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = folded.replace("’", "'").replace("‘", "'").lower()
    folded = re.sub(r"['’]s$", "", folded.strip())
    folded = re.sub(r"^the\s+", "", folded)
    folded = re.sub(r"[-‐–—\s]+", " ", folded)
    return re.sub(r"\s*/\s*", "/", folded).strip()


@dataclass(frozen=True, slots=True)
class Resolution:
    """The corpus's entities and, for every mention, the entity it belongs to."""

    entities: tuple[Entity, ...]
    of_mention: dict[tuple[str, int, int], str]  # (doc_id, start, end) -> entity key

    def entity_of(self, doc_id: str, span: tuple[int, int]) -> str | None:
        return self.of_mention.get((doc_id, span[0], span[1]))


class _UnionFind:
    def __init__(self):
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def cluster(results: list[DocResult]) -> Resolution:
    """Resolve every non-date mention of RESULTS to an entity; dates group by value."""
    uf = _UnionFind()
    keyed: list[tuple[str, Mention, str]] = []  # (doc_id, mention, node key)
    full_names: dict[str, set[str]] = defaultdict(set)  # surname -> full-name keys
    for result in results:
        for mention in result.mentions:
            if mention.kind == "Date":
                continue
            key = _event_key(mention) if mention.kind == "Event" else "name:" + name_key(mention.text)
            keyed.append((result.document.doc_id, mention, key))
            uf.find(key)
            words = name_key(mention.text).split()
            if mention.kind == "Person" and len(words) > 1:
                full_names[words[-1]].add(key)
        text = result.document.text
        for (a, b), (c, d) in result.acronyms:
            uf.union("name:" + name_key(text[c:d]), "name:" + name_key(text[a:b]))
    # A one-word person name joins the single full name that ends with it, preferring one
    # from the same document; two candidates ("Kim Smith", "Lee Smith") leave it alone.
    by_doc: dict[str, set[str]] = defaultdict(set)
    surnames: set[tuple[str, tuple[int, int]]] = set()  # joined a full name: no vote on its kind
    for doc_id, mention, key in keyed:
        by_doc[doc_id].add(key)
    for doc_id, mention, key in keyed:
        words = key.removeprefix("name:").split()
        if mention.kind not in ("Person", "Organization") or len(words) != 1:
            continue
        candidates = full_names.get(words[0], set())
        local = candidates & by_doc[doc_id]
        # NER often calls a lone surname an organisation; the same document's full name
        # decides. Across documents only a surname tagged as a person may join.
        chosen = local if local else candidates if mention.kind == "Person" else set()
        if len({uf.find(c) for c in chosen}) == 1:
            uf.union(key, next(iter(chosen)))
            surnames.add((doc_id, mention.span))
    groups: dict[str, list[tuple[str, Mention]]] = defaultdict(list)
    for doc_id, mention, key in keyed:
        groups[uf.find(key)].append((doc_id, mention))
    entities, of_mention, used = [], {}, set()
    for root in sorted(groups):
        members = groups[root]
        entity = _entity(members, used, surnames)
        used.add(entity.key)
        entities.append(entity)
        for doc_id, mention in members:
            of_mention[(doc_id, mention.start, mention.end)] = entity.key
    entities += _dates(results, of_mention)
    entities.sort(key=lambda e: e.key)
    return Resolution(tuple(entities), of_mention)


def _entity(members: list[tuple[str, Mention]], used: set[str], surnames: set) -> Entity:
    voters = [m for d, m in members if (d, m.span) not in surnames] or [m for _, m in members]
    votes = Counter(m.kind for m in voters)
    kind = min(votes, key=lambda k: (-votes[k], _PRIORITY[k]))
    forms = Counter(m.text for _, m in members)

    def completeness(form: str):
        acronym = form.isupper() and " " not in form
        return (not acronym, len(form.split()), forms[form], form)

    label = max(forms, key=completeness)
    aliases = sorted({f for f in forms if f != label})
    base = f"{kind.lower()}/{slugify(label)}"
    key, n = base, 2
    while key in used:
        key, n = f"{base}-{n}", n + 1
    return Entity(key, kind, label, tuple(aliases), len(members))


def _event_key(mention: Mention) -> str:
    """kg.events gives an event mention its merge key, "[doc#]<date>|<modifiers>|<head>",
    after merging the mentions of one document that name the same event."""
    return "event:" + (mention.value or "|" + name_key(mention.text) + "|")


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
