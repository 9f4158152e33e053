"""One catalogue of user-facing errors: a code, a message, and a hint on how to fix it.

Modelled on spaCy's errors.py: code raises ``KgError(E.E001, path=…)``; the CLI prints
one line ``error[E001]: … (hint: …)`` on stderr, and the HTTP server returns the same
fields as JSON. A hint names what the reader can do where they are: ``hint`` is for the
command line (flags, commands) and ``web`` for an HTTP client (URLs, parameters), when the
two differ. A hint may start with ``{close}``: "did you mean …?" for a misspelt name.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable

_PREFIXES = "prefixes shequ:, id:, rdf:, rdfs:, skos:, prov:, xsd:, org:, schema: are pre-bound"
_READ_ONLY = "SELECT, ASK, CONSTRUCT and DESCRIBE only, without SERVICE or FROM"


@dataclass(frozen=True)
class Message:
    code: str
    text: str
    hint: str = ""
    web: str | None = None  # the hint for an HTTP client, when it differs

    def format(self, **kw) -> str:
        return self.text.format(**kw)


class E:
    E001 = Message("E001", "{path}: no such file or folder", "check the path; folders are read recursively for *.txt and *.md")
    E002 = Message("E002", "{path}: cannot decode the text ({detail})", "save the file as UTF-8, GB18030 or Big5")
    E003 = Message("E003", "{path}: file is empty after normalisation", "")
    E004 = Message("E004", "{path}: cannot read ({detail})", "check permissions")
    E005 = Message("E005", "no input articles found in {paths}", "pass .txt or .md files, or folders holding them")
    E010 = Message("E010", "administrative-division data not found: {detail}", "run the setup command from the README (installs jionlp)")
    E011 = Message("E011", "division-code data unreadable: {detail}",
                   "reinstall shequ-kg (the codes ship in kg/data/divisions), or re-derive them with scripts/derive_divisions.py")
    E020 = Message("E020", "SPARQL syntax error: {detail}", f"check the query at the caret; {_PREFIXES}")
    E021 = Message("E021", "unknown saved query '{name}'", "{close}list the saved queries with `kg query --list`",
                   "{close}GET /queries lists the saved queries")
    E022 = Message("E022", "missing parameter '{name}' for saved query '{query}'", "pass it as --param {name}=VALUE",
                   "pass it in the URL or form as {name}=VALUE")
    E023 = Message("E023", "query refused: {detail}", f"kg query only reads the graph: {_READ_ONLY}",
                   f"the endpoint is read-only: {_READ_ONLY}")
    E024 = Message("E024", "query exceeded the time limit of {seconds} s", "narrow the query or add a LIMIT")
    E025 = Message("E025", "bad parameter '{text}'", "write it as --param NAME=VALUE")
    E026 = Message("E026", "unknown parameter '{name}' for saved query '{query}'", "{close}its parameters: {known}")
    E027 = Message("E027", "{path}: cannot read the query ({detail})", "pass a .rq file with one SPARQL query")
    E028 = Message("E028", "query cannot run: {detail}", "check the query; parameters are bound in the outer query only")
    E029 = Message("E029", "no query given", "give a query in quotes, -f FILE.rq or --name NAME; kg query --list shows the saved ones",
                   "send query=… in the URL or form, or a body of type application/sparql-query")
    E030 = Message("E030", "no built graph in {path}", "run `kg build ARTICLES --out {path}` first")
    E031 = Message("E031", "unknown store '{name}'", "{close}choose one of: {choices}")
    E032 = Message("E032", "remote endpoint {url} failed: {detail}", "check the URL and that the server is running")
    E033 = Message("E033", "more than one query given ({given})", "give only one of: a query in quotes, -f FILE.rq, --name NAME")
    E034 = Message("E034", "parameter value '{text}' is not an IRI", "write it as id:place/430102 or a full https://… IRI")
    E040 = Message("E040", "entity '{name}' not found in the graph",
                   "{close}use a name as shown on the page, whose search box finds parts of names")
    E041 = Message("E041", "unknown entity type '{name}'", "{close}choose among: {choices}, or their Chinese names")
    E042 = Message("E042", "the query for the page must be a CONSTRUCT or DESCRIBE query", "e.g. kg render --query ontology/queries/neighbourhood.rq")
    E050 = Message("E050", "{path}: cannot read gold annotations ({detail})", "one JSON object per line, as in GUIDELINES.md")
    E060 = Message("E060", "no article was read from {paths}; {out} is left as it was", "fix the errors above, or pass .txt, .md or .html files or folders holding them")
    E061 = Message("E061", "{path} is being written by another kg build", "wait for it to finish, or build into another --out folder")
    E062 = Message("E062", "{path}: file of {size} is over the size limit of {limit}", "split it into smaller files, or raise the limit with --max-file-size")
    E063 = Message("E063", "{path}: no main text found in the HTML page", "save the article's text as .txt")
    E064 = Message("E064", "{path}: {count} undecodable byte(s) replaced by U+FFFD (read as {encoding})", "check the file's encoding; the rest of its text was kept")
    E066 = Message("E066", "cannot build on the cluster: {detail}", "start the scheduler and workers (README, 'A cluster'), or build without --cluster")
    E070 = Message("E070", "query nests too deep ({depth} levels of brackets; the limit is {limit})",
                   "flatten the query: fewer nested {{ }}, ( ) or [ ]")
    E071 = Message("E071", "host '{host}' is not served here", "open http://127.0.0.1:PORT/, or start kg serve with --host NAME",
                   "use the address the server was started for (127.0.0.1, localhost, or its --host)")
    E072 = Message("E072", "bad HTTP request: {detail}", "", "send a complete request with a valid Content-Length")
    E073 = Message("E073", "request too large: {detail}", "", "send the query in a POST body (at most {limit} bytes)")
    E074 = Message("E074", "no query worker became free within {seconds} s", "", "try again in a moment, or narrow the long queries that hold the workers")
    E075 = Message("E075", "no such path {path}", "", "use /sparql, /queries or /")
    E076 = Message("E076", "the query worker stopped ({detail})", "", "try again; a new worker has been started")
    E090 = Message("E090", "cannot export: {detail}", "see `kg export --help`")
    E091 = Message("E091", "cannot analyze: {detail}", "csv holds one table: add --only backers, clusters or coverage")
    E077 = Message("E077", "the answer has more than {cap} rows (the row cap)", "",
                   "add LIMIT {cap} (and OFFSET to page through the rest), or send partial=true to get the first {cap} rows marked as truncated")


def close_to(name: str, choices: Iterable[str], n: int = 3) -> str:
    """"did you mean A or B? " for names like ``name`` (difflib), or "" when none is close."""
    found = difflib.get_close_matches(name, sorted(set(choices)), n=n, cutoff=0.6)
    if not found:
        return ""
    return "did you mean " + " or ".join(f"'{f}'" for f in found) + "? "


class KgError(Exception):
    """An error the user can act on; carries a catalogue message.

    ``excerpt`` is text shown under the message as is, e.g. a query line with a caret under
    the column of a syntax error."""

    def __init__(self, msg: Message, excerpt: str = "", **kw):
        kw.setdefault("close", "")
        self.msg = msg
        self.detail = msg.format(**kw)
        self.hint = msg.hint.format(**kw) if msg.hint else ""
        self.web_hint = msg.web.format(**kw) if msg.web is not None else self.hint
        self.excerpt = excerpt
        super().__init__(self.detail)

    @property
    def code(self) -> str:
        return self.msg.code

    def line(self) -> str:
        """For the command line: the message and hint on one line, then the excerpt if any."""
        first = f"error[{self.code}]: {self.detail}" + (f" (hint: {self.hint})" if self.hint else "")
        return first + ("\n" + self.excerpt if self.excerpt else "")

    def warning(self) -> str:
        """The same line for a problem the build worked around."""
        return "warning" + self.line()[len("error"):]

    def as_json(self) -> dict:
        """For HTTP: one shape, plus ``excerpt`` when there is one."""
        out = {"ok": False, "error": self.code, "message": self.detail, "hint": self.web_hint}
        if self.excerpt:
            out["excerpt"] = self.excerpt
        return out
