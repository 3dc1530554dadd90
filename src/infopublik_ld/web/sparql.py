"""``/sparql``: the SPARQL 1.1 Protocol query operation behind the SPARQL-lite guard.

GET ``?query=``, POST form, POST ``application/sparql-query``; ``default-graph-uri`` and
``named-graph-uri`` for release graphs of the dataset. Results by ``format=`` or ``Accept``;
406 when nothing fits. Without a query: the Service Description (RDF), or for browsers the
query page. Every answer carries an ETag (version + request); ``If-None-Match`` gives 304;
repeated requests on the same version come from a bounded cache. See docs/sparql.md.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, unquote

from flask import Blueprint, Flask, Response, current_app, request
from werkzeug.datastructures import MIMEAccept
from werkzeug.exceptions import UnsupportedMediaType
from werkzeug.http import parse_accept_header

from ..config import Settings
from ..errors import QueryError
from ..formats import GRAPH_RESULT_FORMATS, RDF_FORMATS, RESULT_FORMATS, Format
from .cache import Cached, ResponseCache, cache_key, etag
from .cors import EXPOSED
from .executor import Job, Output, current_number, executor_for
from .guard import Decision, Policy
from .limits import ClientLimiter

bp = Blueprint("sparql", __name__)

TRUNCATED = "X-Infopublik-Truncated"
VERSION = "X-Infopublik-Version"
QUERY_TYPES = ("application/x-www-form-urlencoded", "application/sparql-query")
#: prefixes for Turtle answers (CONSTRUCT/DESCRIBE), so graphs read well
PREFIXES = {"schema": "http://schema.org/", "gpr": "https://w3id.org/infopublik/gpr#",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "xsd": "http://www.w3.org/2001/XMLSchema#", "prov": "http://www.w3.org/ns/prov#",
            "dct": "http://purl.org/dc/terms/", "skos": "http://www.w3.org/2004/02/skos/core#",
            "org": "http://www.w3.org/ns/org#"}


class NotAcceptable(QueryError):
    """No result format the endpoint offers fits the request's ``Accept`` or ``format=``."""

    status = 406


class _State:
    """Per-app policy, response cache and client limiter (built by :func:`init_app`)."""

    def __init__(self, settings: Settings):
        self.policy = Policy.from_settings(settings)
        self.cache = ResponseCache(settings.cache_entries)
        self.limiter = ClientLimiter(settings.client_concurrency)


def state() -> _State:
    """The current app's :class:`_State`."""
    return current_app.extensions["infopublik_sparql"]


def init_app(app: Flask) -> None:
    """Attach the guard policy, cache and limiter to ``app`` (no process starts here), and
    put :class:`FastPath` in front of it."""
    app.extensions["infopublik_sparql"] = _State(app.config["INFOPUBLIK"])
    app.wsgi_app = FastPath(app, app.wsgi_app)


# --- reading the protocol request --------
def _one(values: list[str], name: str) -> str | None:
    if len(values) > 1:
        raise QueryError(f"the request has {len(values)} `{name}` parameters; send exactly one",
                         f"permintaan memuat {len(values)} parameter `{name}`; kirim satu saja",
                         where=name)
    return values[0] if values else None


def _refuse_update() -> QueryError:
    return QueryError("SPARQL Update is not accepted here: this endpoint is read-only",
                      "SPARQL Update tidak diterima di sini: titik akhir ini hanya-baca",
                      where="update")


def read_protocol() -> tuple[str | None, list[str], list[str]]:
    """``(query, default-graph-uri list, named-graph-uri list)`` of the request.

    Raises :class:`QueryError` for an update or repeated ``query``, 415 for a POST body that
    is neither a form nor ``application/sparql-query``.
    """
    args = request.args
    if request.method == "POST":
        mime = request.mimetype
        if mime == "application/sparql-update":
            raise _refuse_update()
        if mime == "application/x-www-form-urlencoded":
            form = request.form
            if "update" in form or "update" in args:
                raise _refuse_update()
            query = _one(form.getlist("query") + args.getlist("query"), "query")
            return (query, form.getlist("default-graph-uri") + args.getlist("default-graph-uri"),
                    form.getlist("named-graph-uri") + args.getlist("named-graph-uri"))
        if mime == "application/sparql-query":
            try:
                query = request.get_data(cache=False).decode("utf-8")
            except UnicodeDecodeError:
                raise QueryError("the query is not UTF-8 text", "kueri bukan teks UTF-8",
                                 where="query") from None
            return query, args.getlist("default-graph-uri"), args.getlist("named-graph-uri")
        raise UnsupportedMediaType(
            f"POST a query as {' or '.join(QUERY_TYPES)}, not {mime or 'no Content-Type'!r}")
    if "update" in args:
        raise _refuse_update()
    return (_one(args.getlist("query"), "query"), args.getlist("default-graph-uri"),
            args.getlist("named-graph-uri"))


