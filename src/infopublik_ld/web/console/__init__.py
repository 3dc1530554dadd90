"""The officer console under ``/kelola/`` and the write API: the authenticated part of the web.

Sessions are Flask's signed cookies, limited to ``/kelola/`` (public pages never see them),
``HttpOnly``, ``SameSite=Lax`` and ``Secure`` when the base IRI is https; the signing key is
made once in ``DATA/private/secret_key``. Every state-changing request carries the session's
CSRF token (:func:`check_csrf`, one mechanism for every form). A session ends after
``console_idle_minutes`` without a request, at logout, and when its account is disabled.
The console exists only once an account exists (``infopublik-ld user add``): before that
every ``/kelola/`` address answers 404.
"""

from __future__ import annotations

import functools
import hmac
import os
import secrets
import time
from pathlib import Path

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    g,
    redirect,
    request,
    session,
    url_for,
)
from flask.sessions import SecureCookieSessionInterface

from ...console_accounts import Book, User, has_accounts, private_dir
from ...errors import InfopublikError
from ..errors import error_response, wants_html

PREFIX = "/kelola"
bp = Blueprint("console", __name__, url_prefix=PREFIX, template_folder="templates",
               static_folder="static", static_url_path="/static")
#: a session lasts at most this long even when used all the time
MAX_SESSION_SECONDS = 12 * 3600
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")


class CsrfError(InfopublikError):
    """A form posted without the session's CSRF token, or with a stale one."""

    status = 400


class NotLoggedIn(InfopublikError):
    """The request needs a logged-in account (or an API token)."""

    status = 401


class Forbidden(InfopublikError):
    """The account's role does not allow this."""

    status = 403


def _settings():
    return current_app.config["INFOPUBLIK"]


def secret_key(data_dir: Path) -> bytes:
    """The session signing key of ``data_dir`` (made on first use, mode 0600)."""
    path = private_dir(data_dir) / "secret_key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes()
    with os.fdopen(fd, "wb") as fh:
        fh.write(secrets.token_bytes(32))
    return path.read_bytes()


class ConsoleSessions(SecureCookieSessionInterface):
    """Signed-cookie sessions for ``/kelola/`` only, keyed by the data directory's secret."""

    def get_signing_serializer(self, app: Flask):
        if not request.path.startswith(PREFIX + "/"):
            return None  # public pages: no session at all
        settings = app.config["INFOPUBLIK"]
        if "INFOPUBLIK_SECRET" not in app.config:
            if not settings.initialised or not has_accounts(settings.data_dir):
                return None  # no console yet: nothing to sign, nothing made on disk
            app.config["INFOPUBLIK_SECRET"] = secret_key(settings.data_dir)
        from itsdangerous import URLSafeTimedSerializer

        return URLSafeTimedSerializer(app.config["INFOPUBLIK_SECRET"],
                                      salt="infopublik-kelola-session",
                                      serializer=self.serializer,
                                      signer_kwargs={"key_derivation": "hmac",
                                                     "digest_method": self.digest_method})


def book() -> Book:
    """The private bookkeeping of this app's data directory (one per request)."""
    if "book" not in g:
        g.book = Book(_settings().data_dir)
    return g.book


def lang() -> str:
    """The officer's language: ``?lang=`` (remembered in the session), else the session's,
    else the browser's preference, else Indonesian."""
    explicit = request.args.get("lang")
    if explicit in ("id", "en"):
        return explicit
    remembered = session.get("lang") if request.path.startswith(PREFIX) else None
    if remembered in ("id", "en"):
        return remembered
    return request.accept_languages.best_match(["id", "en"], default="id") or "id"


def t(id_text: str, en_text: str) -> str:
    """Indonesian or English text for the officer."""
    return en_text if lang() == "en" else id_text


def csrf_token() -> str:
    """The session's CSRF token (made on first use)."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def check_csrf() -> None:
    """Raise :class:`CsrfError` unless the request carries the session's CSRF token."""
    sent = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token") or ""
    want = session.get("csrf") or ""
    if not sent or not want or not hmac.compare_digest(sent, want):
        raise CsrfError(
            "this form has expired or did not come from this console (missing or stale CSRF "
            "token); reload the page and send it again — nothing was changed",
            "formulir ini kedaluwarsa atau bukan dari konsol ini (token CSRF tidak ada atau "
            "basi); muat ulang halaman lalu kirim lagi — tidak ada yang diubah",
            where="csrf_token")


