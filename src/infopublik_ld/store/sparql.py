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

import http.client
import json
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from ..errors import ConfigError, EngineUnavailable, QueryError, QueryTimeout, StoreError
from .base import SYS, Block, GraphStore, block, insert_data, iri, lit

ENGINES = ("virtuoso", "oxigraph", "generic")
JSON_RESULTS = "application/sparql-results+json"
NTRIPLES = "application/n-triples"
#: graphs a fresh Virtuoso 7 keeps for itself (left out of ``GRAPH ?g`` like the bookkeeping)
VIRTUOSO_SYSTEM_GRAPHS = ("http://www.openlinksw.com/schemas/virtrdf#", "http://www.w3.org/ns/ldp#",
                          "http://localuriqaserver/sparql")
#: Virtuoso's answer header when a query hit its ``timeout`` ("anytime" partial answer)
_PARTIAL = ("S1TAT",)
_TIMEOUT_WORDS = re.compile(r"S1T00|SR171|timed? ?out|timeout", re.I)


def _nt(binding: dict) -> str:
    """A SPARQL JSON binding as an N-Triples term."""
    if binding["type"] == "uri":
        return iri(binding["value"])
    if binding["type"] == "bnode":
        return f"_:{re.sub(r'[^A-Za-z0-9]', '_', binding['value'])}"
    return lit(binding["value"], lang=binding.get("xml:lang"), datatype=binding.get("datatype"))


@dataclass
class Reply:
    """An engine's answer: status, content type (without parameters), headers, body."""

    status: int
    content_type: str
    headers: dict[str, str]
    body: bytes


def scrub(text: str, secrets: list[str]) -> str:
    """``text`` without the engine's echo of the query, internal URLs or ``secrets``.

    >>> scrub("Error SP030: syntax error at 'x'\\n\\nSPARQL query:\\ndefine a SELECT", [])
    "Error SP030: syntax error at 'x'"
    >>> scrub("see http://10.0.0.5:8890/sparql-auth for dba", ["dba"])
    'see [engine] for [user]'
    """
    text = text.split("SPARQL query:")[0]
    text = re.sub(r"https?://[^\s\"'<>]+", "[engine]", text)
    for s in secrets:
        if s and len(s) >= 2:
            text = text.replace(s, "[user]")
    return re.sub(r"\s+", " ", text).strip()[:400]


