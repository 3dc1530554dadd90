"""Statistics: ``/api/stats/{dimension}`` (JSON, CSV), ``/statistik`` (charts) and ``/siaran``
(releases narrowed by facets, with counts beside each value).

All answers come from the precomputed counts of the current version
(:mod:`infopublik_ld.web.statsdata`); none runs a GROUP BY. Every state is a plain URL:
filters are query arguments (``year``, ``month``, ``agency``, ``region``, ``event-kind``,
``regulation``, ``person``, ``organisation``), so pages can be linked, bookmarked and cached
(the ETag is the version plus the URL).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from functools import cache
from urllib.parse import urlencode

from flask import Blueprint, Flask, Response, current_app, jsonify, render_template, request

from ..errors import InputError, NotFound
from ..records.regions import region_info
from ..stats import DIMENSIONS
from ..vocab import SKOS
from .current import current
from .describe import local_path
from .errors import page_lang
from .statsdata import FILTERS, check_filters, count_of, number, version_stats
from .svgchart import bars, series

bp = Blueprint("stats", __name__)
#: filters of /api/stats (the issue's three; the pages accept all of FILTERS)
API_FILTERS = ("year", "region", "agency")
PER_PAGE = 20
#: values listed per facet on /siaran and per chart on /statistik
FACET_SIZE, CHART_SIZE = 10, 15
TITLES = {"month": ("Siaran per bulan", "Releases per month"),
          "agency": ("Instansi penerbit", "Publishing agencies"),
          "region": ("Wilayah", "Regions"),
          "event-kind": ("Jenis kegiatan", "Event kinds"),
          "regulation": ("Peraturan yang dikutip", "Regulations cited"),
          "person": ("Orang yang dikutip", "People quoted"),
          "organisation": ("Organisasi yang disebut", "Organisations mentioned"),
          "year": ("Tahun", "Year")}
#: the canned query of /api that lists the releases behind one value
CANNED = {"agency": ("articles-by-agency", "agency"), "region": ("articles-by-region", "region"),
          "person": ("quotes-by-person", "person"),
          "regulation": ("articles-citing-regulation", "regulation")}


def _settings():
    return current_app.config["INFOPUBLIK"]


#: rendered pages of the current version by (data directory, version, language, URL): a page
#: only changes when the version does
_pages: dict[tuple, str] = {}
PAGE_CACHE = 512


def _page(version: int, render) -> str:
    key = (str(_settings().data_dir), version, page_lang(), request.full_path)
    html = _pages.get(key)
    if html is None:
        html = render()
        if len(_pages) >= PAGE_CACHE or any(k[1] != version for k in list(_pages)[:1]):
            _pages.clear()
        _pages[key] = html
    return html


def title(dim: str, lang: str) -> str:
    """The heading of ``dim`` in ``lang``."""
    idn, en = TITLES[dim]
    return en if lang == "en" else idn


@cache
def _concept_labels() -> dict[tuple[str, str], str]:
    from .describe import reference_graph

    g = reference_graph()
    return {(str(s), o.language or ""): str(o) for s, o in g.subject_objects(SKOS.prefLabel)}


def label_of(dim: str, value: str, label: str, lang: str) -> str:
    """What people read for ``value``: a region's or concept's name, else the data's label."""
    if dim == "region":
        info = region_info(value)
        return info.name if info else value
    if dim == "event-kind":
        labels = _concept_labels()
        return labels.get((value, lang)) or labels.get((value, "id")) or label or value
    return label or value


def _rows(dim: str, filters: dict[str, str]):
    settings = _settings()
    info, view = current(settings)
    return info, version_stats(settings, info.number, view).rows(dim, filters)


def _etag(version: int) -> str:
    digest = hashlib.sha256(request.full_path.encode()).hexdigest()[:16]
    return f"v{version}-{digest}"


def _not_modified(version: int) -> Response | None:
    if request.if_none_match.contains(_etag(version)):
        resp = Response(status=304)
        resp.set_etag(_etag(version))
        return resp
    return None


