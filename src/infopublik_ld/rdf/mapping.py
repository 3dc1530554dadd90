"""Record → rdflib graph, following the vocabulary contract of DESIGN.md.

One release becomes one named graph (:class:`MappedRelease`); provenance is added by
:mod:`infopublik_ld.rdf.provenance`. The mapping is pure: same record, same base → same triples.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef

from ..identity.authority import Authority, ref
from ..records.regulations import NATIONAL_TYPES
from ..vocab import DCTERMS, ELI, GPR, ORG, RDF, RDFS, SCHEMA, XSD, bind_prefixes
from .iris import Minter, concept_iri, region_iri, regulation_iri, release_key

#: who passes national instruments (eli:passed_by), a key of the regulation-issuer scheme
NATIONAL_ISSUER = {"uud": "mpr", "tap-mpr": "mpr", "uu": "dpr"}

ORG_CLASSES = {
    "government": (SCHEMA.GovernmentOrganization, ORG.FormalOrganization),
    "unit": (SCHEMA.GovernmentOrganization, ORG.OrganizationalUnit),
    "media": (SCHEMA.NewsMediaOrganization,),
    "company": (SCHEMA.Corporation,),
}


@dataclass
class MappedRelease:
    """The RDF of one release: its key, named-graph IRI, main resource and triples.

    ``triples`` is a plain list (cheap to build and to hand to the store); :attr:`graph`
    builds an rdflib graph of it on demand, for serialising.
    """

    key: str
    graph_iri: URIRef
    subject: URIRef
    triples: list[tuple] = field(default_factory=list)
    #: SHA-256 of the input, set when provenance is added
    source_digest: str = ""
    #: the people and organisations to resolve (``map_record(..., resolve=False)``): their
    #: placeholder IRIs stand in the triples (see :mod:`infopublik_ld.identity.authority`)
    mentions: dict | None = None

    @property
    def graph(self) -> Graph:
        """An rdflib graph of the triples, with the contract's prefixes bound."""
        g = Graph()
        bind_prefixes(g)
        for t in dict.fromkeys(self.triples):
            g.add(t)
        return g

    def add(self, s, p, o) -> None:
        """Add one triple (``None`` objects are skipped)."""
        if o is not None:
            self.triples.append((s, p, o))


def _plain_literal(value, lang: str | None = None) -> Literal:
    """``Literal(value, lang=lang)`` for a ``str`` value and a language tag already checked.

    It builds the same object rdflib's constructor builds for a string without a datatype,
    minus its general conversion machinery (~2.5 µs → ~0.3 µs; a release has ~50 such
    literals). :func:`_plain_literal_matches_rdflib` checks the result against rdflib's at
    import, and anything else (not a ``str``) goes through rdflib.
    """
    if type(value) is not str:
        return Literal(value, lang=lang)
    term = str.__new__(Literal, value)
    term._language = lang or None
    term._datatype = None
    term._value = value
    term._ill_typed = None
    return term


def _plain_literal_matches_rdflib() -> bool:
    """Whether :func:`_plain_literal` makes what ``Literal`` makes (this rdflib version)."""
    try:
        for value, lang in (("Bupati Labuhanbatu Utara", None), ("Rapat koordinasi", "id"),
                            ("Meeting", "en-US"), ("", None)):
            ours, theirs = _plain_literal(value, lang), Literal(value, lang=lang)
            if ours != theirs or hash(ours) != hash(theirs) or any(
                    getattr(ours, slot) != getattr(theirs, slot)
                    for slot in Literal.__slots__):
                return False
    except (AttributeError, TypeError):
        return False
    return True


if not _plain_literal_matches_rdflib():  # pragma: no cover - a future rdflib
    def _plain_literal(value, lang: str | None = None) -> Literal:  # noqa: F811
        return Literal(value, lang=lang)


def _date(value: str) -> Literal:
    """``xsd:date`` for ``YYYY-MM-DD``, ``xsd:dateTime`` when a time is given."""
    return Literal(value, datatype=XSD.dateTime if "T" in value else XSD.date)


