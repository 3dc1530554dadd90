"""The SPARQL-lite policy: a tokenizer over SPARQL terminals that refuses what the endpoint
does not run, before anything runs.

It never parses the full grammar (Oxigraph reports syntax errors itself); it reads the query's
terminals — strings (short and long), IRIs, comments, prefixed names, variables, language tags,
numbers and keywords — so ``"SERVICE"`` in a string, ``?service`` or ``ex:service`` never count
as the keyword. Refused with :class:`QueryError` (HTTP 400), ``where`` naming the clause:

- updates (``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR``, ``CREATE``, ``DROP``, ``COPY``,
  ``MOVE``, ``ADD``, ``WITH``, ``USING``) and ``SERVICE``;
- ``FROM`` / ``FROM NAMED`` of anything but a release graph of this instance or its
  statistics graph (``{base}graph/statistics``, docs/statistics.md);
- queries longer than ``max_query_bytes``, ``OFFSET`` over ``max_offset``, regex patterns
  longer than ``max_regex_length`` or with a nested quantifier such as ``(a+)+`` (harmless to
  Oxigraph's linear-time regex engine, catastrophic for the backtracking engines of remote
  stores such as Virtuoso).

Decisions are cached by query text (an LRU of :data:`CACHE_SIZE` entries).

>>> policy = Policy("http://127.0.0.1:8080/")
>>> policy.check('SELECT ?service WHERE { ?s ?p "SERVICE <http://x/>" }').form
'SELECT'
>>> policy.check("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }")
Traceback (most recent call last):
...
infopublik_ld.errors.QueryError: SERVICE is not allowed: ...
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from urllib.parse import urljoin

from ..errors import QueryError

#: query texts whose decision is remembered
CACHE_SIZE = 4096

_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''
             |\"\"\"(?:(?:"|"")?(?:[^"\\]|\\.))*\"\"\"
             |'(?:[^'\\\n\r]|\\.)*'
             |"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00B7]+)
  | (?P<bnode>_:[\w.-]*[\w-])
  | (?P<pname>(?:[^\W\d_][\w.-]*)?:(?:(?:[\w\-:%.\\]|%[0-9A-Fa-f]{2})*[\w\-:%\\])?)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
  | (?P<word>[A-Za-z_]\w*)
  | (?P<punct>\^\^|\|\||&&|!=|<=|>=|.)
""", re.VERBOSE | re.DOTALL)

#: keywords that only occur in SPARQL Update
UPDATE_WORDS = frozenset(("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY",
                          "MOVE", "ADD", "WITH", "USING"))
QUERY_FORMS = frozenset(("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"))
REGEX_WORDS = frozenset(("REGEX", "REPLACE"))


@dataclass(frozen=True)
class Decision:
    """What the guard learnt of an accepted query."""

    #: SELECT, ASK, CONSTRUCT or DESCRIBE ("" when the form could not be seen: Oxigraph
    #: will report the syntax error)
    form: str
    #: graphs named by FROM, then by FROM NAMED (absolute IRIs: release graphs, or the
    #: statistics graph)
    from_graphs: tuple[str, ...] = ()
    from_named: tuple[str, ...] = ()


def tokens(query: str) -> list[tuple[str, str]]:
    """The query's terminals as ``(kind, text)`` pairs, whitespace and comments left out.

    >>> tokens('ASK { ?s <p> "a#b" } # c')
    [('word', 'ASK'), ('punct', '{'), ('var', '?s'), ('iri', '<p>'), ('string', '"a#b"'), \
('punct', '}')]
    """
    return [(m.lastgroup, m.group()) for m in _TOKEN.finditer(query)
            if m.lastgroup not in ("ws", "comment")]


def _refuse(where: str, en: str, id_: str) -> QueryError:
    return QueryError(en, id_, where=where)


