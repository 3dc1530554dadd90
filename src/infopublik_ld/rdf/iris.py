"""IRI minting. Deterministic: the same record always mints the same IRIs.

Instance IRIs follow the UK public-sector URI-set pattern under the configured base:
``{base}id/{kind}/{key}`` for things, ``{base}doc/{kind}/{key}`` for their documents.
Shared reference things (regions, regulations, concepts) use the global
``https://w3id.org/infopublik/id/...`` IRIs of :mod:`infopublik_ld.vocab`.

>>> slug("Drs. Abdul Haris Rangkuti, M.Ap")
'drs-abdul-haris-rangkuti-m-ap'
>>> Minter("https://data.example.go.id/").thing("person", "Sugeng")
rdflib.term.URIRef('https://data.example.go.id/id/person/sugeng')
>>> regulation_iri("inpres", 2015, "9")
rdflib.term.URIRef('https://w3id.org/infopublik/id/regulation/inpres/2015/9')
>>> regulation_iri("perda", 2021, "4", "16.02")
rdflib.term.URIRef('https://w3id.org/infopublik/id/regulation/perda/16.02/2021/4')
>>> regulation_iri("permen", 2006, "28/PER/M.KOMINFO/9/2006", "kominfo")
rdflib.term.URIRef('https://w3id.org/infopublik/id/regulation/permen/kominfo/2006/28-per-m-kominfo-9-2006')
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from rdflib import URIRef

from ..errors import ConfigError
from ..vocab import CONCEPT, REGION, REGULATION

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
#: longest key kept in an IRI segment
MAX_KEY = 120


def slug(text: str, max_length: int = 80) -> str:
    """Return a lowercase ASCII key for ``text`` (accents folded, runs of other chars → '-')."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    key = _NON_ALNUM.sub("-", folded.lower()).strip("-")
    return key[:max_length].rstrip("-") or "x"


def check_base_iri(base: str) -> str:
    """Return ``base`` if it is a usable base IRI (http(s), host, ends with '/').

    Raises :class:`ConfigError` naming the value otherwise.
    """
    parts = urlsplit(base)
    if (
        parts.scheme not in ("http", "https")
        or not parts.netloc
        or not base.endswith("/")
        or parts.query
        or parts.fragment
        or re.search(r"[\s<>\"{}|\\^`]", base)
    ):
        raise ConfigError(
            f"base_iri {base!r} is not a usable base IRI: it must be an http(s) IRI with a host, "
            "no spaces, query or fragment, ending in '/' (e.g. 'https://data.example.go.id/')",
            f"base_iri {base!r} bukan IRI dasar yang sah: harus IRI http(s) dengan host, tanpa "
            "spasi, query atau fragmen, diakhiri '/' (mis. 'https://data.example.go.id/')",
            where="base_iri",
        )
    return base


class Minter:
    """Mint instance IRIs under one base."""

    def __init__(self, base: str):
        self.base = check_base_iri(base)

    def thing(self, kind: str, name_or_key: str) -> URIRef:
        """``{base}id/{kind}/{slug}`` for a thing named ``name_or_key``."""
        return URIRef(f"{self.base}id/{kind}/{slug(name_or_key, MAX_KEY)}")

    def doc(self, kind: str, key: str) -> URIRef:
        """``{base}doc/{kind}/{key}``: the document describing a thing."""
        return URIRef(f"{self.base}doc/{kind}/{slug(key, MAX_KEY)}")

    def graph(self, release_key: str) -> URIRef:
        """The named graph holding one release."""
        return URIRef(f"{self.base}graph/release/{release_key}")

    def key_of_graph(self, graph_iri: str) -> str | None:
        """Inverse of :meth:`graph`: the release key, or ``None`` for other IRIs."""
        prefix = f"{self.base}graph/release/"
        return graph_iri[len(prefix):] if graph_iri.startswith(prefix) else None


def region_iri(code: str) -> URIRef:
    """Global IRI of a region by its Kemendagri code (``12.23``)."""
    return REGION[code]


_ISSUER = re.compile(r"^(?:[0-9]{2}(?:\.[0-9]{2}){0,2}(?:\.[0-9]{4})?|[a-z][a-z0-9-]{0,39})$")


def regulation_iri(type_code: str, year: int, number: str, issuer: str | None = None) -> URIRef:
    """Global IRI of a regulation: ``.../regulation/{type}/{year}/{number}`` for national
    instruments, ``.../regulation/{type}/{issuer}/{year}/{number}`` with the issuing region's
    Kemendagri code or the issuer key for regional and ministerial ones.

    Raises :class:`ValueError` for an issuer that is neither (the record schema checks it).
    """
    if issuer is None:
        return REGULATION[f"{slug(type_code)}/{int(year)}/{slug(number)}"]
    if not _ISSUER.match(issuer):
        raise ValueError(f"not a region code or issuer key: {issuer!r}")
    return REGULATION[f"{slug(type_code)}/{issuer}/{int(year)}/{slug(number)}"]


def concept_iri(scheme: str, code: str) -> URIRef:
    """Global IRI of a SKOS concept: ``.../concept/{scheme}/{code}``."""
    return CONCEPT[f"{scheme}/{code}"]


def release_key(record: dict) -> str:
    """The release key: the record's ``id``, else ``{date}-{slug(headline or name)}``."""
    if record.get("id"):
        return record["id"]
    date = (record.get("date_published") or record.get("start_date") or "undated")[:10]
    title = record.get("headline") or record.get("name") or "untitled"
    return slug(f"{date}-{title}", MAX_KEY)