# --- content negotiation --------
#: (offers, Accept header) → chosen format: parsing Accept costs more than the rest of the
#: negotiation, and clients repeat the same header
_NEGOTIATED: dict[tuple, Format] = {}


def negotiate(offers: tuple[Format, ...]) -> Format:
    """The format named by ``format=`` (name or media type), else the best ``Accept`` match.

    Raises :class:`NotAcceptable` (406) when nothing offered fits.
    """
    names = ", ".join(f.name for f in offers)
    wanted = request.args.get("format")
    if not wanted and request.mimetype == "application/x-www-form-urlencoded":
        wanted = request.form.get("format")
    if wanted:
        key = wanted.split(";")[0].strip().lower()
        for f in offers:
            if key in (f.name, f.media_type, *f.aliases):
                return f
        raise NotAcceptable(f"format={wanted!r} is not offered for this query; use one "
                                  f"of {names}", f"format={wanted!r} tidak tersedia untuk kueri "
                                  f"ini; pakai salah satu dari {names}", where="format")
    return negotiate_accept(offers, request.headers.get("Accept", ""))


def negotiate_accept(offers: tuple[Format, ...], header: str) -> Format:
    """The best of ``offers`` for the ``Accept`` header value ``header`` (empty: the first).

    Raises :class:`NotAcceptable` (406) when nothing offered fits.
    """
    known = _NEGOTIATED.get((offers, header))
    if known is not None:
        return known
    accept = parse_accept_header(header, MIMEAccept)
    if not accept:
        return offers[0]
    by_type = {mt: f for f in offers for mt in (f.media_type, *f.aliases)}
    best = accept.best_match(list(by_type))
    if best is None:
        raise NotAcceptable(
            f"nothing acceptable for Accept: {header!r}; this query can be answered as "
            f"{', '.join(f.media_type for f in offers)} (or use format={offers[0].name})",
            f"tidak ada format yang cocok dengan Accept: {header!r}; kueri ini dapat dijawab "
            f"sebagai {', '.join(f.media_type for f in offers)} (atau format={offers[0].name})",
            where="Accept")
    if len(_NEGOTIATED) >= 256:  # clients send few distinct headers; bound it anyway
        _NEGOTIATED.clear()
    _NEGOTIATED[(offers, header)] = by_type[best]
    return by_type[best]


def media_type(fmt: Format) -> str:
    """The Content-Type header value of ``fmt``."""
    return f"{fmt.media_type}; charset=utf-8" if fmt.media_type.startswith("text/") \
        else fmt.media_type


# --- the endpoint --------
def _dataset(decision: Decision, dgu: list[str], ngu: list[str]) -> tuple[list | None, ...]:
    """Default and named graphs: protocol parameters win over FROM; neither → the union."""
    policy = state().policy
    if dgu or ngu:
        return ([policy.graph_iri(g, "default-graph-uri") for g in dgu],
                [policy.graph_iri(g, "named-graph-uri") for g in ngu])
    if decision.from_graphs or decision.from_named:
        return list(decision.from_graphs), list(decision.from_named)
    return None, None


def _respond(body: bytes, fmt_type: str, tag: str, version: int, extra: dict) -> Response:
    resp = Response(body, status=200, content_type=fmt_type)
    resp.set_etag(tag)
    resp.headers["Vary"] = "Accept"
    resp.headers["Cache-Control"] = "public, no-cache"
    resp.headers[VERSION] = str(version)
    resp.headers.update(extra)
    return resp


