"""Plain typed records passed forward through the pipeline (never back).

Each stage takes records from the stage before and returns new ones; nothing here
knows about RDF, files or the command line.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# Entity types of the guidelines, in display order.
PLACE_TYPES = ("Province", "City", "District", "Subdistrict", "Community", "Neighborhood")
ENTITY_TYPES = PLACE_TYPES + ("Organization", "Project")
RELATIONS = ("locatedIn", "supports", "hasProject")


@dataclass(frozen=True)
class SourceText:
    """A decoded input file."""

    path: str  # as given on the command line, relative where possible
    name: str  # path relative to the input that named it, used as the document id
    raw: str  # decoded, not yet normalised
    encoding: str
    replaced: int = 0  # undecodable bytes read as U+FFFD


@dataclass(frozen=True)
class Article:
    """One news article: a file may hold several."""

    doc: str  # the source file's path relative to its input (its name when given by itself)
    index: int  # position of the article inside its file, from 0
    title: str
    text: str  # normalised text; all offsets refer to it

    @property
    def id(self) -> str:
        return f"{self.doc}#{self.index}"


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: the sentence and the character span inside the article text."""

    article: str  # Article.id
    sentence: str
    start: int
    end: int


@dataclass(frozen=True)
class Quantity:
    """A measured value stated about an entity (an amount in yuan, a count, a year)."""

    kind: str  # "investment" | "count" | "area" | "year"
    value: str  # decimal as text, to stay exact and deterministic
    unit: str = ""
    approximate: bool = False
    text: str = ""  # as written


@dataclass(frozen=True)
class Mention:
    """A span of an article recognised as an entity of some type."""

    type: str
    name: str  # canonical name (with type suffix where it has one)
    start: int
    end: int
    surface: str  # the text as written
    code: str | None = None  # administrative code, when linked
    place_id: int | None = None  # gazetteer node, when linked
    link_reason: str = ""  # why the link was made (chain, context, unique, …)


@dataclass
class Entity:
    """An entity of one article, keyed by `key` (its identity across articles)."""

    key: str  # identity, e.g. "place/430103" or "org/岳阳市卫健委"
    type: str
    label: str
    aliases: set[str] = field(default_factory=set)
    code: str | None = None
    link_reason: str = ""
    quantities: list[Quantity] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True)
class Relation:
    subject: str  # Entity.key
    predicate: str  # one of RELATIONS
    object: str  # Entity.key
    evidence: Evidence | None = None
    source: str = "text"  # "text" | "gazetteer" | "context"


@dataclass
class Extraction:
    """Everything read from one article."""

    article: Article
    entities: dict[str, Entity]
    relations: list[Relation]
    warnings: list[str] = field(default_factory=list)
