"""HTML pages as input: their main text, found by trafilatura (boilerplate such as menus,
scripts and footers dropped), never by regular expressions over the markup."""
from __future__ import annotations

import re

# a document that opens (after a BOM, blanks and comments) as HTML does
_HTML_START = re.compile(r"\A\ufeff?\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])",
                         re.IGNORECASE | re.DOTALL)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:4096]))


def main_text(page: str) -> str:
    """The page's title and main text, a paragraph a line ("" when there is none)."""
    import trafilatura  # imported only when a page turns up: it pulls in lxml and more

    doc = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False,
                                      include_tables=True, deduplicate=False)
    if doc is None:
        return ""
    text = (doc.text or "").strip()
    title = (doc.title or "").strip()
    if title and title not in text.split("\n"):
        text = f"{title}\n{text}" if text else ""
    return text
