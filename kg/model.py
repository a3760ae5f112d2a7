"""Plain data passed between the pipeline's stages.

Offsets are character spans into a document's *cleaned* text, so every mention and
fact points back to the sentence it came from.
"""

from __future__ import annotations

from dataclasses import dataclass

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Document:
    """One source text: its cleaned text and what the build says about the file.

    >>> Document("a", "corpus/a.txt", "Hello.", "0" * 64, "Hello.", None).doc_id
    'a'
    """

    doc_id: str  # slug used in the document's IRI
    source: str  # path relative to the project, as written in kg:sourceFile
    text: str  # cleaned text; every offset points into it
    sha256: str  # of the cleaned text
    title: str
    date: str | None = None  # ISO value of the date the text (or its front matter) states as its own
    url: str | None = None  # where it was published, when the file says (front matter, web page)
    authors: tuple[str, ...] = ()  # who wrote it, when the file says


@dataclass(frozen=True, slots=True)
class EventKey:
    """What an event mention names, for merging: its date, its other modifiers and its
    head noun (kg.analysis.events). Two mentions with equal keys are one event. `doc` is
    the document's id when nothing names the event beyond its document (no year, place
    or name): two articles' "parliamentary elections" are not known to be one.

    >>> EventKey("2019-11", "", "uprising").text, EventKey("--11", "", "uprising", "a").text
    ('2019-11||uprising', 'a#--11||uprising')
    """

    date: str  # ISO value, "--MM" for a month without a year, or ""
    words: str  # the other modifiers, lower case, space-separated ("presidential")
    head: str  # the head noun, lower case and singular ("election")
    doc: str | None = None

    @property
    def text(self) -> str:
        """The key as one string, "[doc#]date|words|head": the resolver's node name, and
        the order events are merged in (kept from when the key was only a string)."""
        key = f"{self.date}|{self.words}|{self.head}"
        return key if self.doc is None else f"{self.doc}#{key}"


@dataclass(frozen=True, slots=True)
class Mention:
    """A name in the text: `text` is the cleaned name (no title, possessive or "the").

    >>> Mention(11, 23, "Ada Lovelace", "Person", 0, title="Dr.").span  # "He met Dr. Ada Lovelace"
    (11, 23)
    """

    start: int
    end: int
    text: str
    kind: str  # one of kg.vocab.KINDS
    sentence: int  # index into DocResult.sentences
    value: str | None = None  # a date's normalised value (ISO 8601)
    event: EventKey | None = None  # an event's merge key
    title: str | None = None  # the title cleaning took off the name, as written ("Dr.")
    # The title word right before the name, folded ("dr"), whether NER's span held it or
    # not: the resolver tells namesakes apart by it ("Dr. X" after "Dr. Y X").
    title_word: str | None = None
    # An event's type (kg.analysis.triggers.TYPES) and, when it did not simply happen,
    # its status: "planned", "failed", "denied" or "hypothetical".
    event_type: str | None = None
    status: str | None = None
    # What the name and the words around it say it is ("shares", "age": kg.analysis.cues);
    # the resolver weighs them with NER's kind over all of an entity's mentions.
    cues: tuple[str, ...] = ()

    @property
    def span(self) -> Span:
        return (self.start, self.end)


@dataclass(frozen=True, slots=True)
class Quote:
    """Words a document puts in someone's mouth, with the span of the quoted text.

    A quotation running through several paragraphs spans from its first word to its
    last; `text` joins its pieces without the quote marks between them. `indirect` marks
    reported speech ("X said that ...") rather than the speaker's own words, `partial` a
    few quoted words inside a sentence of reported speech ("called the plan 'a step too
    far'").
    """

    start: int
    end: int
    text: str
    sentence: int
    indirect: bool = False
    partial: bool = False


@dataclass(frozen=True, slots=True)
class Fact:
    """One extracted claim of one sentence, before entities are resolved.

    `subject` is the span of a mention; `obj` is a mention span (obj_kind "entity"),
    a quote span ("quote") or a literal string ("literal").
    """

    subject: Span
    predicate: str  # local name of a kg: property
    obj: Span | str
    sentence: int
    method: str  # the rule that found it, written to kg:method
    confidence: float
    obj_kind: str = "entity"
    relation: str | None = None  # the linking verb or noun (kg:relatedTo), or an event's trigger
    since: int | None = None  # the first sentence of the evidence, when it spans several
    role: str | None = None  # kg:argumentRole of a participation: agent, patient or participant


@dataclass(frozen=True, slots=True)
class Pair:
    """Two mentions that may be linked by a fact (kg.analysis.pairs): `first` comes
    before `second` in the text; `features` say how the sentence links them, without
    their kinds, which are known only after resolution (kg.reading)."""

    first: Span
    second: Span
    sentence: int  # the sentence of `second`
    features: tuple[str, ...]
    since: int | None = None  # the sentence of `first`, when it is an earlier one


@dataclass(frozen=True, slots=True)
class DocResult:
    """Everything extracted from one document; plain data, independent of spaCy."""

    document: Document
    sentences: tuple[Span, ...]
    mentions: tuple[Mention, ...]
    facts: tuple[Fact, ...] = ()
    quotes: tuple[Quote, ...] = ()
    acronyms: tuple[tuple[Span, Span], ...] = ()  # (long form, acronym) defined in the text
    pairs: tuple[Pair, ...] = ()  # candidate pairs for the relation classifier

    def sentence_text(self, index: int) -> str:
        start, end = self.sentences[index]
        return self.document.text[start:end].strip()


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world thing after resolution: its canonical label and every alias."""

    key: str  # "<kind>/<slug>", the IRI path under the base
    kind: str
    label: str
    aliases: tuple[str, ...] = ()
    mention_count: int = 0
    value: str | None = None  # for dates
    event_type: str | None = None  # for events: kg:eventType
    status: str | None = None  # for events: kg:status


@dataclass(frozen=True, slots=True)
class AliasRules:
    """A user's corrections (kg.aliases reads them from ontology/aliases.ttl). Each name is
    the slug of a surface form, as in the entity's IRI ("person/ada-lovelace" -> "ada-lovelace").

    same:      pairs of names that are one entity (owl:sameAs)
    different: pairs of names that must never be one entity (owl:differentFrom)
    kinds:     name -> the kind its entity must have (rdf:type)
    """

    same: tuple[tuple[str, str], ...] = ()
    different: tuple[tuple[str, str], ...] = ()
    kinds: tuple[tuple[str, str], ...] = ()