class _Http:
    """One engine's HTTP side: a keep-alive connection per thread for queries, urllib (digest
    or basic authentication) for anything that needs credentials."""

    def __init__(self, user: str, password: str, urls: list[str], timeout: float):
        self.user, self.password, self.timeout = user, password, timeout
        self._local = threading.local()
        handlers: list = []
        if user:
            pw = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for url in urls:
                if url:
                    pw.add_password(None, url, user, password)
            handlers += [urllib.request.HTTPDigestAuthHandler(pw),
                         urllib.request.HTTPBasicAuthHandler(pw)]
        self.opener = urllib.request.build_opener(*handlers)
        #: URLs that answered 401 without credentials: always sent through ``opener``
        self.auth_urls: set[str] = set()

    def _conn(self, parts: urllib.parse.SplitResult, timeout: float) -> http.client.HTTPConnection:
        pool = self._local.__dict__.setdefault("pool", {})
        key = (parts.scheme, parts.netloc)
        conn = pool.get(key)
        if conn is None:
            cls = http.client.HTTPSConnection if parts.scheme == "https" \
                else http.client.HTTPConnection
            conn = cls(parts.hostname, parts.port, timeout=timeout)
            pool[key] = conn
        conn.timeout = timeout
        if conn.sock is not None:
            conn.sock.settimeout(timeout)
        return conn

    def _drop(self, parts: urllib.parse.SplitResult) -> None:
        conn = self._local.__dict__.get("pool", {}).pop((parts.scheme, parts.netloc), None)
        if conn is not None:
            conn.close()

    def request(self, method: str, url: str, *, form: list[tuple[str, str]] | None = None,
                body: bytes | None = None, content_type: str = "", accept: str = "*/*",
                deadline: float | None = None) -> Reply:
        """Send one request; raise ``socket.timeout`` past ``deadline`` and ``OSError`` when
        the engine cannot be reached. Any HTTP status is returned, not raised."""
        if form is not None:
            body = urllib.parse.urlencode(form).encode("utf-8")
            content_type = "application/x-www-form-urlencoded; charset=utf-8"
        headers = {"Accept": accept}
        if content_type:
            headers["Content-Type"] = content_type
        if url in self.auth_urls:
            return self._urllib(method, url, body, headers, deadline)
        parts = urllib.parse.urlsplit(url)
        target = parts.path + ("?" + parts.query if parts.query else "")
        for attempt in (1, 2):  # a kept-alive connection the engine closed: retry once
            remaining = self._remaining(deadline)
            conn = self._conn(parts, remaining)
            try:
                conn.request(method, target, body=body, headers=headers)
                resp = conn.getresponse()
                data = self._read(resp, deadline)
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError,
                    http.client.CannotSendRequest, http.client.ResponseNotReady):
                self._drop(parts)
                if attempt == 2:
                    raise
                continue
            except BaseException:
                self._drop(parts)
                raise
            if resp.getheader("Connection", "").lower() == "close":
                self._drop(parts)
            if resp.status == 401 and self.user:
                self.auth_urls.add(url)
                return self._urllib(method, url, body, headers, deadline)
            return Reply(resp.status, (resp.getheader("Content-Type") or "").split(";")[0]
                         .strip().lower(), dict(resp.getheaders()), data)
        raise OSError("unreachable")  # pragma: no cover - the loop returns or raises

    def _remaining(self, deadline: float | None) -> float:
        if deadline is None:
            return self.timeout
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("deadline passed")
        return left

    def _read(self, resp, deadline: float | None) -> bytes:
        chunks = []
        while True:
            chunk = resp.read(1 << 16)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError("deadline passed while reading")

    def _urllib(self, method: str, url: str, body: bytes | None, headers: dict,
                deadline: float | None) -> Reply:
        req = urllib.request.Request(url, data=body, headers=headers, method=method)
        try:
            with self.opener.open(req, timeout=self._remaining(deadline)) as resp:
                data = self._read(resp, deadline)
                status, hdrs = resp.status, dict(resp.headers.items())
        except urllib.error.HTTPError as exc:
            data, status, hdrs = exc.read(), exc.code, dict(exc.headers.items())
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, (TimeoutError, socket.timeout)):
                raise TimeoutError(str(reason)) from None
            raise OSError(str(reason)) from None
        ctype = (hdrs.get("Content-Type") or hdrs.get("content-type") or "")
        return Reply(status, ctype.split(";")[0].strip().lower(), hdrs, data)

    def stream(self, url: str, accept: str) -> BinaryIO:
        """A GET whose body is read by the caller (dumps); raises like :meth:`request`."""
        req = urllib.request.Request(url, headers={"Accept": accept})
        try:
            return self.opener.open(req, timeout=self.timeout)
        except urllib.error.HTTPError as exc:
            raise StoreError(f"the SPARQL engine answered {exc.code} for a graph download",
                             f"mesin SPARQL menjawab {exc.code} untuk unduhan graf") from None
        except urllib.error.URLError as exc:
            raise unavailable(str(exc.reason)) from None


def unavailable(reason: str) -> EngineUnavailable:
    """The 503 when the engine cannot be reached."""
    exc = EngineUnavailable(
        f"the SPARQL engine is not answering ({reason}); try again shortly (operators: "
        "setting `sparql_query_url`)",
        f"mesin SPARQL tidak menjawab ({reason}); coba lagi sebentar lagi (operator: setelan "
        "`sparql_query_url`)", where="sparql_query_url")
    exc.headers = {"Retry-After": "10"}
    return exc


