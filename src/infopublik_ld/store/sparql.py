"""Remote store: any SPARQL 1.1 server through the Protocol (query, update) and the Graph Store
Protocol. Tested against Virtuoso Open Source 7 (digest authentication on the update and GSP
endpoints) and Oxigraph server.

Atomicity: every write is one update request; Virtuoso (like Fuseki and Oxigraph server) runs a
request in one transaction. There are no checkpoints: readers see the live data, and the
version in the store is the ETag.

What a researcher's query sees (the public dataset) is the union of the release graphs, on
every engine, never the bookkeeping graphs (registry, versions, tombstones):

- ``virtuoso``: FROM-restricted queries by exclusion: every public query starts with
  ``define input:default-graph-exclude`` and ``input:named-graph-exclude`` pragmas naming the
  bookkeeping graphs and Virtuoso's own system graphs, so the default graph is the union of
  the release graphs (the engine holds one instance's data) and ``GRAPH ?g`` ranges over them.
  A graph group holding the release graphs, tried first, gave incomplete joins as the default
  graph (Virtuoso 7.2.5). Public queries get Virtuoso's ``timeout`` parameter.
- ``oxigraph`` (Oxigraph server) and ``generic`` engines cannot exclude graphs: the bookkeeping
  lives in a second dataset (``sparql_meta_query_url`` / ``sparql_meta_update_url``: for
  Oxigraph server a second server process) and public queries ask for the union of the
  data engine's graphs (``union-default-graph`` for Oxigraph; on Fuseki or GraphDB configure
  the union default graph). Writes across the two keep the embedded store's protocol: the
  data transaction carries the bookkeeping update as a mark that recovery re-applies.

The read path (:meth:`SparqlStore.public`) keeps one HTTP connection per thread alive, holds a
wall-clock deadline over the whole request, and translates what the engine says into this
package's errors without repeating internal URLs or credentials.
"""

from __future__ import annotations

import functools
import json
import re
import urllib.parse
from typing import BinaryIO
from urllib.parse import quote_plus, urlencode

from ..errors import ConfigError, QueryError, StoreError
from .base import SYS, Block, GraphStore, block, insert_data, lit
from .sparql_http import HttpClient, Reply, engine_timeout, scrub, unavailable
from .sparql_pages import capped, select_all
from .sparql_text import (
    bind,
    graph_variables,
    normalise_json,
    ox_terms,
    parse_triples,
    query_form,
    reserialise,
    term_text,
)

__all__ = ["ENGINES", "JSON_RESULTS", "NTRIPLES", "VIRTUOSO_SYSTEM_GRAPHS", "Reply",
           "SparqlStore", "bind", "graph_variables", "normalise_json", "ox_terms",
           "parse_triples", "query_form", "reserialise", "term_text"]

ENGINES = ("virtuoso", "oxigraph", "generic")
JSON_RESULTS = "application/sparql-results+json"
NTRIPLES = "application/n-triples"
#: graphs a fresh Virtuoso 7 keeps for itself (left out of ``GRAPH ?g`` like the bookkeeping)
VIRTUOSO_SYSTEM_GRAPHS = ("http://www.openlinksw.com/schemas/virtrdf#", "http://www.w3.org/ns/ldp#",
                          "http://localuriqaserver/sparql")
#: Virtuoso's answer header when a query hit its ``timeout`` ("anytime" partial answer)
_PARTIAL = ("S1TAT",)
FORM = "application/x-www-form-urlencoded; charset=utf-8"
#: how Oxigraph server ends an answer its ``--timeout-s`` cut: the status (200) and the start
#: of the document are sent already, so the words end the body (0.5.13)
_CANCELLED = b"operation has been cancelled"
_TIMEOUT_WORDS = re.compile(r"S1T00|SR171|timed? ?out|timeout", re.I)


@functools.lru_cache(maxsize=16)
def _quoted(text: str) -> str:
    """``text`` form-encoded (the constant dataset prefix, remembered)."""
    return quote_plus(text)