class Policy:
    """The limits of one instance; :meth:`check` applies them to a query."""

    def __init__(self, base_iri: str, *, max_query_bytes: int = 20_000,
                 max_offset: int = 10_000, max_regex_length: int = 500):
        self.release_prefix = f"{base_iri}graph/release/"
        #: the counts as an RDF Data Cube: public data beside the releases
        self.statistics_graph = f"{base_iri}graph/statistics"
        self.max_query_bytes = max_query_bytes
        self.max_offset = max_offset
        self.max_regex_length = max_regex_length
        self._cached = functools.lru_cache(maxsize=CACHE_SIZE)(self._decide)

    @classmethod
    def from_settings(cls, settings) -> Policy:
        """The policy configured by ``settings``."""
        return cls(settings.base_iri, max_query_bytes=settings.max_query_bytes,
                   max_offset=settings.max_offset, max_regex_length=settings.max_regex_length)

    def check(self, query: str) -> Decision:
        """Return the :class:`Decision` for ``query``; raise :class:`QueryError` if refused."""
        size = len(query.encode("utf-8")) if len(query) * 4 > self.max_query_bytes \
            else len(query)
        if size > self.max_query_bytes:
            raise _refuse("query", f"the query is {size} bytes long; at most "
                          f"{self.max_query_bytes} are accepted (setting `max_query_bytes`)",
                          f"kueri sepanjang {size} bita; paling banyak {self.max_query_bytes} "
                          "diterima (setelan `max_query_bytes`)")
        if not query.strip():
            raise _refuse("query", "the query is empty", "kueri kosong")
        outcome = self._cached(query)
        if isinstance(outcome, QueryError):
            raise outcome
        return outcome

    # --- the decision (pure, cached) -------------------------------------------------
    def _decide(self, query: str) -> Decision | QueryError:
        try:
            return self._scan(tokens(query))
        except QueryError as exc:
            return exc

    def _scan(self, toks: list[tuple[str, str]]) -> Decision:
        prefixes: dict[str, str] = {}
        base = ""
        form = ""
        graphs: list[str] = []
        named: list[str] = []
        i, n = 0, len(toks)
        while i < n:
            kind, text = toks[i]
            if kind != "word":
                i += 1
                continue
            word = text.upper()
            nxt = toks[i + 1] if i + 1 < n else ("", "")
            if word == "PREFIX" and nxt[0] == "pname" and i + 2 < n and toks[i + 2][0] == "iri":
                prefixes[nxt[1][:-1]] = urljoin(base, toks[i + 2][1][1:-1])
                i += 3
                continue
            if word == "BASE" and nxt[0] == "iri":
                base = urljoin(base, nxt[1][1:-1])
            elif word in QUERY_FORMS and not form:
                form = word
            elif word == "SERVICE":
                raise _refuse("SERVICE", "SERVICE is not allowed: this endpoint never sends "
                              "requests to other servers",
                              "SERVICE tidak diizinkan: titik akhir ini tidak pernah mengirim "
                              "permintaan ke server lain")
            elif word == "LOAD":
                raise _refuse("LOAD", "LOAD is not allowed: this endpoint only reads its own "
                              "data", "LOAD tidak diizinkan: titik akhir ini hanya membaca "
                              "datanya sendiri")
            elif word in UPDATE_WORDS:
                raise _refuse(word, f"{word}: SPARQL Update is not accepted here; this endpoint "
                              "is read-only", f"{word}: SPARQL Update tidak diterima di sini; "
                              "titik akhir ini hanya-baca")
            elif word == "FROM":
                clause = "FROM"
                j = i + 1
                if nxt[0] == "word" and nxt[1].upper() == "NAMED":
                    clause, j = "FROM NAMED", i + 2
                target = self._graph(toks[j] if j < n else ("", ""), prefixes, base, clause)
                (named if clause == "FROM NAMED" else graphs).append(target)
                i = j + 1
                continue
            elif word == "OFFSET" and nxt[0] == "number":
                value = int(float(nxt[1]))
                if value > self.max_offset:
                    raise _refuse("OFFSET", f"OFFSET {value} is too large; at most "
                                  f"{self.max_offset} is accepted (setting `max_offset`): page "
                                  "with a filter on a sorted value instead",
                                  f"OFFSET {value} terlalu besar; paling besar {self.max_offset}"
                                  " (setelan `max_offset`): gunakan filter pada nilai terurut")
            elif word in REGEX_WORDS and nxt[1] == "(":
                self._check_regex(toks, i + 1, word)
            i += 1
        return Decision(form, tuple(graphs), tuple(named))

    def _graph(self, tok: tuple[str, str], prefixes: dict[str, str], base: str,
               clause: str) -> str:
        kind, text = tok
        if kind == "iri":
            target = urljoin(base, text[1:-1]) if base else text[1:-1]
        elif kind == "pname" and text.split(":", 1)[0] in prefixes:
            p, local = text.split(":", 1)
            target = prefixes[p] + local.replace("\\", "")
        else:
            raise _refuse(clause, f"{clause} needs a graph IRI, found {text!r}",
                          f"{clause} memerlukan IRI graf, ditemukan {text!r}")
        return self.graph_iri(target, clause)

    def graph_iri(self, target: str, clause: str) -> str:
        """``target`` if it is a release graph IRI of this instance or its statistics graph,
        else :class:`QueryError`.

        >>> Policy("http://x/").graph_iri("http://x/graph/statistics", "FROM NAMED")
        'http://x/graph/statistics'
        >>> Policy("http://x/").graph_iri("file:///etc/passwd", "FROM")
        Traceback (most recent call last):
        ...
        infopublik_ld.errors.QueryError: FROM <file:///etc/passwd>: only release graphs of \
this dataset (<http://x/graph/release/…>) and its statistics (<http://x/graph/statistics>) \
can be queried
        """
        if target == self.statistics_graph:
            return target
        key = target[len(self.release_prefix):]
        if not target.startswith(self.release_prefix) or not key or "/" in key:
            raise _refuse(clause, f"{clause} <{target}>: only release graphs of this dataset "
                          f"(<{self.release_prefix}…>) and its statistics "
                          f"(<{self.statistics_graph}>) can be queried",
                          f"{clause} <{target}>: hanya graf siaran pers dataset ini "
                          f"(<{self.release_prefix}…>) dan statistiknya "
                          f"(<{self.statistics_graph}>) yang dapat dikueri")
        return target

    def _check_regex(self, toks: list[tuple[str, str]], start: int, word: str) -> None:
        depth = 0
        for kind, text in toks[start:]:
            if text == "(":
                depth += 1
            elif text == ")":
                depth -= 1
                if depth == 0:
                    return
            elif kind == "string":
                quote = 3 if text[:3] in ("'''", '"""') else 1
                length = len(text) - 2 * quote
                if nested_quantifier(text[quote:-quote]):
                    raise _refuse(word, f"{word}: the pattern {text} repeats a group that "
                                  "itself repeats (like (a+)+), which can take exponential "
                                  "time; rewrite it without the nested repetition",
                                  f"{word}: pola {text} mengulang grup yang juga berulang "
                                  "(seperti (a+)+) sehingga bisa berjalan sangat lama; tulis "
                                  "ulang tanpa pengulangan bersarang")
                if length > self.max_regex_length:
                    raise _refuse(word, f"{word}: a pattern of {length} characters is too long;"
                                  f" at most {self.max_regex_length} are accepted (setting "
                                  "`max_regex_length`)",
                                  f"{word}: pola sepanjang {length} karakter terlalu panjang; "
                                  f"paling banyak {self.max_regex_length} (setelan "
                                  "`max_regex_length`)")


def nested_quantifier(pattern: str) -> bool:
    """True when a repeated group contains a repetition: ``(a+)+``, ``(\\w*x)*``, ``(a{2,})+``.

    >>> nested_quantifier("(a+)+$"), nested_quantifier("^(ab)+c*$"), nested_quantifier("[(+]+")
    (True, False, False)
    """
    stack: list[bool] = []
    quantified_inside = False
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":  # a character class: skip to its end
            i += 1
            while i < n and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif ch == "(":
            stack.append(quantified_inside)
            quantified_inside = False
        elif ch == ")" and stack:
            inner = quantified_inside
            quantified_inside = stack.pop()
            if i + 1 < n and pattern[i + 1] in "+*{" and inner:
                return True
            quantified_inside = quantified_inside or inner
        elif ch in "+*{":
            quantified_inside = True
        i += 1
    return False