@bp.route("/sparql", methods=["GET", "POST"])
def endpoint() -> Response:
    """The SPARQL 1.1 Protocol query operation (see module docstring)."""
    failed = request.environ.pop(FAST_PATH_ERROR, None)
    if failed is not None:  # the fast path ran the query and it failed: answer that here
        raise failed
    query, dgu, ngu = read_protocol()
    if query is None:
        return service_or_page()
    if "text/html" in request.headers.get("Accept", "") and not dgu and not ngu \
            and "format" not in request.values and _wants_page():  # a browser: a page
        from .querypage import browser_query
        return browser_query(query)
    st = state()
    decision = st.policy.check(query)
    offers = GRAPH_RESULT_FORMATS if decision.form in ("CONSTRUCT", "DESCRIBE") \
        else RESULT_FORMATS
    fmt = negotiate(offers)
    default_graph, named_graphs = _dataset(decision, dgu, ngu)
    settings: Settings = current_app.config["INFOPUBLIK"]
    version = current_number(settings)
    key = cache_key(version, query, fmt.name, default_graph or ["*"], named_graphs or ["*"])
    tag = etag(version, key)
    if request.if_none_match and request.if_none_match.contains_weak(tag):
        resp = Response(status=304)
        resp.set_etag(tag)
        resp.headers["Vary"] = "Accept"
        return resp
    hit = st.cache.get(key)
    if hit is not None:
        return _respond(hit.body, hit.media_type, tag, version, hit.headers)
    job = Job(version, query, fmt.name if fmt in RESULT_FORMATS else "json",
              fmt.name if fmt in GRAPH_RESULT_FORMATS else "turtle", default_graph,
              named_graphs, row_cap=settings.row_cap, prefixes=PREFIXES)
    with st.limiter.slot(request.remote_addr or "unknown"):
        out = executor_for(current_app).run(job)
    hit = _keep(st, key, out)
    return _respond(hit.body, hit.media_type, tag, version, hit.headers)


def _keep(st: _State, key: str, out: Output) -> Cached:
    """``out`` as a cache entry (kept in the response cache when it fits)."""
    table = RESULT_FORMATS if out.kind != "graph" else RDF_FORMATS
    content_type = media_type(next(f for f in table if f.name == out.format))
    extra = {TRUNCATED: str(out.truncated)} if out.truncated else {}
    hit = Cached(out.body, content_type, extra)
    st.cache.put(key, hit)
    return hit


# --- the fast path --------
#: environ key under which the fast path hands a failed query's error to :func:`endpoint`
FAST_PATH_ERROR = "infopublik.sparql_error"


