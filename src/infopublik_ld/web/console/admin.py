"""The console's lists: the instance's releases (search, filters), retraction, and for admins
the accounts and the audit trail."""

from __future__ import annotations

import json
import re

from flask import current_app, flash, redirect, render_template, request, url_for

from ... import fts
from ...errors import InputError
from ...rdf.iris import Minter
from ...store import current_version, graph_iris, open_version
from ...vocab import GPR, PROV, SCHEMA
from . import admin_required, book, bp, current_user, lang, officer_required, t
from .ops import Foreign, retract_release

PER_PAGE = 50
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _settings():
    return current_app.config["INFOPUBLIK"]


def _date_arg(name: str) -> str:
    value = request.args.get(name, "").strip()
    if value and not _DATE.match(value):
        raise InputError(f"{name}: {value!r} is not a date (YYYY-MM-DD)",
                         f"{name}: {value!r} bukan tanggal (YYYY-MM-DD)", where=name)
    return value


#: at most this many full-text hits are filtered by date (newest-first paging over them)
SEARCH_LIMIT = 2000


def _date_filters(var: str, since: str, until: str) -> str:
    """SPARQL filters bounding ``?var``'s date (values already checked to be YYYY-MM-DD)."""
    out = ""
    if since:
        out += f' FILTER(SUBSTR(STR(?{var}), 1, 10) >= "{since}")'
    if until:
        out += f' FILTER(SUBSTR(STR(?{var}), 1, 10) <= "{until}")'
    return out


def list_releases(settings, *, q: str = "", since: str = "", until: str = "",
                  status: str = "published", page: int = 1) -> tuple[list[dict], bool]:
    """One page of the instance's releases, newest first; and whether there are more.

    ``status``: ``published`` or ``retracted``; ``q`` searches the full-text index
    (published) or the key and reason (retracted); ``since`` and ``until`` bound the
    publication date (retracted: the retraction date), already checked to be YYYY-MM-DD.
    All three combine. Each row says whether the release is this instance's own
    (``mine``) or harvested from another.
    """
    if current_version(settings) is None:
        return [], False
    offset = (page - 1) * PER_PAGE
    minter = Minter(settings.base_iri)
    own = str(minter.graph("x"))[:-1]
    with open_version(settings) as view:
        if status == "retracted":
            filters = _date_filters("t", since, until)
            if q:
                filters += (f" FILTER(CONTAINS(LCASE(CONCAT(?k, \" \", ?r)), "
                            f"LCASE({json.dumps(q, ensure_ascii=False)})))")
            rows = view.select_meta(
                f"SELECT ?k ?t ?r WHERE {{ GRAPH ?tg {{ ?x <{GPR.retracted}> ?g ; "
                f"<{GPR.releaseKey}> ?k ; <{PROV.invalidatedAtTime}> ?t ; <{GPR.reason}> ?r "
                f"}}{filters} }} ORDER BY DESC(?t) LIMIT {PER_PAGE + 1} OFFSET {offset}")
            out = [{"key": r["k"], "date": r["t"], "headline": r["r"], "status": "retracted",
                    "mine": True} for r in rows]
            return out[:PER_PAGE], len(out) > PER_PAGE
        values = ""
        keys: dict[str, str] = {}
        if q:
            hits = fts.search(settings, q, SEARCH_LIMIT, 0)
            if not hits:
                return [], False
            registry = graph_iris(settings.base_iri)["registry"]
            wanted = " ".join(json.dumps(h["key"], ensure_ascii=False) for h in hits)
            found = view.select_meta(
                f"SELECT ?g ?k WHERE {{ GRAPH <{registry}> {{ ?g <{GPR.releaseKey}> ?k }} "
                f"VALUES ?k {{ {wanted} }} }}")
            keys = {r["g"]: r["k"] for r in found}
            if not keys:
                return [], False
            values = f" VALUES ?g {{ {' '.join(f'<{g}>' for g in keys)} }}"
        rows = view.select(
            f"SELECT ?g ?h ?d WHERE {{{values} GRAPH ?g {{ ?g <{GPR.describes}> ?a . "
            f"?a <{SCHEMA.headline}>|<{SCHEMA.name}> ?h . "
            f"OPTIONAL {{ ?a <{SCHEMA.datePublished}>|<{SCHEMA.startDate}> ?d }} }}"
            f"{_date_filters('d', since, until)} }}"
            f" ORDER BY DESC(?d) ?g LIMIT {PER_PAGE + 1} OFFSET {offset}")
    out = [{"key": keys.get(r["g"]) or minter.key_of_graph(r["g"]) or r["g"],
            "headline": r["h"], "date": r.get("d", ""), "status": "published",
            "mine": r["g"].startswith(own)} for r in rows]
    return out[:PER_PAGE], len(out) > PER_PAGE


@bp.get("/siaran")
@officer_required
def releases():
    """The instance's releases: search, filter by date and status, open, retract."""
    status = request.args.get("status", "published")
    if status not in ("published", "retracted"):
        status = "published"
    try:
        page = max(1, min(int(request.args.get("page", "1")), 200))
    except ValueError:
        page = 1
    q = request.args.get("q", "").strip()[:200]
    since, until = _date_arg("since"), _date_arg("until")
    rows, more = list_releases(_settings(), q=q, since=since, until=until, status=status,
                               page=page)
    return render_template("console/releases.html", rows=rows, more=more, page=page, q=q,
                           since=since, until=until, status=status)


@bp.post("/siaran/<path:key>/tarik")
@officer_required
def retract(key: str):
    """Retract a release (a reason is required); the 410 page then says why. A harvested
    release (key ``peer/…``) is refused with a message: it is retracted at its own
    instance (the list offers no button for it)."""
    reason = request.form.get("reason", "").strip()
    if not reason:
        flash(t("Berikan alasan penarikan.", "Give a reason for the retraction."), "error")
        return redirect(url_for("console.releases"))
    try:
        number = retract_release(_settings(), key, reason, account=current_user().name,
                                 via="console")
    except Foreign as exc:
        flash(exc.message(lang()), "error")
        return redirect(url_for("console.releases"))
    flash(t(f"Ditarik: {key} (versi {number}).", f"Retracted: {key} (version {number})."), "ok")
    return redirect(url_for("console.releases"))


@bp.get("/akun")
@admin_required
def accounts():
    """Accounts (admins only)."""
    return render_template("console/accounts.html", users=book().users())


@bp.post("/akun/<name>/nonaktif")
@admin_required
def disable(name: str):
    """Disable an account (its sessions end, its tokens stop working)."""
    book().disable(name)
    book().audit(current_user().name, "disable-account", "console", detail=name)
    flash(t(f"Akun {name} dinonaktifkan.", f"Account {name} disabled."), "ok")
    return redirect(url_for("console.accounts"))


@bp.post("/akun/<name>/cabut")
@admin_required
def revoke(name: str):
    """Revoke every API token of an account."""
    n = book().revoke(name)
    book().audit(current_user().name, "revoke-tokens", "console", detail=f"{name}: {n}")
    flash(t(f"{n} token {name} dicabut.", f"{n} token(s) of {name} revoked."), "ok")
    return redirect(url_for("console.accounts"))


@bp.get("/audit")
@admin_required
def audit():
    """The audit trail (admins only)."""
    return render_template("console/audit.html", entries=book().audit_log(), lang=lang())