def current_user() -> User | None:
    """The account of this session, or ``None`` (anonymous, idle too long, disabled)."""
    if "user" in g:
        return g.user
    g.user = None
    name = session.get("u")
    if name:
        now = time.time()
        idle = _settings().console_idle_minutes * 60
        if now - session.get("seen", 0) > idle or now - session.get("born", 0) > \
                MAX_SESSION_SECONDS:
            g.session_ended = "idle"
        else:
            g.user = book().session_user(name, session.get("e", -1))
            if g.user is None:
                g.session_ended = "disabled"
        if g.user is None:
            keep = {k: session[k] for k in ("lang",) if k in session}
            session.clear()
            session.update(keep)
        else:
            session["seen"] = int(now)
    return g.user


def login(user: User) -> None:
    """Start a fresh session for ``user`` (a new CSRF token: forms of before are stale)."""
    keep = {k: session[k] for k in ("lang",) if k in session}
    session.clear()
    now = int(time.time())
    session.update(keep, u=user.name, e=user.epoch, seen=now, born=now,
                   csrf=secrets.token_urlsafe(32))
    g.user = user


def _refuse_anonymous():
    if request.method == "GET" and wants_html():
        why = g.get("session_ended")
        return redirect(url_for("console.login_page", next=request.full_path.rstrip("?"),
                                ended=why))
    raise NotLoggedIn("log in to the officer console first (/kelola/masuk)",
                      "masuk ke konsol petugas dahulu (/kelola/masuk)")


def officer_required(view):
    """Only for a logged-in officer or admin."""
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if current_user() is None:
            return _refuse_anonymous()
        return view(*args, **kwargs)
    return wrapped


def admin_required(view):
    """Only for a logged-in admin."""
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        user = current_user()
        if user is None:
            return _refuse_anonymous()
        if not user.is_admin:
            raise Forbidden("only an admin account may do this",
                            "hanya akun admin yang boleh melakukan ini")
        return view(*args, **kwargs)
    return wrapped


@bp.before_request
def _gate():
    settings = _settings()
    if not settings.initialised or not has_accounts(settings.data_dir):
        abort(404)  # no account yet: there is no console
    if request.args.get("lang") in ("id", "en"):
        session["lang"] = request.args["lang"]
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        from .views import limit_body

        limit_body()  # before the CSRF check reads the form: a huge body is never read
        check_csrf()


@bp.after_request
def _headers(resp):
    resp.headers.setdefault("Content-Security-Policy", CSP)
    resp.headers["X-Frame-Options"] = "DENY"
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["Referrer-Policy"] = "same-origin"
    resp.headers["Cache-Control"] = "no-store"
    resp.vary.add("Cookie")
    return resp


@bp.app_template_global("csrf_field")
def _csrf_field():
    from markupsafe import Markup

    return Markup('<input type="hidden" name="csrf_token" value="{}">').format(csrf_token())


@bp.context_processor
def _inject() -> dict:
    return {"lang": lang(), "t": t, "user": current_user(), "csrf_token": csrf_token}


@bp.errorhandler(InfopublikError)
def _console_error(exc: InfopublikError):
    """Console errors as a page in the officer's language (JSON for API-like clients)."""
    return error_response(exc.status, type(exc).__name__, exc.message_en, exc.message_id,
                          exc.where)


def init_app(app: Flask) -> None:
    """Sessions, cookie flags and the write API."""
    settings = app.config["INFOPUBLIK"]
    app.session_interface = ConsoleSessions()
    app.config.update(SESSION_COOKIE_NAME="infopublik_kelola", SESSION_COOKIE_PATH=PREFIX + "/",
                      SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
                      SESSION_COOKIE_SECURE=settings.base_iri.startswith("https:"))
    from .writeapi import bp as api_bp

    app.register_blueprint(api_bp)

    @app.teardown_appcontext
    def _close_book(_exc) -> None:
        held = g.pop("book", None)
        if held is not None:
            held.close()


from . import admin, authority, views  # noqa: E402, F401  (their routes register on bp)