def engine_timeout(limit: float) -> QueryTimeout:
    """The 503 when the engine did not answer within ``limit`` seconds."""
    exc = QueryTimeout(
        f"query took longer than {limit:g} s (setting `query_time_limit`); narrow it with "
        "LIMIT, a more specific pattern or a FILTER",
        f"kueri berjalan lebih dari {limit:g} dtk (setelan `query_time_limit`); persempit "
        "dengan LIMIT, pola yang lebih spesifik atau FILTER", where="query_time_limit")
    exc.headers = {"Retry-After": "5"}
    return exc


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
        self.http = _Http(user, password, [query_url, update_url, gsp_url, meta_query_url,
                                           meta_update_url], timeout)
        self._secrets = [user, password]
        self.number = 0

    # --- HTTP with this package's errors ----------------------------------------------
    def _call(self, url: str, form: list[tuple[str, str]], accept: str, *,
              deadline: float | None = None, limit: float | None = None) -> Reply:
        try:
            reply = self.http.request("POST", url, form=form, accept=accept, deadline=deadline)
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
        rejected = 400 <= reply.status < 500 or (  # Virtuoso answers 500 to what its
            reply.status == 500 and re.search(r"\b37000\b|\bSP\d{3}\b", detail))  # compiler refused
        if rejected and any(k in ("query", "update") for k, _ in form):
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
        return reply

    def _post(self, url: str, form: dict, accept: str = "*/*") -> bytes:
        return self._call(url, list(form.items()), accept).body

    # --- the public dataset -----------------------------------------------------------
    def public_form(self, query: str, default_graph: list[str] | None = None,
                    named_graphs: list[str] | None = None,
                    limit: float | None = None) -> tuple[str, list[tuple[str, str]]]:
        """The query text and protocol parameters that run ``query`` on the public dataset
        (``None`` graphs: the union of the release graphs)."""
        params: list[tuple[str, str]] = []
        text = query
        if self.engine == "virtuoso":
            # every graph of the engine but the bookkeeping and Virtuoso's own: its graph
            # groups would say "the release graphs" directly, but a group as the default
            # graph gave incomplete joins (4 of 20 rows, 7.2.5, 300 graphs)
            excluded = (*self.g.values(), *VIRTUOSO_SYSTEM_GRAPHS)
            pragmas = []
            if default_graph is None:
                pragmas += [f"define input:default-graph-exclude <{g}>" for g in excluded]
            if named_graphs is None:
                pragmas += [f"define input:named-graph-exclude <{g}>" for g in excluded]
            if pragmas:  # on the query's first line: the engine's line numbers stay true
                text = " ".join(pragmas) + " " + graph_variables(query)
            if limit:
                params.append(("timeout", str(int(limit * 1000))))
        elif self.engine == "oxigraph" and default_graph is None:
            params.append(("union-default-graph", ""))
        params += [("default-graph-uri", g) for g in default_graph or []]
        params += [("named-graph-uri", g) for g in named_graphs or []]
        return text, [("query", text)] + params

    def public(self, query: str, *, accept: str, default_graph: list[str] | None = None,
               named_graphs: list[str] | None = None, deadline: float | None = None,
               limit: float | None = None) -> Reply:
        """Run a (guarded) query on the public dataset; raise :class:`QueryTimeout` past
        ``deadline``, :class:`QueryError` when the engine rejects it,
        :class:`EngineUnavailable` when it cannot be reached."""
        _, form = self.public_form(query, default_graph, named_graphs, limit)
        return self._call(self.query_url, form, accept, deadline=deadline, limit=limit)

    def select(self, sparql: str) -> list[dict[str, str]]:
        """A SELECT on the public dataset; rows map variable names to lexical values."""
        doc = json.loads(self.public(sparql, accept=JSON_RESULTS).body)
        return [{k: v["value"] for k, v in row.items()} for row in doc["results"]["bindings"]]

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
        """A SELECT over the bookkeeping graphs (all graphs of the bookkeeping dataset)."""
        doc = json.loads(self._post(self.meta_query_url, {"query": sparql}, JSON_RESULTS))
        return [{k: v["value"] for k, v in row.items()} for row in doc["results"]["bindings"]]

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