def _rows(reply: Reply) -> tuple[list[dict[str, str]], list[str], int | None]:
    """Rows (variable → lexical value), variables, and the cap the engine cut them at."""
    doc = json.loads(reply.body)
    rows = [{k: v["value"] for k, v in row.items()} for row in doc["results"]["bindings"]]
    return rows, doc["head"].get("vars", []), capped(reply.headers, len(rows))


class SparqlStore(GraphStore):
    """A remote SPARQL 1.1 server (see module docstring)."""

    chunk_size = 50

    def __init__(self, *, base: str, query_url: str, update_url: str, gsp_url: str = "",
                 user: str = "", password: str = "", timeout: float = 120.0,
                 engine: str = "virtuoso", meta_query_url: str = "",
                 meta_update_url: str = ""):
        super().__init__(base)
        if not query_url or not update_url:
            raise ConfigError(
                "store = 'sparql' needs sparql_query_url and sparql_update_url",
                "store = 'sparql' memerlukan sparql_query_url dan sparql_update_url",
                where="sparql_query_url")
        if engine not in ENGINES:
            raise ConfigError(f"sparql_engine {engine!r} is not one of {', '.join(ENGINES)}",
                              f"sparql_engine {engine!r} bukan salah satu dari "
                              f"{', '.join(ENGINES)}", where="sparql_engine")
        if engine != "virtuoso" and not (meta_query_url and meta_update_url):
            raise ConfigError(
                f"sparql_engine = {engine!r} cannot leave graphs out of its default graph: "
                "the bookkeeping needs a dataset of its own (settings sparql_meta_query_url, "
                "sparql_meta_update_url)",
                f"sparql_engine = {engine!r} tidak dapat mengecualikan graf dari graf bawaannya: "
                "pembukuan memerlukan "
                "dataset sendiri (setelan sparql_meta_query_url, sparql_meta_update_url)",
                where="sparql_meta_query_url")
        self.query_url, self.update_url, self.gsp_url = query_url, update_url, gsp_url
        self.meta_query_url = meta_query_url or query_url
        self.meta_update_url = meta_update_url or update_url
        self.split = bool(meta_query_url)
        self.engine, self.timeout, self.user = engine, timeout, user
        self.http = HttpClient(user, password, [query_url, update_url, gsp_url, meta_query_url,
                                           meta_update_url], timeout)
        self._secrets = [user, password]
        self.number = 0
        #: bookkeeping graphs beside :attr:`g`, kept out of the public dataset too: the
        #: authority list's curation (identity/registry.py; named here, as the identity
        #: package builds on the store and not the other way round)
        self.private = (f"{base}graph/authority",)

    # --- HTTP with this package's errors ----------------------------------------------
    def _call(self, url: str, form: list[tuple[str, str]], accept: str, *,
              deadline: float | None = None, limit: float | None = None,
              body: bytes | None = None) -> Reply:
        """POST ``form`` (or ``body``, a form already encoded) to ``url``; the engine's
        answer, or this package's error for what went wrong."""
        try:
            if body is None:
                reply = self.http.request("POST", url, form=form, accept=accept,
                                          deadline=deadline)
            else:
                reply = self.http.request("POST", url, body=body, content_type=FORM,
                                          accept=accept, deadline=deadline)
        except TimeoutError:
            if limit is not None:
                raise engine_timeout(limit) from None
            raise unavailable("no answer in time") from None
        except OSError as exc:
            raise unavailable(getattr(exc, "strerror", None) or type(exc).__name__) from None
        if reply.status in (401, 403):
            raise StoreError(
                "the SPARQL engine refused our credentials (settings `sparql_user`, "
                "`sparql_password` or INFOPUBLIK_SPARQL_PASSWORD)",
                "mesin SPARQL menolak kredensial kita (setelan `sparql_user`, "
                "`sparql_password` atau INFOPUBLIK_SPARQL_PASSWORD)", where="sparql_user")
        detail = scrub(reply.body[:2000].decode("utf-8", "replace"), self._secrets) \
            if reply.status >= 300 else ""
        if reply.status >= 300 and _TIMEOUT_WORDS.search(detail) and limit is not None:
            raise engine_timeout(limit)
        # Virtuoso answers 500 to what its compiler refused (37000, SPnnn) and to a sort
        # past its 10 000-row TOP limit (SR353): the query's fault, so our 400
        rejected = 400 <= reply.status < 500 or (
            reply.status == 500 and re.search(r"\b37000\b|\bSP\d{3}\b|\bSR353\b", detail))
        if rejected and (body is not None or any(k in ("query", "update") for k, _ in form)):
            pos = re.search(r"(\d+):(\d+)", detail)
            line = re.search(r"line (\d+)", detail)
            where = f"{pos.group(1)}:{pos.group(2)}" if pos else \
                f"{line.group(1)}:" if line else "query"
            raise QueryError(f"the SPARQL engine rejected the query: {detail}",
                             f"mesin SPARQL menolak kueri: {detail}", where=where)
        if reply.status >= 300:
            raise StoreError(f"the SPARQL engine failed ({reply.status}): {detail}",
                             f"mesin SPARQL gagal ({reply.status}): {detail}")
        if reply.headers.get("X-SQL-State") in _PARTIAL or \
                reply.headers.get("x-sql-state") in _PARTIAL:
            raise engine_timeout(limit or self.timeout)
        if _CANCELLED in reply.body[-200:]:
            raise engine_timeout(limit or self.timeout)
        return reply

    def _post(self, url: str, form: dict, accept: str = "*/*") -> bytes:
        return self._call(url, list(form.items()), accept).body

    # --- the public dataset -----------------------------------------------------------
    def _dataset(self, default_graph: list[str] | None, named_graphs: list[str] | None,
                 limit: float | None) -> tuple[str, list[tuple[str, str]]]:
        """The text put before a query and the protocol parameters sent with it, so that it
        runs on the public dataset (``None`` graphs: the union of the release graphs)."""
        params: list[tuple[str, str]] = []
        prefix = ""
        if self.engine == "virtuoso":
            # every graph of the engine but the bookkeeping and Virtuoso's own: its graph
            # groups would say "the release graphs" directly, but a group as the default
            # graph gave incomplete joins (4 of 20 rows, 7.2.5, 300 graphs)
            excluded = (*self.g.values(), *self.private, *VIRTUOSO_SYSTEM_GRAPHS)
            pragmas = []
            if default_graph is None:
                pragmas += [f"define input:default-graph-exclude <{g}>" for g in excluded]
            if named_graphs is None:
                pragmas += [f"define input:named-graph-exclude <{g}>" for g in excluded]
            if pragmas:  # on the query's first line: the engine's line numbers stay true
                prefix = " ".join(pragmas) + " "
            if limit:
                params.append(("timeout", str(int(limit * 1000))))
        elif self.engine == "oxigraph" and default_graph is None:
            params.append(("union-default-graph", ""))
        params += [("default-graph-uri", g) for g in default_graph or []]
        params += [("named-graph-uri", g) for g in named_graphs or []]
        return prefix, params

    def public_form(self, query: str, default_graph: list[str] | None = None,
                    named_graphs: list[str] | None = None,
                    limit: float | None = None) -> tuple[str, list[tuple[str, str]]]:
        """The query text and protocol parameters that run ``query`` on the public dataset
        (``None`` graphs: the union of the release graphs)."""
        prefix, params = self._dataset(default_graph, named_graphs, limit)
        text = prefix + graph_variables(query) if prefix else query
        return text, [("query", text)] + params

    def public(self, query: str, *, accept: str, default_graph: list[str] | None = None,
               named_graphs: list[str] | None = None, deadline: float | None = None,
               limit: float | None = None) -> Reply:
        """Run a (guarded) query on the public dataset; raise :class:`QueryTimeout` past
        ``deadline``, :class:`QueryError` when the engine rejects it,
        :class:`EngineUnavailable` when it cannot be reached."""
        prefix, params = self._dataset(default_graph, named_graphs, limit)
        # the form encoded here, the constant prefix once (percent-encoding is per
        # character): encoding a kilobyte of pragmas per request was a tenth of the node's
        # CPU per proxied point lookup
        text = _quoted(prefix) + quote_plus(graph_variables(query) if prefix else query)
        body = f"query={text}" + ("&" + urlencode(params) if params else "")
        return self._call(self.query_url, [], accept, deadline=deadline, limit=limit,
                          body=body.encode("ascii"))

    def select(self, sparql: str) -> list[dict[str, str]]:
        """A SELECT on the public dataset; rows map variable names to lexical values. Every
        row, also past the engine's row cap (:mod:`.sparql_pages`)."""
        return select_all(sparql, lambda text: _rows(self.public(text, accept=JSON_RESULTS)))

    def query(self, sparql: str, *, media_type: str = JSON_RESULTS,
              substitutions: dict | None = None) -> bytes:
        """Any query on the public dataset: SELECT/ASK as SPARQL JSON, graphs in
        ``media_type`` (N-Triples from the engine, re-serialised here)."""
        if substitutions:
            sparql = bind(sparql, substitutions)
        if query_form(sparql) in ("CONSTRUCT", "DESCRIBE"):
            body = self.public(sparql, accept=NTRIPLES).body
            return reserialise(body, media_type)
        return normalise_json(self.public(sparql, accept=JSON_RESULTS).body)

    # --- bookkeeping ------------------------------------------------------------------
    def select_meta(self, sparql: str) -> list[dict[str, str]]:
        """A SELECT over the bookkeeping graphs (all graphs of the bookkeeping dataset),
        every row, also past the engine's row cap."""
        return select_all(sparql, lambda text: _rows(self._call(
            self.meta_query_url, [("query", text)], JSON_RESULTS)))

    def query_meta(self, sparql: str) -> bytes:
        """A query over the bookkeeping graphs, as SPARQL JSON results."""
        return normalise_json(self._post(self.meta_query_url, {"query": sparql}, JSON_RESULTS))

    def release_graphs(self) -> list[str]:
        """Release graphs of the current data, from the registry, sorted."""
        return sorted(self.releases())

    def check_access(self) -> None:
        """Reach the engine and, when credentials are set, prove them (``serve`` start).

        Raises :class:`EngineUnavailable` or :class:`StoreError` with one clear line.
        """
        self._post(self.meta_query_url, {"query": "ASK {}"}, JSON_RESULTS)
        if self.user and self.gsp_url:
            url = self._gsp(f"{self.base}graph/release/-access-check-")
            try:
                reply = self.http.request("GET", url, accept=NTRIPLES)
            except OSError as exc:
                raise unavailable(getattr(exc, "strerror", None) or type(exc).__name__) \
                    from None
            if reply.status in (401, 403):
                raise StoreError(
                    f"the SPARQL engine refused the user {self.user!r} (settings "
                    "`sparql_user`, `sparql_password` or INFOPUBLIK_SPARQL_PASSWORD)",
                    f"mesin SPARQL menolak pengguna {self.user!r} (setelan `sparql_user`, "
                    "`sparql_password` atau INFOPUBLIK_SPARQL_PASSWORD)", where="sparql_user")

    # --- writes -----------------------------------------------------------------------
    def _write(self, drops: list[str], deletes: list[str], inserts: list[Block]) -> None:
        ops = [f"DROP SILENT GRAPH <{g}>" for g in drops] + deletes
        body = insert_data(inserts)
        self._post(self.update_url, {"update": " ;\n".join(ops + ([body] if body else []))})

    #: statements per update when the statistics graph is rewritten: Virtuoso's SPARQL
    #: compiler runs out of memory on one update of a few thousand lines (SP030, seen here)
    STATISTICS_BATCH = 1000

    def _write_statistics(self, deletes: list[str], insert: Block) -> None:
        """The statistics graph in batches the engine can compile. Not one transaction, as on
        the embedded store: the counts are derived data, and each version's write compares
        the graph as it is with the totals, so an interrupted rewrite is repaired by the next."""
        n = self.STATISTICS_BATCH
        for i in range(0, len(deletes), n):
            self._write([], deletes[i:i + n], [])
        graph, text = insert
        lines = text.splitlines(keepends=True)
        for i in range(0, len(lines), n):
            self._write([], [], [(graph, "".join(lines[i:i + n]))])

    #: bytes of triples per update when the statistics snapshot is written: Virtuoso refuses
    #: an update text over 10 MB ("string session is longer than 10Mb", seen at 1 M releases)
    SNAPSHOT_BYTES = 2_000_000

    def _write_snapshot(self, deletes: list[str], lines: list[str], entry: Block) -> None:
        """The snapshot in updates of at most :data:`SNAPSHOT_BYTES`: the deletes (the head's
        among them) first, the head last. Derived data: a reader finds a head only once every
        part is there, and without one it recounts
        (:func:`infopublik_ld.stats.counts.read_snapshot`)."""
        batches: list[list[str]] = [[]]
        size = 0
        for line in lines:
            if batches[-1] and size + len(line) > self.SNAPSHOT_BYTES:
                batches.append([])
                size = 0
            batches[-1].append(line)
            size += len(line)
        if len(batches) == 1:
            super()._write_snapshot(deletes, lines, entry)
            return
        self._commit([], [], deletes, [])
        for i, batch in enumerate(batches):
            last = i == len(batches) - 1
            self._commit([], [], [], [(self.g["registry"], block(batch))] + ([entry] if last
                                                                           else []))

    def _commit(self, drops: list[str], data: list[Block], meta_deletes: list[str],
                meta: list[Block]) -> None:
        """One change. Same dataset: one update. Split datasets: the data update carries
        the bookkeeping update as a mark in ``graph/pending``; the bookkeeping update runs;
        dropping the mark ends it (:meth:`_recover_pending` re-applies a leftover mark)."""
        if not self.split:
            self._write(drops, meta_deletes, data + meta)
            return
        payload = " ;\n".join(meta_deletes + ([insert_data(meta)] if insert_data(meta) else []))
        if not drops and not data:
            if payload:
                self._post(self.meta_update_url, {"update": payload})
            return
        pending = self.g["pending"]
        mark = (pending, block([f"<{pending}> <{SYS}metaUpdate> {lit(payload)}"]))
        ops = [f"DROP SILENT GRAPH <{g}>" for g in drops] + [insert_data(data + [mark])]
        self._post(self.update_url, {"update": " ;\n".join(ops)})
        if payload:
            self._post(self.meta_update_url, {"update": payload})
        self._post(self.update_url, {"update": f"DROP SILENT GRAPH <{pending}>"})

    def _recover_pending(self) -> None:
        """Re-apply a bookkeeping update a crash left as a mark (split datasets)."""
        if not self.split:
            return
        pending = self.g["pending"]
        doc = json.loads(self._post(self.query_url, {"query": (
            f"SELECT ?u WHERE {{ GRAPH <{pending}> {{ ?m <{SYS}metaUpdate> ?u }} }}")},
            JSON_RESULTS))
        for row in doc["results"]["bindings"]:
            if row["u"]["value"]:
                self._post(self.meta_update_url, {"update": row["u"]["value"]})
        if doc["results"]["bindings"]:
            self._post(self.update_url, {"update": f"DROP SILENT GRAPH <{pending}>"})

    # --- reading whole graphs (dumps, harvest) ----------------------------------------
    def _gsp(self, graph: str) -> str:
        name = "graph-uri" if "graph-crud" in self.gsp_url else "graph"  # Virtuoso's name
        sep = "&" if "?" in self.gsp_url else "?"
        return f"{self.gsp_url}{sep}{urllib.parse.urlencode({name: graph})}"

    def open_graph(self, graph: str) -> BinaryIO:
        """One graph as an N-Triples stream (Graph Store Protocol, else a CONSTRUCT)."""
        if self.gsp_url:
            return self.http.stream(self._gsp(graph), NTRIPLES)
        form = urllib.parse.urlencode({"query": (
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")})
        return self.http.stream(f"{self.query_url}?{form}", NTRIPLES)

    def get_graph(self, graph: str) -> bytes:
        """One graph as N-Triples."""
        with self.open_graph(graph) as fh:
            return fh.read()

    def dump(self, out: BinaryIO) -> None:
        """Write every release graph as N-Quads, one graph at a time (memory stays flat)."""
        for g in self.release_graphs():
            with self.open_graph(g) as fh:
                for line in fh:
                    line = line.strip()
                    if line and not line.startswith(b"#"):
                        out.write(line[:-1].rstrip() + b" <" + g.encode() + b"> .\n")

    def close(self) -> None:
        """Nothing to release."""