def _html(version: int, render) -> Response:
    """A page of ``version``: 304 when the client has it, else from the page cache (rendered
    by ``render()`` the first time), with its ETag; it varies with the page language."""
    unchanged = _not_modified(version)
    if unchanged is not None:
        return unchanged
    resp = Response(_page(version, render), mimetype="text/html")
    resp.set_etag(_etag(version))
    resp.vary.add("Accept-Language")
    return resp


def _dimension(dimension: str) -> str:
    if dimension not in DIMENSIONS:
        raise NotFound(f"no statistics for {dimension!r}; choose one of {', '.join(DIMENSIONS)}",
                       f"tidak ada statistik {dimension!r}; pilih salah satu dari "
                       f"{', '.join(DIMENSIONS)}", where="dimension")
    return dimension


def _item(dim: str, row, lang: str) -> dict:
    item = {dim: row.value}
    if dim != "month":
        item["label"] = label_of(dim, row.value, row.label, lang)
    if dim == "region":
        info = region_info(row.value)
        item["level"] = info.level if info else ""
    item["count"] = row.count
    return item


@bp.get("/api/stats/")
def api_index() -> Response:
    """The dimensions with their URLs."""
    return jsonify({"dimensions": [{"name": d, "url": f"/api/stats/{d}"} for d in DIMENSIONS],
                    "filters": list(API_FILTERS), "formats": ["json", "csv"]})


@bp.get("/api/stats/<dimension>")
def api_stats(dimension: str) -> Response:
    """Counts of releases per value of ``dimension``: ``{"items": [{dimension: value,
    "count": n}, …]}`` (JSON) or CSV, optionally narrowed by ``year``, ``region``, ``agency``."""
    dim = _dimension(dimension)
    filters = check_filters(request.args, API_FILTERS, strict=True)
    fmt = (request.args.get("format") or "").lower()
    if fmt not in ("json", "csv") and (fmt or "format" in request.args):
        raise InputError(f"format {fmt[:20]!r} is not one of json, csv",
                          f"format {fmt[:20]!r} bukan salah satu dari json, csv", where="format")
    if not fmt:
        best = request.accept_mimetypes.best_match(["application/json", "text/csv"])
        fmt = "csv" if best == "text/csv" else "json"
    info = current(_settings())[0]
    unchanged = _not_modified(info.number)
    if unchanged is not None:
        return unchanged
    info, rows = _rows(dim, filters)
    lang = page_lang()
    items = [_item(dim, r, lang) for r in rows]
    if fmt == "csv":
        out = io.StringIO()
        columns = list(items[0]) if items else [dim, "count"]
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(items)
        resp = Response(out.getvalue(), mimetype="text/csv")
        name = "-".join([dim] + [filters[k] for k in sorted(filters) if k != "agency"])
        resp.headers["Content-Disposition"] = f'attachment; filename="statistik-{name}.csv"'
    else:
        resp = Response(json.dumps({"dimension": dim, "filters": filters,
                                    "version": info.number, "items": items},
                                   ensure_ascii=False), mimetype="application/json")
    resp.set_etag(_etag(info.number))
    resp.vary.add("Accept")
    resp.vary.add("Accept-Language")
    return resp


# --- pages ---------------------------------------------------------------------------------
def _url(path: str, args: dict[str, str], lang: str) -> str:
    args = {k: v for k, v in args.items() if v}
    if lang == "en":
        args["lang"] = "en"
    return path + ("?" + urlencode(args) if args else "")


def _resource_href(dim: str, value: str, lang: str) -> str | None:
    iri = value
    if dim == "region":
        iri = f"https://w3id.org/infopublik/id/region/{value}"
    elif dim == "month":
        return None
    path = local_path(_settings().base_iri, iri)
    return path + ("?lang=en" if lang == "en" and path else "") if path else None


