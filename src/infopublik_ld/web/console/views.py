"""The console's pages: log in and out, new draft (paste or upload), review, preview, publish.

Every page is rendered on the server; forms post back here (with the CSRF token) and redirect
(post/redirect/get), so a reload never posts twice and a closed tab loses nothing: the draft
is in the private bookkeeping from the moment the text is pasted.
"""

from __future__ import annotations

from flask import (
    Response,
    abort,
    current_app,
    flash,
    g,
    get_flashed_messages,
    redirect,
    render_template,
    request,
    url_for,
)

from ...console_accounts import DraftConflict, Throttled
from ...errors import InfopublikError, InputError, StoreLocked
from ...rdf.provenance import agency_name
from ...records.agency import Agency
from ...records.extract import extract_text
from ...records.htmltext import html_to_text
from . import book, bp, current_user, lang, login, officer_required, t
from .form import form_fields, parse, pointers, shown, value_at
from .ops import Stale, check, current_record, publish_record
from .review import extraction_notes, highlighted, schema_notes, shacl_notes, spans
from .uploads import read_upload


def _settings():
    return current_app.config["INFOPUBLIK"]


def _safe_next(target: str | None) -> str:
    """A local console address to go to after logging in (never another site)."""
    if target and target.startswith("/kelola/") and "//" not in target and "\\" not in target:
        return target
    return url_for("console.home")


# --------------------------------------------------------------------------- log in / out
@bp.get("/masuk")
def login_page():
    """The login form."""
    ended = request.args.get("ended")
    note = {"idle": t("Sesi berakhir karena lama tidak aktif; silakan masuk lagi.",
                      "The session ended after a period of inactivity; please log in again."),
            "disabled": t("Akun ini dinonaktifkan.", "This account has been disabled.")
            }.get(ended or "")
    return render_template("console/login.html", note=note, next=request.args.get("next", ""))


@bp.post("/masuk")
def login_submit():
    """Check name and password (throttled per account and per address)."""
    name = request.form.get("name", "").strip().lower()
    password = request.form.get("password", "")
    who = (f"account:{name}", f"addr:{request.remote_addr}")
    nxt = request.form.get("next", "")
    try:
        book().check_throttle(*who)
    except Throttled as exc:
        return render_template("console/login.html", error=exc.message(lang()), next=nxt,
                               name=name), 429, {"Retry-After": str(exc.wait)}
    user = book().authenticate(name, password)
    if user is None:
        book().record_failure(*who)
        return render_template("console/login.html", name=name, next=nxt, error=t(
            "Nama akun atau kata sandi salah (atau akun dinonaktifkan).",
            "Wrong account name or password (or the account is disabled).")), 401
    login(user)
    return redirect(_safe_next(nxt))


@bp.post("/keluar")
def logout():
    """End the session."""
    from flask import session

    keep = {k: session[k] for k in ("lang",) if k in session}
    session.clear()
    session.update(keep)
    return redirect(url_for("console.login_page"))


# --------------------------------------------------------------------------- home, new draft
@bp.get("/")
@officer_required
def home():
    """Start page: new release (paste or upload), open drafts."""
    return render_template("console/home.html", drafts=book().drafts("open"),
                           limit=_settings().console_max_upload_bytes)


def _too_large() -> InputError:
    limit = _settings().console_max_upload_bytes
    return InputError(f"the upload is larger than {limit / 1048576:.0f} MB (setting "
                      "console_max_upload_bytes); nothing was read or kept",
                      f"unggahan lebih besar dari {limit / 1048576:.0f} MB (setelan "
                      "console_max_upload_bytes); tidak ada yang dibaca atau disimpan",
                      where="file")


def limit_body() -> None:
    """Refuse a request body over the upload limit from its Content-Length, before reading
    it; a body without one is cut off at the limit by werkzeug while it is read."""
    limit = _settings().console_max_upload_bytes
    if request.content_length is not None and request.content_length > limit + 64 * 1024:
        exc = _too_large()
        exc.status = 413
        raise exc
    request.max_content_length = limit + 64 * 1024


def make_draft(text: str, *, html: bool, name: str | None, owner: str) -> str:
    """Extract ``text`` and keep the result as a new draft; return its id."""
    plain = html_to_text(text) if html else text
    extraction = extract_text(plain, source_name=name or "teks",
                              agency=Agency.from_settings(_settings()))
    data = extraction.to_json()
    source = data.get("text") or plain
    record = extraction.record
    warnings = [{**w, "value": value_at(record, w["field"])} for w in data.get("warnings", [])]
    return book().new_draft(owner, record, source_text=source, source_name=name,
                            extraction={"warnings": warnings,
                                        "provenance": data.get("provenance") or [],
                                        "missing": data.get("missing", [])})


