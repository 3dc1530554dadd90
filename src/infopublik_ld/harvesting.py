"""``infopublik-ld harvest URL``: copy another instance's releases into this store.

1. Fetch the peer's DCAT catalogue at ``URL`` (the only address taken from the user).
2. The first time (or with ``full=True``, or after many changes): download the N-Quads dump the
   catalogue lists, check its size and SHA-256, parse it completely into a staging store, then
   merge: new or changed release graphs are written, graphs of this peer that the dump no
   longer holds are retracted.
3. Later: follow the peer's change feed (LDES) from the version harvested last; fetch each
   release graph a member names, retract those the feed says were retracted. Members about a
   dataset (the page says ``a dcat:Dataset``: the peer's counts, a new version each version)
   are not releases and are skipped; this instance keeps counts of its own.

Only the catalogue URL, the dump and change-feed URLs the catalogue lists and the pages and
release graphs the feed links to are fetched, and only on the catalogue's origin; redirects are
refused. Harvested releases keep the peer's graph IRIs; each carries
``prov:hadPrimarySource`` = the peer's catalogue. Unchanged graphs are skipped (content hash),
so harvesting twice changes nothing. Any failure before the merge (unreachable peer, broken
download, bad checksum, unparseable data) leaves the local store as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

from . import __version__
from .config import Settings
from .errors import InfopublikError, RdfSyntaxError
from .fts import FtsIndex
from .publishing import rebuild_index
from .rdf.iris import slug
from .store import ReleaseWrite, open_store
from .store.base import now
from .store.export import Staging
from .vocab import GPR, PROV

SPDX = "http://spdx.org/rdf/terms#"
IANA_NQ = URIRef("http://www.iana.org/assignments/media-types/application/n-quads")
LDES_SPEC = URIRef("https://w3id.org/ldes/specification")
AS = "https://www.w3.org/ns/activitystreams#"
TREE = "https://w3id.org/tree#"
#: more changed releases than this since the last visit: take the full dump instead
INCREMENTAL_LIMIT = 1000
TIMEOUT = 60
USER_AGENT = f"infopublik-ld/{__version__} (harvest)"


class HarvestError(InfopublikError):
    """The peer could not be harvested; nothing was changed locally."""

    exit_code = 1


@dataclass
class HarvestResult:
    """What one harvest run did."""

    peer: str
    mode: str = "none"
    peer_version: int = 0
    written: list[str] = field(default_factory=list)
    retracted: list[str] = field(default_factory=list)
    unchanged: int = 0
    version: int | None = None
    fetched: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        """A JSON-ready summary."""
        return {"peer": self.peer, "mode": self.mode, "peer_version": self.peer_version,
                "written": len(self.written), "retracted": len(self.retracted),
                "unchanged": self.unchanged, "version": self.version,
                "fetched": len(self.fetched)}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        raise HarvestError(f"{req.full_url} redirects to {newurl}; redirects are not followed",
                           f"{req.full_url} mengalihkan ke {newurl}; pengalihan tidak diikuti")


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


class _Peer:
    """HTTP access restricted to one origin."""

    def __init__(self, catalog_url: str, result: HarvestResult):
        if urlsplit(catalog_url).scheme not in ("http", "https"):
            raise HarvestError(f"{catalog_url!r} is not an http(s) URL",
                               f"{catalog_url!r} bukan URL http(s)")
        self.origin = _origin(catalog_url)
        self.result = result
        self.opener = urllib.request.build_opener(_NoRedirect())

    def check(self, url: str, what: str) -> str:
        if _origin(url) != self.origin:
            raise HarvestError(
                f"the peer's {what} {url} is not on the catalogue's origin "
                f"{self.origin[0]}://{self.origin[1]}; refusing to fetch it",
                f"{what} milik mitra {url} tidak berada di asal katalog "
                f"{self.origin[0]}://{self.origin[1]}; tidak diambil")
        return url

    def open(self, url: str, accept: str, what: str):
        self.check(url, what)
        req = urllib.request.Request(url, headers={"Accept": accept, "User-Agent": USER_AGENT})
        self.result.fetched.append(url)
        try:
            return self.opener.open(req, timeout=TIMEOUT)
        except urllib.error.HTTPError as exc:
            if exc.code == 410:
                return None
            raise HarvestError(f"{what} {url} answered HTTP {exc.code}",
                               f"{what} {url} menjawab HTTP {exc.code}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise HarvestError(f"cannot reach {url}: {reason}",
                               f"tidak dapat menghubungi {url}: {reason}") from None

    def rdf(self, url: str, what: str) -> Graph:
        resp = self.open(url, "text/turtle", what)
        if resp is None:
            raise HarvestError(f"{what} {url} is gone (410)", f"{what} {url} sudah tidak ada")
        with resp:
            data = resp.read()
        try:
            return Graph().parse(data=data, format="turtle", publicID=url)
        except Exception as exc:  # rdflib raises many types on bad input
            raise HarvestError(f"{what} {url} is not valid Turtle: {exc}",
                               f"{what} {url} bukan Turtle yang sah: {exc}") from None


#: link relation (RFC 8288 extension type) from a site's pages to its DCAT catalogue
CATALOG_REL = "http://www.w3.org/ns/dcat#catalog"
_LINK = re.compile(r'<([^>]*)>((?:\s*;\s*[^;,]+)*)')


def linked(headers: list[str], base: str, rel: str) -> str | None:
    """The target of the first ``Link`` header value with relation ``rel``, resolved against
    ``base``; ``None`` when there is none."""
    for header in headers:
        for target, params in _LINK.findall(header):
            for param in params.split(";"):
                name, _, value = param.strip().partition("=")
                if name.strip().lower() == "rel" and rel in value.strip().strip('"').split():
                    return urljoin(base, target)
    return None


def _catalogue(peer: _Peer, url: str) -> tuple[str, Graph]:
    """The peer's catalogue URL and graph. ``url`` is the catalogue itself, or a page of the
    site (its home page) that names it in a ``Link`` header: a web page is never parsed as
    Turtle."""
    resp = peer.open(url, "text/turtle", "catalogue")
    if resp is None:
        raise HarvestError(f"catalogue {url} is gone (410)", f"katalog {url} sudah tidak ada")
    with resp:
        kind = resp.headers.get_content_type()
        links = resp.headers.get_all("Link") or []
        if kind not in ("text/html", "application/xhtml+xml"):
            data = resp.read()
            try:
                return url, Graph().parse(data=data, format="turtle", publicID=url)
            except Exception as exc:  # rdflib raises many types on bad input
                raise HarvestError(f"catalogue {url} is not valid Turtle: {exc}",
                                   f"katalog {url} bukan Turtle yang sah: {exc}") from None
    target = linked(links, url, CATALOG_REL)
    if target is None:
        raise HarvestError(
            f"{url} is a web page that names no DCAT catalogue (no Link header with "
            f'rel="{CATALOG_REL}"); give the catalogue\'s address, e.g. {urljoin(url, "/catalog")}',
            f"{url} adalah halaman web yang tidak menyebut katalog DCAT (tidak ada header Link "
            f'dengan rel="{CATALOG_REL}"); berikan alamat katalognya, mis. '
            f"{urljoin(url, '/catalog')}")
    return target, peer.rdf(target, "catalogue")


@dataclass
class _Catalog:
    version: int
    dump_version: int
    dump_url: str
    sha256: str
    size: int
    changes_url: str | None


def _read_catalog(g: Graph) -> _Catalog:
    for ds in g.subjects(RDF.type, DCAT.Dataset):
        version = g.value(ds, URIRef(str(DCAT) + "version"))
        for d in g.objects(ds, DCAT.distribution):
            if g.value(d, DCAT.mediaType) == IANA_NQ and g.value(d, DCTERMS.temporal) is None:
                ck = g.value(d, URIRef(SPDX + "checksum"))
                changes = next((g.value(s, DCAT.endpointURL) for s in
                                g.subjects(DCTERMS.conformsTo, LDES_SPEC)), None)
                # the version the dump holds (it may be behind the dataset while the newest
                # dumps are written): what a harvest from it has, and where the feed resumes
                held = g.value(d, GPR.versionNumber) or version
                return _Catalog(int(str(version or 0)), int(str(held or 0)),
                                str(g.value(d, DCAT.downloadURL)),
                                str(g.value(ck, URIRef(SPDX + "checksumValue"))),
                                int(g.value(d, DCAT.byteSize)),
                                str(changes) if changes else None)
    raise HarvestError("the catalogue lists no N-Quads dump (dcat:Distribution with "
                       "dcat:mediaType application/n-quads)",
                       "katalog tidak memuat dump N-Quads")


def _state_path(settings: Settings, peer: str) -> Path:
    return settings.data_dir / "harvest" / f"{peer}.json"


def _download(peer: _Peer, cat: _Catalog, folder: Path) -> Path:
    path = folder / "dump.nq.gz"
    resp = peer.open(cat.dump_url, "application/gzip, */*", "dump")
    if resp is None:
        raise HarvestError(f"dump {cat.dump_url} is gone (410)", "dump sudah tidak ada")
    sha, size = hashlib.sha256(), 0
    try:
        with resp, open(path, "wb") as out:
            while chunk := resp.read(1 << 20):
                sha.update(chunk)
                size += len(chunk)
                out.write(chunk)
    except OSError as exc:
        raise HarvestError(f"download of {cat.dump_url} broke off: {exc}",
                           f"unduhan {cat.dump_url} terputus: {exc}") from None
    if size != cat.size or sha.hexdigest() != cat.sha256:
        raise HarvestError(
            f"dump {cat.dump_url}: got {size} bytes with SHA-256 {sha.hexdigest()}, the "
            f"catalogue says {cat.size} bytes and {cat.sha256}; nothing was changed",
            f"dump {cat.dump_url}: diterima {size} bita dengan SHA-256 {sha.hexdigest()}, "
            f"katalog menyebut {cat.size} bita dan {cat.sha256}; tidak ada yang diubah")
    return path


def _feed(peer: _Peer, cat: _Catalog, since: int) -> dict[str, str] | None:
    """Net change per graph since version ``since`` ("put" or "delete"); ``None``: too many."""
    if not cat.changes_url:
        return None
    root = peer.rdf(cat.changes_url, "change feed")
    version_of = URIRef(str(GPR) + "versionNumber")
    starts = sorted((int(v), str(n)) for n, v in root.subject_objects(version_of)
                    if int(v) > since)
    if not starts:
        return {}
    changes: dict[str, str] = {}
    url: str | None = starts[0][1]
    seen = set()
    while url and url not in seen:
        if not url.startswith(cat.changes_url):
            raise HarvestError(f"change page {url} is outside the feed {cat.changes_url}",
                               f"halaman perubahan {url} di luar umpan {cat.changes_url}")
        seen.add(url)
        page = peer.rdf(url, "change page")
        members = [(int(page.value(m, version_of) or 0), m) for m in
                   page.objects(None, URIRef(TREE + "member"))]
        for _, m in sorted(members, key=lambda x: (x[0], str(x[1]))):
            if int(page.value(m, version_of) or 0) <= since:
                continue
            obj = page.value(m, URIRef(AS + "object"))
            if (obj, RDF.type, DCAT.Dataset) in page:
                continue  # a new version of a dataset (the counts), not a release graph
            obj = str(obj)
            deleted = (m, RDF.type, URIRef(AS + "Delete")) in page
            changes[obj] = "delete" if deleted else "put"
        if len(changes) > INCREMENTAL_LIMIT:
            return None
        nxt = [str(page.value(r, URIRef(TREE + "node")))
               for r in page.objects(URIRef(url), URIRef(TREE + "relation"))]
        url = nxt[0] if nxt else None
    return changes


def _key(peer: str, graph: str, staging: Staging) -> str:
    key = staging.value(graph, str(GPR.releaseKey)) or graph.rstrip("/").rsplit("/", 1)[-1]
    return f"{peer}/{slug(key, 120)}"


def _merge(settings: Settings, staging: Staging, peer: str, source: str, result: HarvestResult,
           deletes: set[str], full: bool) -> None:
    """Write staged graphs that changed; retract ``deletes`` (full: every graph not staged)."""
    graphs = staging.graphs()
    with open_store(settings) as store:
        if any(g.startswith(settings.base_iri) for g in graphs):
            raise HarvestError("the peer's graphs use this instance's own base IRI; an "
                               "instance cannot harvest itself", "mitra memakai IRI dasar "
                               "yang sama dengan instansi ini; tidak dapat memanen diri sendiri")
        known, tombstoned = store.releases(), store.tombstoned()
        mine = {g for g, s in known.items() if s.key.startswith(peer + "/")}
        number = store.last_number() + 1
        writes = []
        for g in graphs:
            triples = staging.triples(g) + [f"<{g}> <{PROV.hadPrimarySource}> <{source}>"]
            digest = hashlib.sha256("\n".join(triples).encode("utf-8")).hexdigest()
            if g in known and known[g].content_hash == digest:
                result.unchanged += 1
                continue
            writes.append(ReleaseWrite.from_lines(_key(peer, g, staging), g, triples, digest))
        for i in range(0, len(writes), store.chunk_size):
            chunk = writes[i:i + store.chunk_size]
            store.write_chunk(number, chunk, known, tombstoned)
            result.written += [w.graph for w in chunk]
        gone = (mine - set(graphs)) if full else (deletes & mine)
        for g in sorted(gone):
            store.retract(number, g, known[g].key, f"retracted at the source {source}", now())
            result.retracted.append(g)
        if writes or gone:
            result.version = store.finalize(number).number
            with FtsIndex(settings.data_dir) as index:  # harvested releases are searchable
                rebuild_index(store, index, result.version)


def _staged(load, *args, **kwargs) -> None:
    try:
        load(*args, **kwargs)
    except RdfSyntaxError as exc:
        raise HarvestError(exc.message_en + "; nothing was changed",
                           exc.message_id + "; tidak ada yang diubah") from None


def harvest(settings: Settings, url: str, *, full: bool = False) -> HarvestResult:
    """Harvest the instance whose DCAT catalogue is at ``url``; see the module docstring.

    Raises :class:`HarvestError` (nothing changed locally), :class:`StoreLocked`.
    """
    peer_id = slug("-".join(_origin(url)[1:]) or "peer", 80)
    result = HarvestResult(peer_id)
    peer = _Peer(url, result)
    url, graph = _catalogue(peer, url)
    cat = _read_catalog(graph)
    result.peer_version = cat.version
    state_file = _state_path(settings, peer_id)
    state = json.loads(state_file.read_text("utf-8")) if state_file.exists() else {}
    since = int(state.get("version", 0))
    if state and not full and since == cat.version:
        return result
    changes = None if (full or not state) else _feed(peer, cat, since)
    with tempfile.TemporaryDirectory(prefix="infopublik-harvest-") as tmp, Staging() as staging:
        if changes is None:
            result.mode = "dump"
            _staged(staging.load_nquads, _download(peer, cat, Path(tmp)), gzipped=True)
            deletes: set[str] = set()
        else:
            result.mode = "changes"
            deletes = {g for g, what in changes.items() if what == "delete"}
            for g in sorted(g for g, what in changes.items() if what == "put"):
                resp = peer.open(g, "application/n-triples", "release graph")
                if resp is None:
                    deletes.add(g)
                    continue
                with resp:
                    _staged(staging.load_ntriples, resp.read(), g)
        _merge(settings, staging, peer_id, url, result, deletes, full=changes is None)
    state_file.parent.mkdir(parents=True, exist_ok=True)
    tmp_state = state_file.with_suffix(".tmp")
    had = cat.dump_version if result.mode == "dump" else cat.version
    tmp_state.write_text(json.dumps({"catalog": url, "version": had, "time": now()}),
                         encoding="utf-8")
    os.replace(tmp_state, state_file)
    return result

