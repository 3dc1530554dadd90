"""Reading a whole SELECT answer from an engine that cuts answers short.

Virtuoso answers at most ``[SPARQL] ResultSetMaxRows`` rows per query (Debian's default:
10 000) and says so only in a header (``X-SPARQL-MaxRows: N``). The registry, the full-text
rebuild (``reindex``) and the counts read one row per release or more, so a store with more
releases than the cap would be read incompletely, without a word. :func:`select_all` notices
the cut and reads the answer again in pages, each starting where the last one ended (a
*keyset*: ``FILTER(STR(?v) >= "last value")``). Not ``OFFSET`` pages: Virtuoso
sorts at most ``MaxSortedTopRows`` (default 10 000) rows for ``ORDER BY … OFFSET``, so the
pages past it would be refused; a keyset page sorts at most one page.

The pages are ordered by all the variables (as strings, in the order the query names them),
so every row has its place; the rows equal to the one a page ended on are read again at the
start of the next page (the cut may fall among them) and taken from there. A cut answer of a
query this cannot page (one ending in its own ``ORDER BY``, ``LIMIT`` or ``GROUP BY``) is an
error naming the setting. Each page sorts what is left of the answer, so reading an answer
many times the cap costs that many passes: keep the cap above the number of releases
(docs/deployment.md) and let the pages be the safety net, not the plan.
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import StoreError
from .base import lit

Rows = list[dict[str, str]]
#: ``query text → (rows, variables, the engine's cap when it cut the answer, else None)``
Fetch = Callable[[str], tuple[Rows, list[str], int | None]]
#: rows per page: at most Virtuoso's default ``MaxSortedTopRows``
PAGE = 10_000


def capped(headers: dict[str, str], rows: int) -> int | None:
    """The row cap the engine applied to an answer of ``rows`` rows, or ``None`` when it
    did not cut it (Virtuoso: ``X-SPARQL-MaxRows`` and as many rows as it names)."""
    value = headers.get("X-SPARQL-MaxRows") or headers.get("x-sparql-maxrows")
    if value and value.strip().isdigit() and rows >= int(value):
        return int(value)
    return None


def _cut_error(query: str, cap: int, why: str) -> StoreError:
    return StoreError(
        f"the SPARQL engine cut an answer at {cap} rows and it cannot be read in pages "
        f"({why}); raise Virtuoso's [SPARQL] ResultSetMaxRows",
        f"mesin SPARQL memotong jawaban pada {cap} baris dan jawaban itu tidak dapat dibaca "
        f"per halaman ({why}); naikkan [SPARQL] ResultSetMaxRows Virtuoso",
        where="ResultSetMaxRows")


def _after(names: list[str], last: tuple[str, ...]) -> str:
    """A FILTER keeping the rows whose ``names``, compared as strings in order, come at or
    after ``last``. Plain ``STR()``: with ``COALESCE`` in the ORDER BY, Virtuoso 7.2 returned
    pages out of order (seen here)."""
    cond = ""
    for name, value in reversed(list(zip(names, last, strict=True))):
        term = f"STR(?{name})"
        cond = f"{term} >= {lit(value)}" if not cond else \
            f"({term} > {lit(value)} || ({term} = {lit(value)} && {cond}))"
    return f" FILTER({cond})"


def select_all(query: str, fetch: Fetch) -> Rows:
    """Every row of ``query`` (a ``SELECT … WHERE { … }``), in pages when the engine cuts
    the answer; raises :class:`StoreError` when it cut it and it cannot be paged."""
    rows, names, cap = fetch(query)
    if cap is None:
        return rows
    end = query.rstrip()
    if not names or not end.endswith("}"):
        raise _cut_error(query, cap, "the query ends in its own solution modifiers")
    # the pages are ordered by the variables every row binds (an unbound one sorts first,
    # so the first page shows whether one is ever unbound)
    keys = [n for n in names if all(n in r for r in rows)]
    while True:
        if not keys:
            raise _cut_error(query, cap, "no variable is bound in every row")
        out = _pages(end[:-1], keys, min(cap, PAGE), fetch, query, cap)
        if isinstance(out, set):  # unbound in some rows after all: order by the others
            keys = [n for n in keys if n not in out]
            continue
        return out


def _pages(head: str, keys: list[str], size: int, fetch: Fetch, query: str, cap: int
           ) -> Rows | set[str]:
    """The rows of ``head … }`` in keyset pages ordered by ``keys``; or the keys the first
    page shows unbound in some row."""
    order = " ".join(f"STR(?{n})" for n in keys)

    def key(row: dict[str, str]) -> tuple[str, ...]:
        return tuple(row[n] for n in keys)

    out: Rows = []
    last: tuple[str, ...] | None = None
    while True:
        where = _after(keys, last) if last is not None else ""
        page, _, _ = fetch(f"{head}{where} }} ORDER BY {order} LIMIT {size}")
        unbound = {n for r in page for n in keys if n not in r}
        if unbound:
            if last is None:
                return unbound
            raise _cut_error(query, cap, "a variable of the order is unbound")
        if last is not None:  # the rows equal to ``last`` come again, all of them
            out = [r for r in out if key(r) != last]
        out += page
        if len(page) < size:
            return out
        if key(page[0]) == key(page[-1]):
            raise _cut_error(query, cap, f"more than {size} rows are the same")
        last = key(page[-1])