class FastPath:
    """WSGI middleware: the most common request, ``GET /sparql?query=…`` with nothing else
    (no other parameter, no ``If-None-Match``), answered without Flask's request machinery.

    Flask's request context, URL matching, ``Response`` object and hooks cost more CPU than a
    point query (measured: benchmarks/bench_endpoint.py), and this request is the endpoint's
    hot path. Everything else goes to Flask unchanged. The answer is the one
    :func:`endpoint` gives, header for header (a test compares them); a refused or failed
    query is answered by Flask too: a refusal (no query ran yet) by running the request
    there, a failure of the query itself by handing the error over under
    :data:`FAST_PATH_ERROR`, so that the query is never run twice and every error keeps its
    one shape (JSON or HTML, by ``Accept``).
    """

    def __init__(self, app: Flask, inner):
        self.app = app
        self.inner = inner
        self.settings: Settings = app.config["INFOPUBLIK"]

    def __call__(self, environ: dict, start_response):
        """Answer the request (see the class docstring); returns the WSGI body."""
        if environ.get("PATH_INFO") != "/sparql" or environ.get("REQUEST_METHOD") != "GET" \
                or "HTTP_IF_NONE_MATCH" in environ \
                or "text/html" in environ.get("HTTP_ACCEPT", ""):  # a browser may want a page
            return self.inner(environ, start_response)
        qs = environ.get("QUERY_STRING", "")
        if qs.startswith("query=") and "&" not in qs:  # what parse_qsl would make of it
            query = unquote(qs[6:].replace("+", " "), errors="replace")
        else:
            params = parse_qsl(qs, keep_blank_values=True, errors="replace")
            if len(params) != 1 or params[0][0] != "query":
                return self.inner(environ, start_response)
            query = params[0][1]
        if "\ufffd" in query:
            return self.inner(environ, start_response)  # (Flask decodes broken UTF-8 its way)
        st: _State = self.app.extensions["infopublik_sparql"]
        try:
            decision = st.policy.check(query)
            if decision.from_graphs or decision.from_named:
                return self.inner(environ, start_response)
            fmt = negotiate_accept(GRAPH_RESULT_FORMATS if decision.form in (
                "CONSTRUCT", "DESCRIBE") else RESULT_FORMATS, environ.get("HTTP_ACCEPT", ""))
            version = current_number(self.settings)
        except Exception:  # refused (or failed) before anything ran: Flask answers it in full
            return self.inner(environ, start_response)
        key = cache_key(version, query, fmt.name, ["*"], ["*"])
        hit = st.cache.get(key)
        if hit is None:
            graph = fmt in GRAPH_RESULT_FORMATS
            job = Job(version, query, "json" if graph else fmt.name,
                      fmt.name if graph else "turtle", row_cap=self.settings.row_cap,
                      prefixes=PREFIXES if graph else None)  # (only graphs use them)
            try:
                with st.limiter.slot(environ.get("REMOTE_ADDR") or "unknown"):
                    out = executor_for(self.app).run(job)
            except Exception as exc:  # Flask's error handlers shape every kind
                environ[FAST_PATH_ERROR] = exc
                return self.inner(environ, start_response)
            hit = _keep(st, key, out)
        headers = [("Content-Type", hit.media_type), ("Content-Length", str(len(hit.body))),
                   ("ETag", f'"{etag(version, key)}"'), ("Vary", "Accept, Origin"),
                   ("Cache-Control", "public, no-cache"), (VERSION, str(version)),
                   *hit.headers.items(), ("Access-Control-Allow-Origin", "*"),
                   ("Access-Control-Expose-Headers", EXPOSED)]
        start_response("200 OK", headers)
        return [hit.body]


# --- without a query: Service Description or the query page --------
SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS_NS = "http://www.w3.org/ns/formats/"
_SD_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
               "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML")
MINIMAL_PAGE = """<!doctype html><html lang="id"><head><meta charset="utf-8">
<title>SPARQL — infopublik-ld</title></head><body><main><h1>SPARQL</h1>
<form method="get" action=""><textarea name="query" rows="12" cols="80">
SELECT * WHERE { ?s ?p ?o } LIMIT 10</textarea><br>
<button type="submit">Jalankan / Run</button></form></main></body></html>"""


def _wants_page() -> bool:
    accept = request.accept_mimetypes
    return accept["text/html"] > max(accept["text/turtle"], accept["application/ld+json"],
                                     accept["application/rdf+xml"])


def service_description(endpoint_iri: str) -> str:
    """The SPARQL 1.1 Service Description of this endpoint, as Turtle."""
    formats = ", ".join(f"<{FORMATS_NS}{f}>" for f in _SD_FORMATS)
    return (f"@prefix sd: <{SD}> .\n@prefix dct: <http://purl.org/dc/terms/> .\n\n"
            f"<{endpoint_iri}> a sd:Service ;\n  sd:endpoint <{endpoint_iri}> ;\n"
            "  sd:supportedLanguage sd:SPARQL11Query ;\n"
            f"  sd:resultFormat {formats} ;\n  sd:feature sd:UnionDefaultGraph ;\n"
            "  sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] ] ;\n"
            '  dct:description "SPARQL-lite: read-only; no SERVICE, LOAD or update; '
            'time limit, row cap and OFFSET limit per query (docs/sparql.md)."@en .\n')


def service_or_page() -> Response:
    """GET without a query: the query page for browsers, else the Service Description."""
    if _wants_page():
        try:
            from .querypage import query_page
        except ModuleNotFoundError as exc:
            if exc.name != f"{__package__}.querypage":
                raise
            return Response(MINIMAL_PAGE, mimetype="text/html")
        return query_page()
    fmt = negotiate(GRAPH_RESULT_FORMATS)
    text = service_description(request.base_url)
    if fmt.name == "turtle":
        return Response(text, content_type=media_type(fmt))
    from rdflib import Graph

    body = Graph().parse(data=text, format="turtle").serialize(format=fmt.rdflib)
    return Response(body, content_type=media_type(fmt))
