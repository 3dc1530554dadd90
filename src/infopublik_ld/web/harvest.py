"""What other agencies harvest: ``/dumps/…``, ``/catalog``, ``/.well-known/void``, ``/changes…``.

Dump files are served with ETag (their SHA-256), Last-Modified, 304 on conditional requests,
Range requests and ``Content-Disposition``; a versioned dump URL never changes content, so it
is cached as immutable. ``/dumps/{name}`` redirects to the current version's file.
"""

from __future__ import annotations

import base64

from flask import (
    Blueprint,
    Response,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
)

from .. import catalog as cat
from .. import changes as feed
from ..dumps import ensure_dumps, read_manifest, version_dir
from ..errors import NotFound
from . import conneg
from .current import current
from .i18n import t

bp = Blueprint("harvest", __name__)
IMMUTABLE = 365 * 24 * 3600


def _settings():
    return current_app.config["INFOPUBLIK"]


def _missing(what: str) -> NotFound:
    return NotFound(f"no dump {what!r}: see /dumps/ or /catalog for the current files",
                    f"tidak ada dump {what!r}: lihat /dumps/ atau /catalog untuk berkas terkini")


@bp.get("/dumps/")
def dumps_index() -> Response:
    """The current version's dump files (JSON manifest, or an HTML list for browsers)."""
    settings = _settings()
    manifest = ensure_dumps(settings)
    if request.accept_mimetypes.best_match(["text/html", "application/json"]) == \
            "application/json":
        return jsonify(manifest.to_json())
    info, _ = current(settings)
    return Response(render_template("dumps.html", manifest=manifest, current=info.number),
                    mimetype="text/html")


@bp.get("/dumps/<name>")
def dump_latest(name: str) -> Response:
    """Redirect to ``name`` in the current version (302: the target changes with versions)."""
    if name == "manifest.json":
        return jsonify(ensure_dumps(_settings()).to_json())
    manifest = ensure_dumps(_settings())
    if manifest.file(name) is None and name != "SHA256SUMS":
        raise _missing(name)
    return redirect(f"/dumps/{manifest.version}/{name}", 302)


@bp.get("/dumps/<int:version>/<name>")
def dump_file(version: int, name: str) -> Response:
    """One dump file of one version (immutable)."""
    settings = _settings()
    manifest = read_manifest(settings, version)
    if manifest is None:  # not written (yet): the newest complete ones are at /dumps/
        raise _missing(f"{version}/{name}")
    if name == "SHA256SUMS":
        body = "".join(f"{f.sha256}  {f.name}\n" for f in manifest.files)
        resp = Response(body, mimetype="text/plain")
        resp.set_etag(f"sums-{version}")
        return resp.make_conditional(request)
    if name == "manifest.json":
        return jsonify(manifest.to_json())
    entry = manifest.file(name)
    if entry is None:
        raise _missing(f"{version}/{name}")
    path = version_dir(settings, version) / name
    stem = name.split(".", 1)
    download = f"{stem[0]}-v{version}.{stem[1]}"
    resp = send_file(path, mimetype="application/gzip", as_attachment=True,
                     download_name=download, conditional=True, etag=entry.sha256,
                     max_age=IMMUTABLE)
    resp.cache_control.public = True
    resp.cache_control.immutable = True
    digest = base64.b64encode(bytes.fromhex(entry.sha256)).decode("ascii")
    resp.headers["Repr-Digest"] = f"sha-256=:{digest}:"
    return resp


# --------------------------------------------------------------------------- catalogue
def _graph_response(graph, etag: str, template: str | None = None, forced: str | None = None,
                    **context) -> Response:
    name = conneg.negotiate(html=template is not None, forced=forced)
    if name == "html":
        resp = Response(render_template(template, **context), mimetype="text/html")
    else:
        resp = Response(conneg.serialize(graph, name), mimetype=conneg.media_type(name))
    resp.headers["Link"] = conneg.link_header(conneg.split_suffix(request.path)[0])
    return conneg.finish(resp, f"{etag}-{name}", vary_language=name == "html")


@bp.get("/catalog")
@bp.get("/catalog.<suffix>")
def catalogue(suffix: str | None = None) -> Response:
    """The DCAT catalogue: dataset, distributions, services, publisher, licence."""
    settings = _settings()
    forced = None
    if suffix:
        forced = conneg.split_suffix("catalog." + suffix)[1]
        if forced is None:
            raise NotFound(f"no format {suffix!r} for /catalog; try .ttl, .jsonld, .html",
                           f"tidak ada format {suffix!r} untuk /catalog; coba .ttl, .jsonld")
    info, view = current(settings)
    manifest = ensure_dumps(settings)
    graph = cat.catalog_graph(settings, info, manifest)
    return _graph_response(graph, f"catalog-v{info.number}", "catalog.html", forced,
                           catalog=cat.summary(settings, info, manifest),
                           alternates=conneg.alternates("/catalog"))


