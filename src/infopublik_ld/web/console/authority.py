"""Curation of the authority lists (people, organisations) by officers: list, merge, split.

The same functions as ``infopublik-ld people|organizations merge|split``
(:mod:`infopublik_ld.identity.curation`), behind the same writer lock; each change is
recorded in the console's audit trail (and, as the CLI does, in the store's own curation
record, under the officer's account name), and the new version's dumps are started in the
background as after a publish. Forms post with the CSRF token.
"""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for

from ...errors import InfopublikError, InputError, StoreLocked
from ...identity import curation
from ...store import current_version
from . import book, bp, current_user, lang, officer_required, t
from .ops import start_dumps

KINDS = {"person": ("Orang", "People"), "organization": ("Organisasi", "Organisations")}


def _kind() -> str:
    kind = request.values.get("kind", "person")
    return kind if kind in KINDS else "person"


def _back(kind: str):
    return redirect(url_for("console.authority", kind=kind))


@bp.get("/otoritas")
@officer_required
def authority():
    """The authority list of one kind, most mentioned first, with merge and split forms."""
    kind = _kind()
    name = request.args.get("name", "").strip()[:200]
    settings = current_app.config["INFOPUBLIK"]
    rows = curation.list_entries(settings, kind, name=name or None, limit=200) \
        if current_version(settings) is not None else []
    return render_template("console/authority.html", rows=rows, kind=kind, name=name,
                           kinds=KINDS)


def _change(action: str, run, describe) -> object:
    """Run one curation change; flash its outcome; audit it when it was made."""
    kind = _kind()
    settings = current_app.config["INFOPUBLIK"]
    try:
        out = run(settings, kind)
    except StoreLocked as exc:
        flash(t("Proses lain sedang menerbitkan; coba lagi sebentar lagi. ",
                "Another process is publishing; try again shortly. ") + exc.message(lang()),
              "error")
        return _back(kind)
    except InfopublikError as exc:
        flash(exc.message(lang()), "error")
        return _back(kind)
    message_id, message_en, version, detail = describe(out)
    book().audit(current_user().name, action, "console", version=version,
                 detail=f"{kind}: {detail}")
    start_dumps(settings, version)  # a new version, like a publish: its dumps follow
    flash(t(message_id, message_en), "ok")
    return _back(kind)


def _required(*names: str) -> dict[str, str]:
    values = {n: request.form.get(n, "").strip() for n in names}
    missing = [n for n, v in values.items() if not v]
    if missing:
        raise InputError(f"{missing[0]}: required", f"{missing[0]}: wajib diisi",
                                  where=missing[0])
    return values


@bp.post("/otoritas/gabung")
@officer_required
def authority_merge():
    """Merge entry ``source`` into ``target`` (``infopublik-ld people merge``)."""
    def run(settings, kind):
        v = _required("source", "target")
        info = curation.merge(settings, kind, v["source"], v["target"],
                              user=current_user().name)
        return v, info

    def describe(out):
        v, info = out
        return (f"{v['source']} digabung ke {v['target']} (versi {info.number}).",
                f"{v['source']} merged into {v['target']} (version {info.number}).",
                info.number, f"{v['source']} -> {v['target']}")
    return _change("merge", run, describe)


@bp.post("/otoritas/pisah")
@officer_required
def authority_split():
    """Give the mentions of ``entry`` in one release an IRI of their own
    (``infopublik-ld people split``)."""
    def run(settings, kind):
        v = _required("entry", "release")
        iri, info = curation.split(settings, kind, v["entry"], v["release"],
                                   user=current_user().name)
        return v, iri, info

    def describe(out):
        v, iri, info = out
        return (f"{v['release']}: sebutan {v['entry']} kini {iri} (versi {info.number}).",
                f"{v['release']}: the mentions of {v['entry']} are now {iri} "
                f"(version {info.number}).", info.number,
                f"{v['entry']} @ {v['release']} -> {iri}")
    return _change("split", run, describe)
