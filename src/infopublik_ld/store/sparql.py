"""Remote store: any SPARQL 1.1 server through the Protocol (query, update) and the Graph Store
Protocol. Checked against Virtuoso Open Source 7 (digest authentication on the update and GSP
endpoints).

Atomicity: every write is one update request; Virtuoso (like Fuseki and Oxigraph server) runs a
request in one transaction. There are no checkpoints: readers see the live data, and the
version in the store is the ETag.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import BinaryIO

from ..errors import ConfigError, QueryError, StoreError
from .base import Block, GraphStore, insert_data


def _nt(binding: dict) -> str:
    """A SPARQL JSON binding as an N-Triples term."""
    from .base import iri, lit

    if binding["type"] == "uri":
        return iri(binding["value"])
    if binding["type"] == "bnode":
        return f"_:{binding['value'].replace(':', '_').replace('-', '_')}"
    return lit(binding["value"], lang=binding.get("xml:lang"), datatype=binding.get("datatype"))


class SparqlStore(GraphStore):
    """A remote SPARQL 1.1 server."""

    chunk_size = 50

    def __init__(self, *, base: str, query_url: str, update_url: str, gsp_url: str = "",
                 user: str = "", password: str = "", timeout: float = 120.0):
        super().__init__(base)
        if not query_url or not update_url:
            raise ConfigError(
                "store = 'sparql' needs sparql_query_url and sparql_update_url",
                "store = 'sparql' memerlukan sparql_query_url dan sparql_update_url",
                where="sparql_query_url")
        self.query_url, self.update_url, self.gsp_url = query_url, update_url, gsp_url
        self.timeout = timeout
        handlers: list = []
        if user:
            pw = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for url in (query_url, update_url, gsp_url):
                if url:
                    pw.add_password(None, url, user, password)
            handlers += [urllib.request.HTTPDigestAuthHandler(pw),
                         urllib.request.HTTPBasicAuthHandler(pw)]
        self._opener = urllib.request.build_opener(*handlers)

    def _post(self, url: str, form: dict, accept: str = "*/*") -> bytes:
        data = urllib.parse.urlencode(form).encode("utf-8")
        req = urllib.request.Request(url, data=data, headers={
            "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
            "Accept": accept})
        try:
            with self._opener.open(req, timeout=self.timeout) as resp:
                return resp.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read()[:500].decode("utf-8", "replace").strip()
            if 400 <= exc.code < 500 and "query" in form:
                raise QueryError(f"{url} refused the query ({exc.code}): {detail}",
                                 f"{url} menolak kueri ({exc.code}): {detail}") from None
            raise StoreError(f"{url} answered {exc.code}: {detail}",
                             f"{url} menjawab {exc.code}: {detail}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(
                f"cannot reach the SPARQL server at {url}: {reason} (settings sparql_*_url)",
                f"server SPARQL di {url} tidak dapat dihubungi: {reason} (setelan sparql_*_url)",
            ) from None

    def _write(self, drops: list[str], deletes: list[str], inserts: list[Block]) -> None:
        ops = [f"DROP SILENT GRAPH <{g}>" for g in drops] + deletes
        body = insert_data(inserts)
        self._post(self.update_url, {"update": " ;\n".join(ops + ([body] if body else []))})

    def select(self, sparql: str) -> list[dict[str, str]]:
        """Run a SELECT; rows map variable names to lexical values."""
        raw = self._post(self.query_url, {"query": sparql},
                         "application/sparql-results+json")
        doc = json.loads(raw)
        return [{k: v["value"] for k, v in row.items()} for row in doc["results"]["bindings"]]

    def query(self, sparql: str, *, media_type: str = "application/sparql-results+json",
              substitutions: dict | None = None) -> bytes:
        """Run any query; ``substitutions`` become a trailing VALUES clause."""
        if substitutions:
            from .base import iri, lit

            names = " ".join("?" + k.lstrip("?$") for k in substitutions)
            values = []
            for v in substitutions.values():
                if hasattr(v, "language") and hasattr(v, "datatype"):  # rdflib Literal
                    values.append(lit(str(v), lang=v.language,
                                      datatype=str(v.datatype) if v.datatype else None))
                else:
                    values.append(iri(str(v)))
            sparql = f"{sparql}\nVALUES ({names}) {{ ({' '.join(values)}) }}"
        return self._post(self.query_url, {"query": sparql}, media_type)

    def dump(self, out: BinaryIO, page: int = 10000) -> None:
        """Write every quad in a named graph as N-Quads (paged SELECT)."""
        offset = 0
        while True:
            raw = self._post(self.query_url, {"query": (
                "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                f"FILTER(STRSTARTS(STR(?g), \"{self.base}graph/\")) }} "
                f"ORDER BY ?g ?s ?p ?o LIMIT {page} OFFSET {offset}")},
                "application/sparql-results+json")
            rows = json.loads(raw)["results"]["bindings"]
            out.write("".join(f"{_nt(r['s'])} {_nt(r['p'])} {_nt(r['o'])} {_nt(r['g'])} .\n"
                              for r in rows).encode("utf-8"))
            if len(rows) < page:
                return
            offset += page

    def get_graph(self, graph: str) -> bytes:
        """One graph as N-Triples through the Graph Store Protocol."""
        name = "graph-uri" if "graph-crud" in self.gsp_url else "graph"  # Virtuoso's name
        url = f"{self.gsp_url}?{urllib.parse.urlencode({name: graph})}"
        req = urllib.request.Request(url, headers={"Accept": "application/n-triples"})
        try:
            with self._opener.open(req, timeout=self.timeout) as resp:
                return resp.read()
        except urllib.error.HTTPError as exc:
            raise StoreError(f"{url} answered {exc.code}", f"{url} menjawab {exc.code}") \
                from None

    def close(self) -> None:
        """Nothing to release."""
