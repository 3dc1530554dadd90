"""Parse RDF input safely: explicit format, from bytes, nothing fetched.

JSON-LD remote contexts and XML entity declarations are refused before parsing, so a file can
never make the parser open a URL or a local path.
"""

from __future__ import annotations

import json
import re

from rdflib import Dataset

from ..errors import InputError, RdfSyntaxError
from ..formats import Format

_LINE_COL = re.compile(r"line (\d+)(?:[^\d]+(\d+))?|:(\d+):(\d+):", re.I)


def _remote_context(node) -> str | None:
    """The first ``@context`` (or ``@import``) that is a string (a URL), anywhere in ``node``."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("@context", "@import"):
                values = value if isinstance(value, list) else [value]
                for v in values:
                    if isinstance(v, str):
                        return v
            found = _remote_context(value)
            if found:
                return found
    elif isinstance(node, list):
        for item in node:
            found = _remote_context(item)
            if found:
                return found
    return None


def _check_safe(text: str, fmt: Format, origin: str) -> None:
    if fmt.name == "jsonld":
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise RdfSyntaxError(f"{origin}:{exc.lineno}:{exc.colno}: not valid JSON-LD: "
                                 f"{exc.msg}",
                                 f"{origin}:{exc.lineno}:{exc.colno}: JSON-LD tidak sah: "
                                 f"{exc.msg}", where=f"{exc.lineno}:{exc.colno}") from None
        remote = _remote_context(doc)
        if remote is not None:
            raise InputError(
                f"{origin}: JSON-LD remote context {remote!r} refused; inline the context",
                f"{origin}: konteks JSON-LD jarak jauh {remote!r} ditolak; sertakan konteksnya "
                "langsung di berkas",
            )
    if fmt.name == "rdfxml" and re.search(r"<!(DOCTYPE|ENTITY)", text, re.I):
        raise InputError(
            f"{origin}: XML DOCTYPE/entity declarations are refused in RDF/XML",
            f"{origin}: deklarasi DOCTYPE/entitas XML ditolak dalam RDF/XML",
        )


def parse_rdf(text: str, fmt: Format, origin: str) -> Dataset:
    """Parse ``text`` as ``fmt`` into a dataset; raise :class:`RdfSyntaxError` with line:col."""
    _check_safe(text, fmt, origin)
    ds = Dataset()
    try:
        ds.parse(data=text, format=fmt.rdflib, publicID="urn:x-infopublik:input:")
    except Exception as exc:  # each rdflib parser raises its own exception types
        raise _syntax_error(exc, fmt, origin) from None
    return ds


def _syntax_error(exc: Exception, fmt: Format, origin: str) -> RdfSyntaxError:
    text = " ".join(str(exc).split()) or type(exc).__name__
    if "no slash after colon" in text:
        relative = re.search(r"relative '([^']*)'", text)
        value = relative.group(1) if relative else "?"
        return RdfSyntaxError(
            f"{origin}: relative IRI <{value}> is not allowed; write absolute IRIs",
            f"{origin}: IRI relatif <{value}> tidak diizinkan; tulis IRI lengkap")
    match = _LINE_COL.search(text)
    where = None
    if match:
        line, col = (match.group(1), match.group(2)) if match.group(1) else match.group(3, 4)
        where = f"{line}:{col or 1}"
    loc = f"{origin}:{where}" if where else origin
    return RdfSyntaxError(f"{loc}: not valid {fmt.name}: {text}",
                          f"{loc}: {fmt.name} tidak sah: {text}", where=where)