@bp.post("/baru")
@officer_required
def new_draft():
    """Paste or upload → extraction → a new draft → its review form."""
    upload = request.files.get("file")
    if upload is not None and upload.filename:
        data = upload.stream.read(_settings().console_max_upload_bytes + 1)
        if len(data) > _settings().console_max_upload_bytes:
            raise _too_large()
        if upload.filename.lower().endswith(".json"):
            return _record_upload(upload.filename, data)
        got = read_upload(upload.filename, data)
        text, html, name = got.text, got.html, got.name
    else:
        text, html, name = request.form.get("text", ""), False, None
        if not text.strip():
            flash(t("Tempel teks siaran atau pilih berkas.",
                    "Paste the release text or choose a file."), "error")
            return redirect(url_for("console.home"))
        html = text.lstrip()[:15].lower().startswith(("<!doctype html", "<html"))
    draft_id = make_draft(text, html=html, name=name, owner=current_user().name)
    return redirect(url_for("console.draft", draft_id=draft_id))


def _record_upload(name: str, data: bytes):
    """A record (.json, as `publish` takes it) uploaded as a draft: no extraction."""
    from ...records.io import parse_json

    safe = name.replace("\\", "/").rsplit("/", 1)[-1][:120]
    try:
        record = parse_json(data.decode("utf-8"), safe)
    except UnicodeDecodeError:
        raise InputError(f"{safe}: not UTF-8 text", f"{safe}: bukan teks UTF-8",
                         where="file") from None
    if not isinstance(record, dict):
        raise InputError(f"{safe}: a record is one JSON object",
                         f"{safe}: rekaman adalah satu objek JSON", where="file")
    draft_id = book().new_draft(current_user().name, record, source_name=safe)
    return redirect(url_for("console.draft", draft_id=draft_id))


# --------------------------------------------------------------------------- review
def _review(d: dict) -> dict:
    """Everything the review page shows for draft ``d``."""
    record = d["record"]
    accepted = set(d["accepted"])
    checked = check(record, _settings().base_iri, agency_name(_settings()))
    notes = extraction_notes(d["extraction"], record, accepted) + schema_notes(checked.schema)
    turtle = ""
    if checked.report is not None:
        rel = checked.prepared.release
        notes += shacl_notes(checked.report, rel.triples, record, str(rel.subject), accepted)
        turtle = rel.graph.serialize(format="turtle")
    by_field: dict[str, list] = {}
    for n in notes:
        by_field.setdefault(n.field, []).append(n)
    source = d["source_text"] or ""
    marks = spans(d["extraction"], source)
    refs = {"people": [(p.get("id", ""), p.get("name", "")) for p in record.get("people", [])],
            "organizations": [(o.get("id", ""), o.get("name", ""))
                              for o in record.get("organizations", [])]}
    fields = form_fields(record.get("kind", "article"))
    return {"draft": d, "record": record, "fields": fields, "placed": pointers(fields, record),
            "notes": notes, "by_field": by_field, "checked": checked, "turtle": turtle,
            "source": highlighted(source, marks, notes), "refs": refs,
            "blocking": [n for n in notes if n.blocks], "value_at": value_at, "shown": shown}


def _draft(draft_id: str) -> dict:
    if not draft_id.isalnum() or len(draft_id) > 32:
        abort(404)
    return book().draft(draft_id)


@bp.get("/draf/<draft_id>")
@officer_required
def draft(draft_id: str):
    """The review form of a draft."""
    d = _draft(draft_id)
    return render_template("console/review.html", **_review(d))