# --- helpers shared with the web layer ---------------------------------------------------
def query_form(query: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE (the first query-form keyword), else ``""``."""
    from ..web.guard import QUERY_FORMS, tokens  # the tokenizer, not the web app

    for kind, text in tokens(query):
        if kind == "word" and text.upper() in QUERY_FORMS:
            return text.upper()
    return ""


def graph_variables(query: str) -> str:
    """``GRAPH <g> {…}`` as ``VALUES ?_g1 { <g> } GRAPH ?_g1 {…}``: with a dataset pragma,
    Virtuoso 7 answers nothing for a constant GRAPH (seen with 7.2.5) but keeps the VALUES form
    right, so the dataset restriction and named graphs work together.

    >>> graph_variables("ASK { GRAPH <http://e/g> { ?s ?p ?o } }")
    'ASK { VALUES ?_infopublik_g1 { <http://e/g> } GRAPH ?_infopublik_g1 { ?s ?p ?o } }'
    """
    if "graph" not in query.lower():  # most queries: no second pass over the tokens
        return query
    from ..web.guard import _TOKEN

    out, last, n = [], 0, 0
    matches = [m for m in _TOKEN.finditer(query) if m.lastgroup not in ("ws", "comment")]
    for a, b in zip(matches, matches[1:], strict=False):
        if a.lastgroup == "word" and a.group().upper() == "GRAPH" and \
                b.lastgroup in ("iri", "pname"):
            n += 1
            var = f"?_infopublik_g{n}"
            out.append(query[last:a.start()])
            out.append(f"VALUES {var} {{ {b.group()} }} GRAPH {var}")
            last = b.end()
    out.append(query[last:])
    return "".join(out)


def term_text(value) -> str:
    """An IRI string or rdflib term as SPARQL term text, escaped (never raw input)."""
    if hasattr(value, "language") and hasattr(value, "datatype"):  # rdflib Literal
        return lit(str(value), lang=value.language,
                   datatype=str(value.datatype) if value.datatype else None)
    text = str(value)
    if re.search(r"[\x00-\x20<>\"{}|^`\\]", text):
        raise QueryError(f"{text!r} is not an IRI", f"{text!r} bukan IRI", where="parameter")
    return f"<{text}>"


def bind(query: str, substitutions: dict) -> str:
    """``query`` with ``substitutions`` (name → IRI or rdflib term) as a ``VALUES`` block at
    the start of every WHERE group (sub-selects too, as pyoxigraph's substitutions reach
    them): typed and escaped terms, never pasted request text.

    >>> bind("SELECT ?a WHERE { ?a ?p ?o }", {"p": "http://e/p"})
    'SELECT ?a WHERE { VALUES (?p) { (<http://e/p>) } ?a ?p ?o }'
    """
    from ..web.guard import _TOKEN

    names = " ".join("?" + k.lstrip("?$") for k in substitutions)
    values = " ".join(term_text(v) for v in substitutions.values())
    block_ = f" VALUES ({names}) {{ ({values}) }}"
    cuts: list[int] = []
    after_where = False
    first_brace = None
    form = ""
    for m in _TOKEN.finditer(query):
        kind, text = m.lastgroup, m.group()
        if kind in ("ws", "comment"):
            continue
        if kind == "word" and text.upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE") \
                and not form:
            form = text.upper()
        if kind == "punct" and text == "{":
            if after_where:
                cuts.append(m.end())
            elif first_brace is None and form and form != "CONSTRUCT":
                first_brace = m.end()
        after_where = kind == "word" and text.upper() == "WHERE"
    if not cuts and first_brace is not None:
        cuts = [first_brace]
    if not cuts:
        raise QueryError("cannot bind parameters: the query has no WHERE group",
                         "parameter tidak dapat diikat: kueri tidak punya grup WHERE")
    out, last = [], 0
    for c in cuts:
        out += [query[last:c], block_]
        last = c
    return "".join(out) + query[last:]


def normalise_json(body: bytes) -> bytes:
    """SPARQL JSON results with SPARQL 1.0's ``typed-literal`` (Virtuoso) as ``literal``.

    A plain byte replacement: inside a JSON string the quotes would be escaped, so the
    sequence only occurs as a binding's type.

    >>> normalise_json(b'{"x": { "type": "typed-literal", "value": "1" }}')
    b'{"x": { "type": "literal", "value": "1" }}'
    """
    if b'"typed-literal"' not in body:
        return body
    return body.replace(b'"type": "typed-literal"', b'"type": "literal"').replace(
        b'"type":"typed-literal"', b'"type":"literal"')


def ox_terms(doc: dict, cap: int) -> tuple[list[str], list[list]]:
    """Variable names and at most ``cap + 1`` rows of pyoxigraph terms from SPARQL JSON."""
    import pyoxigraph as ox

    names = doc["head"].get("vars", [])
    rows = []
    for b in doc["results"]["bindings"][:cap + 1]:
        row = []
        for n in names:
            cell = b.get(n)
            if cell is None:
                row.append(None)
            elif cell["type"] == "uri":
                row.append(ox.NamedNode(cell["value"]))
            elif cell["type"] == "bnode":
                row.append(ox.BlankNode(re.sub(r"[^A-Za-z0-9]", "_", cell["value"])))
            elif "xml:lang" in cell:
                row.append(ox.Literal(cell["value"], language=cell["xml:lang"]))
            elif cell.get("datatype"):
                row.append(ox.Literal(cell["value"], datatype=ox.NamedNode(cell["datatype"])))
            else:
                row.append(ox.Literal(cell["value"]))
        rows.append(row)
    return names, rows


def parse_triples(body: bytes | BinaryIO) -> Iterator:
    """pyoxigraph triples from N-Triples bytes or a stream."""
    import pyoxigraph as ox

    for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES):
        yield q.triple if hasattr(q, "triple") else q


def reserialise(body: bytes, media_type: str) -> bytes:
    """N-Triples from the engine as ``media_type`` (an RDF format pyoxigraph writes)."""
    import pyoxigraph as ox

    fmt = ox.RdfFormat.from_media_type(media_type) or ox.RdfFormat.N_TRIPLES
    if fmt == ox.RdfFormat.N_TRIPLES:
        return body
    return ox.serialize(list(parse_triples(body)), format=fmt) or b""