def _canned_href(dim: str, value: str) -> str | None:
    if dim == "month":
        return "/api/articles-by-date?" + urlencode({"from": f"{value}-01", "to": f"{value}-31"})
    if dim == "event-kind":
        return "/api/events?" + urlencode({"kind": value.rsplit("/", 1)[-1]})
    if dim in CANNED:
        name, param = CANNED[dim]
        return f"/api/{name}?" + urlencode({param: value})
    return None


def _table(dim: str, rows, lang: str, filters: dict[str, str]) -> list[dict]:
    out = []
    for r in rows:
        out.append({"value": r.value, "count": r.count, "n": number(r.count, lang),
                    "label": r.value if dim == "month" else label_of(dim, r.value, r.label, lang),
                    "href": _resource_href(dim, r.value, lang),
                    "list": _url("/siaran", {**filters, dim: r.value}, lang),
                    "api": _canned_href(dim, r.value)})
    return out


def chart(dim: str, filters: dict[str, str], lang: str, *, limit: int = CHART_SIZE,
          browse_regions: bool = True) -> dict:
    """Everything a page shows for one dimension: SVG, table rows, CSV and API links."""
    info, rows = _rows(dim, filters)
    if dim == "region" and browse_regions:  # one level: provinces, or a province's kabupaten
        parent = filters.get("region", "")
        depth = parent.count(".") + 1 if parent else 0
        rows = [r for r in rows if r.value.count(".") == depth
                and (not parent or r.value.startswith(parent + "."))]
    table = _table(dim, rows if dim == "month" else rows[:limit * 4], lang, filters)
    heading = title(dim, lang)
    desc = (f"{len(rows)} nilai; terbanyak: " if lang == "id" else
            f"{len(rows)} values; most: ") + ", ".join(
        f"{t['label']} ({t['n']})" for t in sorted(table, key=lambda t: -t["count"])[:3])
    if dim == "month":
        svg = series([(r.value, r.count) for r in rows], heading, desc, lang, f"c-{dim}")
    else:
        svg = bars([(t["label"], t["count"],
                     _url("/statistik", {**filters, "region": t["value"]}, lang)
                     if dim == "region" else t["href"])
                    for t in table[:limit]], heading, desc, lang, f"c-{dim}")
    api_args = {k: v for k, v in filters.items() if k in API_FILTERS}
    return {"dim": dim, "title": heading, "svg": svg, "rows": table, "total_values": len(rows),
            "csv": _url(f"/api/stats/{dim}", {**api_args, "format": "csv"}, lang),
            "api": _url(f"/api/stats/{dim}", api_args, "id")}


@bp.get("/statistik")
def statistik() -> Response:
    """Charts of every dimension, optionally narrowed by year, region (browsable from
    province to kabupaten/kota) and agency."""
    lang = page_lang()
    filters = check_filters(request.args, API_FILTERS)
    settings = _settings()
    info, view = current(settings)
    return _html(info.number, lambda: _statistik(settings, info, view, filters, lang))


def _statistik(settings, info, view, filters: dict[str, str], lang: str) -> str:
    stats = version_stats(settings, info.number, view)
    region = filters.get("region")
    trail = []
    if region:
        codes = region.split(".")
        for i in range(1, len(codes) + 1):
            code = ".".join(codes[:i])
            found = region_info(code)
            trail.append({"name": found.name if found else code,
                          "href": _url("/statistik", {**filters, "region": code}, lang)})
    charts = [chart(d, filters, lang) for d in DIMENSIONS]
    years = sorted({r.value[:4] for r in stats.rows("month", {})})
    return render_template(
        "statistik.html", charts=charts, filters=filters, years=years, trail=trail,
        total=count_of(stats.total(filters), "release", lang), info=info,
        agency_label=label_of("agency", filters.get("agency", ""),
                              stats.totals.labels.get(("agency", filters.get("agency", "")), ""),
                              lang) if filters.get("agency") else "",
        url=lambda **kw: _url("/statistik", {**filters, **kw}, lang),
        all_url=_url("/statistik", {}, lang))