def _formats() -> list[dict]:
    """The RDF forms of the document at this URL (``?format=``), for its HTML page."""
    from ..formats import by_name

    return [{"href": f"{request.path}?format={n}", "type": by_name(n).media_type,
             "label": by_name(n).suffix.lstrip(".")} for n in conneg.DOC_FORMATS]


def _when(time: str) -> dict:
    return {"text": time.replace("T", " ")[:19], "datetime": time}


@bp.get("/.well-known/void")
def void() -> Response:
    """VoID description: statistics, partitions, vocabularies, endpoints, dumps (a page for
    browsers, RDF for RDF clients)."""
    settings = _settings()
    info, view = current(settings)
    manifest = ensure_dumps(settings)
    graph = cat.void_graph(settings, info, view, manifest)
    return _graph_response(
        graph, f"void-v{info.number}", "feed.html", formats=_formats(),
        title=t("Deskripsi dataset (VoID)", "Dataset description (VoID)"),
        lead=t("Statistik dan titik akses dataset ini dalam kosakata VoID, untuk mesin dan "
               "pemanen.", "Statistics and access points of this dataset in the VoID "
               "vocabulary, for machines and harvesters."),
        facts=[(t("Versi dataset", "Dataset version"), info.number),
               (t("Siaran", "Releases"), info.releases),
               (t("Tripel", "Triples"), info.triples),
               ("SPARQL", "/sparql"), (t("Unduhan", "Downloads"), "/dumps/")])


# --------------------------------------------------------------------------- changes
@bp.get("/changes")
def changes_root() -> Response:
    """The LDES event stream and its view: links to each version's first page."""
    settings = _settings()
    info, view = current(settings)
    log = feed.load(settings, view, info)
    graph = feed.root_graph(settings, log)
    rows = [({"href": f"/changes/{v}/0", "text": str(v)}, _when(time),
             *(sum(c.action == a for c in log.changes.get(v, []))
               for a in ("added", "replaced", "retracted")))
            for v, time in sorted(log.times.items(), reverse=True)]
    resp = _graph_response(
        graph, f"changes-v{info.number}", "feed.html", formats=_formats(),
        title=t("Umpan perubahan", "Change feed"),
        lead=t("Siaran yang dibuat, diganti dan ditarik, per versi dataset (Linked Data Event "
               "Stream). Pemanen mengikutinya dari versi yang sudah mereka punya.",
               "Releases created, replaced and retracted, per dataset version (a Linked Data "
               "Event Stream). Harvesters follow it from the version they already hold."),
        headings=[t("Versi", "Version"), t("Waktu", "Time"), t("Baru", "Created"),
                  t("Diganti", "Replaced"), t("Ditarik", "Retracted")], rows=rows)
    resp.cache_control.max_age = 60
    return resp


@bp.get("/changes/<int:version>/<int:page>")
def changes_page(version: int, page: int) -> Response:
    """One page of members; immutable unless it is the newest page."""
    settings = _settings()
    info, view = current(settings)
    log = feed.load(settings, view, info)
    graph, final = feed.page_graph(settings, log, version, page)
    items = log.changes.get(version, [])[page * feed.PAGE_SIZE:(page + 1) * feed.PAGE_SIZE]
    prefix = f"{settings.base_iri}graph/release/"
    words = {"added": t("baru", "created"), "replaced": t("diganti", "replaced"),
             "retracted": t("ditarik", "retracted"),
             "statistics": t("statistik diperbarui", "statistics updated")}
    rows = [(words[c.action], {"href": f"/graph/release/{c.graph[len(prefix):]}",
                               "text": c.graph[len(prefix):]}
             if c.graph.startswith(prefix) else {"href": "/statistik", "text": c.graph}
             if c.action == "statistics" else c.graph, _when(c.time)) for c in items]
    following = (version, page + 1) if page + 1 < log.pages(version) else \
        ((log.after(version), 0) if log.after(version) is not None else None)
    resp = _graph_response(
        graph, f"changes-{version}-{page}-{'f' if final else info.number}", "feed.html",
        formats=_formats(), title=t(f"Perubahan versi {version}", f"Changes of version {version}")
        + (f" ({page + 1}/{log.pages(version)})" if log.pages(version) > 1 else ""),
        lead=t("Siaran yang berubah pada versi ini.", "Releases changed in this version."),
        headings=[t("Perubahan", "Change"), t("Siaran", "Release"), t("Waktu", "Time")],
        rows=rows, next_href=f"/changes/{following[0]}/{following[1]}" if following else None)
    if final:
        resp.cache_control.public = True
        resp.cache_control.max_age = IMMUTABLE
        resp.cache_control.immutable = True
    else:
        resp.cache_control.max_age = 60
    return resp
