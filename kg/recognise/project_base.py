"""What every project rule shares: the mention record, and how a phrase is cut to its head
word and cleaned into a label."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.recognise.lexicon import HANDOUT_HEADS, PROJECT_HEADS
from kg.recognise.quantities import strip_quantities
from kg.records import Mention
from kg.text.split import CLAUSE_END

CLAUSE_STOPS = CLAUSE_END + "…"
QUOTE = re.compile(r"“([^“”\n]{1,16})”")
_HEADS = tuple(sorted(set(PROJECT_HEADS) | set(HANDOUT_HEADS), key=len, reverse=True))
_HEAD_SET, _HEAD_LENGTHS = frozenset(_HEADS), sorted({len(h) for h in _HEADS}, reverse=True)
LEAD = re.compile(r"^(?:了|的|起|着|各|出|\s)+")
YEAR = re.compile(r"^(?:19|20)\d{2}年(?:度)?")
PAREN = re.compile(r"[(（][^()（）]{0,10}[)）]")
# jieba tags that end a name's left context (verbs, prepositions, pronouns, numbers…)
CUT_FLAGS = {"v", "p", "c", "d", "u", "uj", "ul", "uz", "r", "m", "q", "f", "t", "y", "e", "x", "l", "i", "ad"}


@dataclass
class ProjectMention:
    label: str
    start: int
    end: int
    rule: str
    head: str = ""
    aliases: set[str] = field(default_factory=set)
    objects: set[str] = field(default_factory=set)  # what was built or installed, for merging
    weak: bool = False  # from a verb that counts only where a community is in scope (实施, 打造)

    def mention(self) -> Mention:
        return Mention("Project", self.label, self.start, self.end, self.label)


def alternation(words) -> str:
    """A regex alternation of the words, escaped and longest first (so 提质改造 wins over 改造)."""
    return "|".join(sorted(map(re.escape, set(words)), key=len, reverse=True))


def head_of(text: str) -> str:
    """The longest head the text ends with: one set lookup per head length, not a scan of the heads."""
    return next((text[-n:] for n in _HEAD_LENGTHS if text[-n:] in _HEAD_SET), "")


def cut_to_head(text: str, limit: int = 18) -> str:
    """Longest prefix (within `limit`) that ends with a project head; '' when none."""
    full, text = text, text.split("..")[0][:limit]  # an ellipsis (NFKC makes …… into ......) ends it
    for k in range(len(text), 1, -1):
        if head_of(text[:k]):
            cut = text[:k]
            if cut.count("“") > cut.count("”") and full[k:k + 1] == "”":
                cut += "”"  # 开设了“长者食堂”: keep the quote closed
            return cut
    return ""


def clean(label: str) -> str:
    # a number inside a quotation is part of a name (“三支”志愿服务队), not a quantity
    parts = re.split(r"(“[^“”]*”)", label)
    label = "".join(x if x.startswith("“") else strip_quantities(x) for x in parts)
    label = PAREN.sub("", label).replace("“”", "")
    label = LEAD.sub("", YEAR.sub("", label))
    label = re.sub(r"(?<=[\u4e00-\u9fff”])的(?=[\u4e00-\u9fff“])", "", label)
    if label.count("“") != label.count("”"):
        label = label.replace("“", "").replace("”", "")  # never a label with half a quotation
    return label.strip("，,、等 ")