def facets(filters: dict[str, str], lang: str, size: int = FACET_SIZE) -> list[dict]:
    """The facet lists of /siaran (and the home page): per dimension, the most counted values
    among the releases matching ``filters``, each with its count and the URL that adds it."""
    settings = _settings()
    info, view = current(settings)
    stats = version_stats(settings, info.number, view)
    out = []
    for dim in ("year",) + DIMENSIONS:
        if dim == "year":
            if "year" in filters or "month" in filters:
                continue
            by_year: dict[str, int] = {}
            for r in stats.rows("month", filters):
                by_year[r.value[:4]] = by_year.get(r.value[:4], 0) + r.count
            values = sorted(by_year.items(), reverse=True)
            items = [{"label": y, "n": number(n, lang), "count": n,
                      "href": _url("/siaran", {**filters, "year": y}, lang)} for y, n in values]
        elif dim in filters and dim != "region":
            continue
        else:
            rows = stats.rows(dim, filters)
            if dim == "region":  # a province's kabupaten/kota, or the provinces
                parent = filters.get("region", "")
                depth = parent.count(".") + 1 if parent else 0
                rows = [r for r in rows if r.value.count(".") == depth]
            if dim == "month":
                if "year" not in filters:
                    continue
                rows = sorted(rows, key=lambda r: r.value, reverse=True)
            items = [{"label": label_of(dim, r.value, r.label, lang), "n": number(r.count, lang),
                      "count": r.count, "href": _url("/siaran", {**filters, dim: r.value}, lang)}
                     for r in rows[:size]]
        if items:
            out.append({"dim": dim, "title": title(dim, lang), "values": items[:size * 2]})
    return out


def _active(filters: dict[str, str], lang: str) -> list[dict]:
    settings = _settings()
    info, view = current(settings)
    labels = version_stats(settings, info.number, view).totals.labels
    return [{"title": title(d, lang),
             "label": label_of(d, v, labels.get((d, v), ""), lang) if d in DIMENSIONS else v,
             "remove": _url("/siaran", {k: x for k, x in filters.items() if k != d}, lang)}
            for d, v in filters.items()]


@bp.get("/siaran")
def siaran() -> Response:
    """Releases narrowed by facets, newest first, paged (``page``)."""
    lang = page_lang()
    filters = check_filters(request.args, FILTERS)
    try:
        page = max(1, int(request.args.get("page", "1")))
    except ValueError:
        raise InputError("page must be a whole number from 1", "page harus bilangan bulat "
                         "mulai 1", where="page") from None
    info, view = current(_settings())
    return _html(info.number, lambda: _siaran(view, info, filters, page, lang))


def _siaran(view, info, filters: dict[str, str], page: int, lang: str) -> str:
    stats = version_stats(_settings(), info.number, view)
    total = stats.total(filters)
    keys = stats.page(filters, (page - 1) * PER_PAGE, PER_PAGE)
    return render_template(
        "siaran.html", releases=_releases(view, keys, lang), facets=facets(filters, lang),
        active=_active(filters, lang), total=count_of(total, "release", lang), page=page,
        next=_url("/siaran", {**filters, "page": str(page + 1)}, lang)
        if page * PER_PAGE < total else None,
        prev=_url("/siaran", {**filters, "page": str(page - 1)}, lang) if page > 1 else None,
        stats_url=_url("/statistik", {k: v for k, v in filters.items() if k in API_FILTERS},
                       lang))


def _releases(view, keys: list[str], lang: str) -> list[dict]:
    """Headline, date and page of each release ``keys`` (one query for the page)."""
    if not keys:
        return []
    base = view.base
    graphs = " ".join(f"<{base}graph/release/{k}>" for k in keys)
    rows = view.select(
        "SELECT ?g ?s (SAMPLE(?h) AS ?head) (MIN(STR(?d)) AS ?date) WHERE { "
        f"VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?g <https://w3id.org/infopublik/gpr#describes> ?s "
        "OPTIONAL { ?s <http://schema.org/headline>|<http://schema.org/name> ?h } "
        "OPTIONAL { ?s <http://schema.org/datePublished>|<http://schema.org/startDate> ?d } "
        "} } GROUP BY ?g ?s")
    by = {r["g"][len(base) + len("graph/release/"):]: r for r in rows}
    out = []
    for k in keys:
        r = by.get(k, {})
        path = local_path(base, r.get("s", "")) if r.get("s") else None
        out.append({"key": k, "headline": r.get("head") or k, "date": r.get("date", "")[:10],
                    "href": (path or f"/graph/release/{k}") + ("?lang=en" if lang == "en"
                                                               else "")})
    return out