@bp.post("/draf/<draft_id>")
@officer_required
def draft_submit(draft_id: str):
    """Save the form; then add/remove an item, validate, publish or discard."""
    d = _draft(draft_id)
    action = request.form.get("action", "save")
    if action == "discard":
        book().close_draft(draft_id, "discarded")
        flash(t("Draf dibuang.", "Draft discarded."), "ok")
        return redirect(url_for("console.home"))
    removed = {action[7:]} if action.startswith("remove:") else set()
    added = {action[4:]} if action.startswith("add:") else set()
    fields = form_fields(d["record"].get("kind", "article"))
    record = parse(request.form, fields, removed=removed, added=added)
    accepted = request.form.getlist("accept")
    try:
        revision = book().save_draft(draft_id, int(request.form.get("revision", "0") or 0),
                                     current_user().name, record, accepted)
    except DraftConflict as exc:
        view = _review(exc.current)
        view["error"] = exc.message(lang())
        return render_template("console/review.html", **view), 409
    anchor = ""
    if added:
        anchor = next(iter(added))
    elif removed:
        anchor = next(iter(removed)).rsplit("/", 1)[0]
    if action != "publish":
        if action == "save":
            flash(t("Draf disimpan.", "Draft saved."), "ok")
        return redirect(url_for("console.draft", draft_id=draft_id) + (
            f"#f{anchor}" if anchor else ""))
    d = {**d, "record": record, "accepted": accepted, "revision": revision}
    view = _review(d)
    if view["blocking"]:
        view["error"] = t("Belum dapat diterbitkan: perbaiki pelanggaran dan terima atau "
                          "perbaiki peringatan yang ditandai (draf sudah disimpan).",
                          "Not published yet: fix the violations and accept or fix the marked "
                          "warnings (the draft is saved).")
        return render_template("console/review.html", **view), 422
    try:
        done = publish_record(_settings(), record, account=current_user().name, via="console",
                              draft=draft_id, expect_hash=d.get("base_hash"),
                              expect_absent=d.get("base_key") is None,
                              checked=view["checked"])
    except StoreLocked as exc:
        view["error"] = t("Proses lain sedang menerbitkan (mis. `infopublik-ld publish`); draf "
                          "Anda tetap tersimpan — coba lagi sebentar lagi. ",
                          "Another process is publishing (e.g. `infopublik-ld publish`); your "
                          "draft is kept — try again shortly. ") + exc.message(lang())
        return render_template("console/review.html", **view), 503
    except (Stale, InfopublikError) as exc:
        view["error"] = exc.message(lang())
        return render_template("console/review.html", **view), exc.status
    book().close_draft(draft_id, "published")
    flash(t(f"Diterbitkan: {done.key} (versi {done.version}, {done.status}).",
            f"Published: {done.key} (version {done.version}, {done.status})."), "ok")
    g.published = done
    return render_template("console/published.html", done=done,
                           messages=get_flashed_messages(with_categories=True))


@bp.get("/draf/<draft_id>/pratinjau")
@officer_required
def preview(draft_id: str):
    """The article page as it will be published (escaped, under a strict CSP)."""
    from rdflib import Graph

    from ..describe import add_reference_labels
    from ..present import Page

    d = _draft(draft_id)
    checked = check(d["record"], _settings().base_iri, agency_name(_settings()))
    if checked.prepared is None:
        raise InputError("the draft does not pass the record schema yet; see the review form",
                         "draf belum lolos skema rekaman; lihat formulir tinjauan")
    rel = checked.prepared.release
    graph = Graph()
    for triple in rel.triples:
        graph.add(triple)
    add_reference_labels(graph)
    page = Page(graph, rel.subject, lang(), _settings().base_iri)
    html = render_template(f"{page.kind}.html", page=page, iri=str(rel.subject),
                           graphs=[str(rel.graph_iri)], alternates=[], version=None)
    resp = Response(html, mimetype="text/html")
    # nothing of the page may run or load: the release text is the officer's input
    resp.headers["Content-Security-Policy"] = ("default-src 'none'; style-src 'self'; "
                                               "img-src 'self'; frame-ancestors 'self'; "
                                               "base-uri 'none'; form-action 'none'")
    return resp


@bp.get("/draf/<draft_id>/turtle")
@officer_required
def preview_turtle(draft_id: str):
    """The Turtle of the draft's release as it will be published."""
    d = _draft(draft_id)
    checked = check(d["record"], _settings().base_iri, agency_name(_settings()))
    if checked.prepared is None:
        raise InputError("the draft does not pass the record schema yet; see the review form",
                         "draf belum lolos skema rekaman; lihat formulir tinjauan")
    body = checked.prepared.release.graph.serialize(format="turtle")
    return Response(body, mimetype="text/turtle")


@bp.get("/siaran/<path:key>/koreksi")
@officer_required
def correct(key: str):
    """Open a published release's current record as a new draft (republishing replaces it).

    The record kept when it was published, or, when none is current (published before
    records were kept, or from RDF), one rebuilt from its published graph, with a warning.
    A harvested release is refused: it belongs to another instance.
    """
    if len(key) > 300:
        abort(404)
    record, content_hash, rebuilt = current_record(_settings(), key)
    extraction = None
    if rebuilt:
        extraction = {"warnings": [{
            "field": "/id", "value": key, "code": "rebuilt",
            "message_id": "Rekaman siaran ini tidak tersimpan (diterbitkan sebelum rekaman "
                          "disimpan, atau dari RDF), jadi disusun ulang dari graf yang terbit: "
                          "periksa semua isian sebelum menerbitkan ulang — regulasi, "
                          "representasi, kredit dan tempat tidak disusun ulang.",
            "message_en": "This release's record was not kept (published before records were "
                          "kept, or from RDF), so it was rebuilt from the published graph: "
                          "check every field before republishing — regulations, "
                          "representations, credits and places are not rebuilt."}],
            "provenance": [], "missing": []}
        flash(extraction["warnings"][0]["message_id" if lang() == "id" else "message_en"],
              "error")
    draft_id = book().new_draft(current_user().name, record, base_key=key,
                                base_hash=content_hash, source_name=f"{key} (koreksi)",
                                **({"extraction": extraction} if extraction else {}))
    return redirect(url_for("console.draft", draft_id=draft_id))