class _Mapper:
    def __init__(self, record: dict, minter: Minter):
        self.r = record
        self.m = minter
        self.lang = record.get("language", "id")
        Literal("", lang=self.lang)  # rdflib's check of the tag, once (ValueError if invalid)
        self.key = release_key(record)
        self.out = MappedRelease(self.key, minter.graph(self.key), URIRef(""))
        self.add = self.out.add
        self.people: dict[str, URIRef] = {}
        self.orgs: dict[str, URIRef] = {}
        self.org_region: dict[str, str] = {}
        self.mentions: dict = {"orgs": [], "people": [], "posts": [],
                               "publisher": record.get("publisher"),
                               "region": record.get("dateline_region") or (
                                   record.get("event") or record).get("region"),
                               "date": (record.get("date_published")
                                        or record.get("start_date") or "")[:10]}

    def text(self, value: str | None) -> Literal | None:
        return _plain_literal(value, self.lang) if value else None

    # --- shared things -------------------------------------------------------------
    def region(self, code: str | None) -> URIRef | None:
        if not code:
            return None
        iri = region_iri(code)
        self.add(iri, RDF.type, SCHEMA.AdministrativeArea)
        self.add(iri, GPR.kodeWilayah, _plain_literal(code))
        return iri

    def place(self, name: str, region: str | None) -> URIRef:
        iri = self.m.thing("place", name)
        self.add(iri, RDF.type, SCHEMA.Place)
        self.add(iri, SCHEMA.name, _plain_literal(name))
        self.add(iri, SCHEMA.containedInPlace, self.region(region))
        return iri

    def organizations(self) -> None:
        for o in self.r.get("organizations", []):
            self.orgs[o["id"]] = URIRef(ref("organization", o["id"]))
            self.org_region[o["id"]] = o.get("region") or ""
            self.mentions["orgs"].append({"local": o["id"], "name": o["name"],
                                          "region": o.get("region") or ""})
        for o in self.r.get("organizations", []):
            iri = self.orgs[o["id"]]
            for cls in ORG_CLASSES.get(o.get("kind", ""), (SCHEMA.Organization,)):
                self.add(iri, RDF.type, cls)
            self.add(iri, SCHEMA.name, _plain_literal(o["name"]))
            for alt in o.get("alternate_names", []):
                self.add(iri, SCHEMA.alternateName, _plain_literal(alt))
            self.add(iri, SCHEMA.areaServed, self.region(o.get("region")))
            if o.get("parent"):
                self.add(iri, ORG.unitOf, self.orgs[o["parent"]])
                self.add(iri, SCHEMA.parentOrganization, self.orgs[o["parent"]])
            if o.get("url"):
                self.add(iri, SCHEMA.url, URIRef(o["url"]))

    def persons(self) -> None:
        for p in self.r.get("people", []):
            iri = self.people[p["id"]] = URIRef(ref("person", p["id"]))
            self.mentions["people"].append({
                "local": p["id"], "name": p["name"], "org": p.get("organization"),
                "office": p.get("office"), "label": p.get("label") or p["name"],
                "job_title": p.get("job_title") or ""})
            self.add(iri, RDF.type, SCHEMA.Person)
            self.add(iri, SCHEMA.name, _plain_literal(p["name"]))
            self.add(iri, RDFS.label, _plain_literal(p.get("label") or p["name"]))
            for prefix in p.get("honorific_prefixes", []):
                self.add(iri, SCHEMA.honorificPrefix, _plain_literal(prefix))
            for suffix in p.get("honorific_suffixes", []):
                self.add(iri, SCHEMA.honorificSuffix, _plain_literal(suffix))
            if p.get("nickname"):
                self.add(iri, SCHEMA.alternateName, _plain_literal(p["nickname"]))
            self.add(iri, SCHEMA.jobTitle, self.text(p.get("job_title")))
            if p.get("acting"):
                self.add(iri, GPR.acting, Literal(True))
            office = concept_iri("office", p["office"]) if p.get("office") else None
            self.add(iri, GPR.office, office)
            org = self.orgs.get(p.get("organization", ""))
            self.add(iri, SCHEMA.worksFor, org)
            if office is not None and org is not None:
                post = URIRef(ref("post", f"{p['organization']}:{p['office']}"))
                self.mentions["posts"].append((p["organization"], p["office"]))
                self.add(post, RDF.type, ORG.Post)
                self.add(post, ORG.postIn, org)
                self.add(post, ORG.role, office)
                self.add(post, ORG.heldBy, iri)
                self.add(post, RDFS.label, self.text(p.get("job_title")))
                self.add(iri, ORG.holds, post)

    # --- the release ---------------------------------------------------------------
    def event(self, ev: dict, iri: URIRef) -> URIRef:
        self.add(iri, RDF.type, SCHEMA.Event)
        self.add(iri, SCHEMA.name, self.text(ev.get("name")))
        for name, prop in (("start_date", SCHEMA.startDate), ("end_date", SCHEMA.endDate)):
            if ev.get(name):
                self.add(iri, prop, _date(ev[name]))
        if ev.get("event_type"):
            self.add(iri, DCTERMS.type, concept_iri("event-type", ev["event_type"]))
        if ev.get("venue"):
            self.add(iri, SCHEMA.location, self.place(ev["venue"], ev.get("region")))
        elif ev.get("region"):
            self.add(iri, SCHEMA.location, self.region(ev["region"]))
        self.add(iri, SCHEMA.organizer, self.orgs.get(ev.get("organizer", "")))
        if ev.get("audience"):
            audience = self.m.thing("audience", self.key)
            self.add(audience, RDF.type, SCHEMA.Audience)
            self.add(audience, SCHEMA.audienceType, self.text(ev["audience"]))
            self.add(iri, SCHEMA.audience, audience)
        if ev.get("super_event"):
            parent = self.m.thing("event", ev["super_event"])
            self.add(parent, RDF.type, SCHEMA.Event)
            self.add(parent, SCHEMA.name, self.text(ev["super_event"]))
            self.add(iri, SCHEMA.superEvent, parent)
        return iri

    def regulation(self, reg: dict, n: int) -> URIRef:
        """A cited instrument: its shared IRI when its issuer is known (or it is national),
        else a resource of this release only, so two instruments never share an IRI (the
        missing eli:passed_by makes a SHACL warning)."""
        kind, issuer = reg["type"], reg.get("issuer_code")
        if kind in NATIONAL_TYPES:
            iri = regulation_iri(kind, reg["year"], reg["number"])
            self.add(iri, ELI.passed_by,
                     concept_iri("regulation-issuer", NATIONAL_ISSUER.get(kind, "presiden")))
        elif issuer:
            iri = regulation_iri(kind, reg["year"], reg["number"], issuer)
            self.add(iri, ELI.passed_by, self.region(issuer) if issuer[0].isdigit()
                     else concept_iri("regulation-issuer", issuer))
        else:
            iri = self.m.thing("regulation", f"{self.key}-{n}")
        abbr = reg["type"].upper() if len(reg["type"]) <= 3 else reg["type"].capitalize()
        self.add(iri, RDF.type, SCHEMA.Legislation)
        self.add(iri, RDF.type, ELI.LegalResource)
        self.add(iri, SCHEMA.legislationType, concept_iri("legislation-type", reg["type"]))
        ident = f"{abbr} {reg['number']}/{reg['year']}"
        self.add(iri, SCHEMA.legislationIdentifier, _plain_literal(ident))
        self.add(iri, SCHEMA.name, _plain_literal(ident))
        self.add(iri, ELI.id_local, _plain_literal(reg["number"]))
        self.add(iri, SCHEMA.legislationDate, Literal(str(reg["year"]), datatype=XSD.gYear))
        self.add(iri, ELI.title, self.text(reg.get("title")))
        return iri

    def common(self, subject: URIRef) -> None:
        self.add(subject, SCHEMA.inLanguage, _plain_literal(self.lang))
        self.add(subject, SCHEMA.publisher, self.orgs.get(self.r.get("publisher", "")))
        if self.r.get("source_url"):
            self.add(subject, SCHEMA.url, URIRef(self.r["source_url"]))

    def article(self) -> URIRef:
        r = self.r
        art = self.m.thing("article", self.key)
        self.add(art, RDF.type, SCHEMA.NewsArticle)
        self.add(art, SCHEMA.headline, self.text(r.get("headline")))
        self.add(art, SCHEMA.articleBody, self.text(r.get("body")))
        if r.get("date_published"):
            self.add(art, SCHEMA.datePublished, _date(r["date_published"]))
        if r.get("dateline"):
            self.add(art, SCHEMA.dateline, _plain_literal(r["dateline"]))
            self.add(art, SCHEMA.locationCreated,
                     self.place(r["dateline"], r.get("dateline_region")))
        if r.get("outlet"):
            outlet = self.m.thing("organization", r["outlet"])
            self.add(outlet, RDF.type, SCHEMA.NewsMediaOrganization)
            self.add(outlet, SCHEMA.name, _plain_literal(r["outlet"]))
            self.add(art, SCHEMA.sourceOrganization, outlet)
        self.common(art)
        credits = r.get("credits", {})
        credited = set()
        for role, prop in (("authors", SCHEMA.author), ("editors", SCHEMA.editor),
                           ("photographers", SCHEMA.contributor)):
            for key in credits.get(role, []):
                self.add(art, prop, self.people[key])
                credited.add(key)
        for key, iri in self.people.items():
            if key not in credited:
                self.add(art, SCHEMA.mentions, iri)
        for iri in self.orgs.values():
            self.add(art, SCHEMA.mentions, iri)
        event = None
        if r.get("event"):
            event = self.event(r["event"], self.m.thing("event", self.key))
            self.add(art, SCHEMA.about, event)
        for n, reg in enumerate(r.get("regulations", []), start=1):
            self.add(art, SCHEMA.citation, self.regulation(reg, n))
        for n, q in enumerate(r.get("quotes", []), start=1):
            quote = self.m.thing("quote", f"{self.key}-{n}")
            self.add(quote, RDF.type, SCHEMA.Quotation)
            self.add(quote, SCHEMA.text, self.text(q["text"]))
            self.add(quote, SCHEMA.creator, self.people.get(q.get("speaker", "")))
            self.add(quote, GPR.onBehalfOf, self.people.get(q.get("on_behalf_of", "")))
            self.add(quote, SCHEMA.isPartOf, art)
        for n, rep in enumerate(r.get("representations", []), start=1):
            node = self.m.thing("representation", f"{self.key}-{n}")
            self.add(node, RDF.type, GPR.Representation)
            self.add(node, GPR.represented, self.people[rep["represented"]])
            self.add(node, GPR.representative, self.people[rep["representative"]])
            self.add(node, GPR.inEvent, event)
            self.add(node, GPR.task, self.text(rep.get("task")))
        return art

    def event_record(self) -> URIRef:
        ev = self.m.thing("event", self.key)
        self.event(self.r, ev)
        self.add(ev, SCHEMA.description, self.text(self.r.get("description")))
        self.common(ev)
        for iri in self.people.values():
            self.add(ev, SCHEMA.performer, iri)
        return ev

    def run(self) -> MappedRelease:
        self.organizations()
        self.persons()
        self.out.subject = self.article() if self.r["kind"] == "article" else self.event_record()
        self.mentions["posts"] = list(dict.fromkeys(self.mentions["posts"]))
        self.out.mentions = self.mentions
        return self.out


def map_record(record: dict, base: str, *, resolve: bool = True) -> MappedRelease:
    """Map a checked record (see :func:`records.schema.check_record`) to RDF under ``base``.

    People and organisations are resolved against an empty authority list (the IRIs a fresh
    instance would mint); with ``resolve=False`` they keep placeholder IRIs and
    ``mentions`` describes them, for the publisher to resolve against the instance's
    authority list. Returns the release without provenance; add it with
    :func:`rdf.provenance.add_provenance`.
    """
    out = _Mapper(record, Minter(base)).run()
    if resolve:
        decision = Authority(base).resolve(out.mentions)
        table = {URIRef(k): URIRef(v) for k, v in decision.iris.items()}
        out.triples = [(table.get(s, s), p, table.get(o, o) if type(o) is URIRef else o)
                       for s, p, o in out.triples]
        out.mentions = None
    return out