#: what a resource's count means on its own page
ROLES = {"agency": ("sebagai instansi penerbit", "as publishing agency"),
         "person": ("dengan kutipannya", "quoting them"),
         "organisation": ("yang menyebutnya", "mentioning it"),
         "regulation": ("yang mengutipnya", "citing it"),
         "event-kind": ("dengan kegiatan jenis ini", "with an event of this kind"),
         "region": ("di wilayah ini", "in this region")}


def small_counts(iri: str) -> list[dict]:
    """The few numbers a resource page shows about itself: per dimension that counts it,
    how many releases and how many per year, with links to the list and the statistics."""
    lang = page_lang()
    settings = _settings()
    try:
        info, view = current(settings)
    except NotFound:
        return []
    stats = version_stats(settings, info.number, view)
    region = "https://w3id.org/infopublik/id/region/"
    value_of = {d: iri for d in ROLES}
    value_of["region"] = iri[len(region):] if iri.startswith(region) else ""
    out = []
    for dim, value in value_of.items():
        n = stats.totals.n.get((dim, value), 0) if value else 0
        if not n:
            continue
        years: dict[str, int] = {}
        for r in stats.rows("month", {dim: value}):
            years[r.value[:4]] = years.get(r.value[:4], 0) + r.count
        rows = [(y, c, _url("/siaran", {dim: value, "year": y}, lang))
                for y, c in sorted(years.items())]
        role = ROLES[dim][1 if lang == "en" else 0]
        out.append({"text": f"{count_of(n, 'release', lang)} {role}",
                    "list": _url("/siaran", {dim: value}, lang),
                    "stats": _url("/statistik", {dim: value}, lang)
                    if dim in API_FILTERS else None,
                    "svg": bars(rows, title("year", lang), f"{count_of(n, 'release', lang)} "
                                f"{role}", lang, f"s-{dim}")})
    return out


def preload() -> None:
    """Load the reference data the statistics pages read (region names, concept labels).

    Pure data: ``serve`` loads it once before it forks its server processes, which then
    share it, instead of each paying for it (~1 s) on its first page."""
    region_info("11")
    _concept_labels()


#: unfiltered /statistik as browsers ask for it: (path, headers) rendered ahead by :func:`warm`
WARM_PAGES = (("/statistik", {}), ("/statistik?lang=en", {}),
              ("/statistik", {"Accept-Language": "en"}))


def warm(app: Flask, settings) -> None:
    """Fill the caches of the current version: its counts (the snapshot publishing wrote),
    its facet index (derived from the previous version's when there is one: the cost of the
    change) and the unfiltered /statistik pages. ``serve`` runs this in each server process
    before it takes requests, and again whenever a new version is published (see
    :func:`infopublik_ld.web.current.on_new_version`), so the first request of a version is
    as fast as the next."""
    preload()
    try:
        info, view = current(settings)
    except NotFound:
        return
    version_stats(settings, info.number, view).index()
    for path, headers in WARM_PAGES:
        with app.test_request_context(path, headers=headers):
            statistik()


def init_app(app: Flask) -> None:
    """Let templates show numbers and plurals the way the page's language writes them, and
    a resource page its own small counts."""

    @app.context_processor
    def _inject() -> dict:
        lang = page_lang()
        return {"num": lambda n: number(int(n), lang),
                "count_of": lambda n, noun: count_of(int(n), noun, lang),
                "small_counts": small_counts,
                "home_facets": lambda: facets({}, lang, size=6)}
