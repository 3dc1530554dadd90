"""``/reconcile``: the W3C Reconciliation Service API 0.2, for OpenRefine and similar tools.

- ``GET /reconcile``: the service manifest (JSONP with ``callback``).
- ``GET|POST /reconcile`` with ``queries`` (query string or form data; or a POST whose JSON
  body is the batch): reconciliation results (JSONP with ``callback`` on GET).
- ``/reconcile/suggest/{entity,type,property}?prefix=…``, ``/reconcile/preview?id=…``.

Read-only and public, like ``/api``; the logic is :mod:`infopublik_ld.identity.reconcile`.
"""

from __future__ import annotations

import json
import re

from flask import Blueprint, Response, current_app, render_template_string, request

from .. import __version__
from ..errors import InputError, NotFound
from ..identity import reconcile as rec
from .current import current

bp = Blueprint("reconcile", __name__)
_CALLBACK = re.compile(r"^[A-Za-z_$][\w$.]{0,63}$")
_PREVIEW = """<!doctype html><html lang="id"><meta charset="utf-8">
<div style="font:14px sans-serif"><a href="{{ e.id }}" target="_blank"><b>{{ e.name }}</b></a>
<br><small>{{ kind }}</small>{% if e.description %}<br>{{ e.description }}{% endif %}
{% if others %}<br><small>{{ others }}</small>{% endif %}</div></html>"""


def _index() -> rec.Index:
    settings = current_app.config["INFOPUBLIK"]
    info, view = current(settings)
    return rec.index_for(settings, view, info.number)


def _json(doc, *, jsonp: bool = True) -> Response:
    body = json.dumps(doc, ensure_ascii=False)
    callback = request.args.get("callback") if jsonp and request.method == "GET" else None
    if callback is not None:
        if not _CALLBACK.match(callback):
            raise InputError(f"callback: {callback[:40]!r} is not a JavaScript function name",
                             f"callback: {callback[:40]!r} bukan nama fungsi JavaScript",
                             where="callback")
        resp = Response(f"/**/{callback}({body});", mimetype="application/javascript")
    else:
        resp = Response(body, mimetype="application/json")
    resp.cache_control.public = True
    resp.cache_control.max_age = 60
    return resp


def manifest(root: str) -> dict:
    """The service manifest (spec 0.2, section 4)."""
    settings = current_app.config["INFOPUBLIK"]
    root = root.rstrip("/")
    lang = "en" if request.args.get("lang") == "en" else "id"
    pick = 1 if lang == "en" else 0
    return {
        "versions": ["0.2"],
        "name": f"{settings.agency_name or 'infopublik-ld'} — infopublik-ld",
        "identifierSpace": f"{settings.base_iri}id/",
        "schemaSpace": "https://w3id.org/infopublik/gpr#",
        "serviceVersion": __version__,
        "view": {"url": "{{id}}"},
        "defaultTypes": [{"id": t, "name": names[pick]} for t, names in rec.TYPES.items()],
        "preview": {"url": f"{root}/reconcile/preview?id={{{{id}}}}", "width": 400,
                    "height": 100},
        "suggest": {kind: {"service_url": root, "service_path": f"/reconcile/suggest/{kind}"}
                    for kind in ("entity", "type", "property")},
    }


@bp.route("/reconcile", methods=["GET", "POST"])
def service() -> Response:
    """The manifest, or the results of a batch of queries."""
    text = request.values.get("queries")
    if text is None and request.method == "POST" and request.is_json:
        body = request.get_json(silent=True)
        if body is None:
            raise InputError("queries: the JSON body does not parse",
                             "queries: badan JSON tidak dapat dibaca", where="queries")
        text = json.dumps(body.get("queries", body) if isinstance(body, dict) and isinstance(
            body.get("queries"), dict) else body)
    if text is None:
        if request.method == "POST":
            raise InputError("queries: a POST to /reconcile needs a batch of queries "
                             "(form field queries, or a JSON body)",
                             "queries: POST ke /reconcile perlu kumpulan kueri (isian "
                             "formulir queries, atau badan JSON)", where="queries")
        return _json(manifest(request.url_root))
    batch = rec.parse_batch(text)
    return _json(rec.reconcile(_index(), batch))


def _prefix() -> str:
    prefix = request.args.get("prefix", "")
    if len(prefix) > rec.MAX_QUERY_CHARS:
        raise InputError(f"prefix: at most {rec.MAX_QUERY_CHARS} characters",
                         f"prefix: paling panjang {rec.MAX_QUERY_CHARS} karakter",
                         where="prefix")
    return prefix


@bp.get("/reconcile/suggest/entity")
def suggest_entity() -> Response:
    """Entities whose name starts with ``prefix`` (optionally of ``type``)."""
    prefix, kind = _prefix(), request.args.get("type")
    if kind is not None and kind not in rec.TYPES:
        raise InputError(f"type: {kind[:40]!r} is not one of {', '.join(rec.TYPES)}",
                         f"type: {kind[:40]!r} bukan salah satu {', '.join(rec.TYPES)}",
                         where="type")
    try:
        cursor = int(request.args.get("cursor", "0"))
    except ValueError:
        cursor = -1
    if not 0 <= cursor <= 1000:
        raise InputError("cursor: a number from 0 to 1000", "cursor: bilangan 0 sampai 1000",
                         where="cursor")
    found = rec.suggest_entities(_index(), prefix, [kind] if kind else None,
                                 limit=cursor + 10)
    return _json({"result": found[cursor:]})


@bp.get("/reconcile/suggest/type")
def suggest_type() -> Response:
    """The four types, filtered by ``prefix``."""
    p = _prefix().casefold()
    return _json({"result": [{"id": t, "name": n[0], "description": n[1]}
                             for t, n in rec.TYPES.items()
                             if not p or t.startswith(p) or n[0].casefold().startswith(p)
                             or n[1].casefold().startswith(p)]})


@bp.get("/reconcile/suggest/property")
def suggest_property() -> Response:
    """The properties queries may use, filtered by ``prefix``."""
    p = _prefix().casefold()
    return _json({"result": [{"id": k, "name": v[0], "description": v[1]}
                             for k, v in rec.PROPERTIES.items()
                             if not p or k.startswith(p) or v[0].casefold().startswith(p)]})


@bp.get("/reconcile/preview")
def preview() -> Response:
    """A small HTML card of one entity (for OpenRefine's preview iframe)."""
    iri = request.args.get("id", "")
    entity = _index().by_id(iri)
    if entity is None:
        raise NotFound(f"id: nothing known as {iri[:120]!r}",
                       f"id: tidak ada yang dikenal sebagai {iri[:120]!r}", where="id")
    html = render_template_string(_PREVIEW, e=entity, kind=rec.TYPES[entity.type][0],
                                  others=", ".join(entity.names[1:4]))
    return Response(html, mimetype="text/html")
