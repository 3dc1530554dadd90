"""Turn a description graph into what a template shows: labels in the page language, links to
local pages, dated lists, and the schema.org JSON-LD embedded for search engines."""

from __future__ import annotations

import json
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ..store import GraphStore
from ..vocab import ELI, GPR, ORG, RDF, SCHEMA, SKOS
from .describe import LABELS, local_path, rows

#: template of each type (first match wins)
TEMPLATES = (
    (SCHEMA.NewsArticle, "article"), (SCHEMA.Article, "article"),
    (SCHEMA.Person, "person"),
    (SCHEMA.Event, "event"),
    (SCHEMA.Legislation, "regulation"), (ELI.LegalResource, "regulation"),
    (SCHEMA.AdministrativeArea, "place"), (SCHEMA.Place, "place"),
    (SCHEMA.GovernmentOrganization, "organization"), (SCHEMA.Organization, "organization"),
    (SCHEMA.NewsMediaOrganization, "organization"),
    (SKOS.Concept, "concept"), (SKOS.ConceptScheme, "concept"),
)
DATES = (SCHEMA.datePublished, SCHEMA.startDate, SCHEMA.legislationDate)

#: labels of the relations pages list (Indonesian, English)
RELATIONS = {
    SCHEMA.mentions: ("Disebut dalam", "Mentioned in"),
    SCHEMA.creator: ("Kutipan", "Quotes"),
    SCHEMA.author: ("Ditulis", "Written"),
    SCHEMA.editor: ("Disunting", "Edited"),
    SCHEMA.citation: ("Dikutip oleh", "Cited by"),
    SCHEMA.about: ("Diberitakan dalam", "Reported in"),
    SCHEMA.publisher: ("Diterbitkan", "Published"),
    SCHEMA.organizer: ("Penyelenggara kegiatan", "Organiser of"),
    SCHEMA.worksFor: ("Orang", "People"),
    SCHEMA.location: ("Kegiatan di sini", "Events here"),
    SCHEMA.locationCreated: ("Ditulis di sini", "Datelined here"),
    SCHEMA.containedInPlace: ("Tempat di dalamnya", "Places within"),
    SCHEMA.areaServed: ("Instansi", "Agencies"),
    SCHEMA.parentOrganization: ("Unit kerja", "Units"),
    ORG.postIn: ("Jabatan", "Posts"),
    ORG.heldBy: ("Jabatan", "Posts held"),
    GPR.representative: ("Mewakili", "Represented others"),
    GPR.represented: ("Diwakili", "Represented by others"),
    SCHEMA.isPartOf: ("Bagian", "Parts"),
    SCHEMA.legislationType: ("Peraturan", "Regulations"),
}


@dataclass
class Link:
    """One link on a page."""

    href: str
    label: str
    iri: str
    date: str = ""
    kind: str = ""


class Page:
    """A description seen in one language."""

    def __init__(self, graph: Graph, subject: URIRef, lang: str, base: str):
        self.g, self.s, self.lang, self.base = graph, subject, lang, base

    # --- literals -------------------------------------------------------------------
    def pick(self, values: list[Node]) -> str:
        """The value in the page language, else Indonesian, else untagged, else any."""
        lits = [v for v in values if isinstance(v, Literal)]
        for want in (self.lang, "id", None):
            for v in lits:
                if (v.language or None) == want:
                    return str(v)
        return str(lits[0]) if lits else ""

    def text(self, prop: str, node: Node | str | None = None) -> str:
        """One value of ``prop`` of ``node`` (default: the subject) in the page language."""
        return self.pick(list(self.g.objects(_u(node) or self.s, URIRef(prop))))

    def texts(self, prop: str, node: Node | str | None = None) -> list[str]:
        """Every value of ``prop`` (sorted, distinct)."""
        return sorted({str(v) for v in self.g.objects(_u(node) or self.s, URIRef(prop))
                       if isinstance(v, Literal)})

    def label(self, node: Node | None = None) -> str:
        """The best name of ``node``: name, headline, label, title, else the IRI's end."""
        node = node or self.s
        for prop in LABELS:
            found = self.text(prop, node)
            if found:
                return found
        text = str(node)
        return text.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1] or text

    def date(self, node: Node) -> str:
        """The date of an article, event or regulation (ISO text), or ``''``."""
        for prop in DATES:
            for v in self.g.objects(node, prop):
                return str(v)
        return ""

    # --- links ----------------------------------------------------------------------
    def href(self, node: Node) -> str:
        """Where a link to ``node`` goes: the local page, else the IRI itself."""
        path = local_path(self.base, str(node))
        if path is None:
            return str(node)
        return path + ("?lang=en" if self.lang == "en" else "")

    def link(self, node: Node) -> Link:
        """A :class:`Link` to ``node``."""
        return Link(self.href(node), self.label(node), str(node), self.date(node),
                    kind_of(set(self.g.objects(node, RDF.type))))

    def links(self, prop: str, node: Node | str | None = None) -> list[Link]:
        """Links to the IRI values of ``prop``, by label."""
        found = [self.link(o) for o in self.g.objects(_u(node) or self.s, URIRef(prop))
                 if isinstance(o, URIRef)]
        return sorted(found, key=lambda k: k.label.lower())

    def inbound(self, prop: str, limit: int = 200) -> list[Link]:
        """Resources pointing at the subject through ``prop``, newest first."""
        found = [self.link(x) for x in self.g.subjects(URIRef(prop), self.s)
                 if isinstance(x, URIRef)]
        found.sort(key=lambda k: (k.date, k.label), reverse=True)
        return found[:limit]

    def of_type(self, cls: str) -> list[Link]:
        """Resources of class ``cls`` in the description, by label (ontology pages)."""
        return sorted((self.link(x) for x in self.g.subjects(RDF.type, URIRef(cls))
                       if isinstance(x, URIRef)), key=lambda k: k.label.lower())

    def inbound_groups(self, skip: tuple[str, ...] = ()) -> list[tuple[str, list[Link]]]:
        """Every kind of incoming relation with its resources (for the 'related' section)."""
        out = []
        for prop, (id_text, en_text) in RELATIONS.items():
            if str(prop) in skip:
                continue
            found = self.inbound(prop)
            if found:
                out.append((en_text if self.lang == "en" else id_text, found))
        return out

    def rows(self) -> list[tuple[Link, Link]]:
        """Every (property, value) of the subject, for the generic page."""
        out = []
        for p, o in sorted(self.g.predicate_objects(self.s)):
            prop = Link(self.href(p), self.label(p) if (p, None, None) in self.g
                        else _local_name(p), str(p))
            value = self.link(o) if isinstance(o, URIRef) else Link("", str(o), "")
            out.append((prop, value))
        return out

    def types(self) -> list[Link]:
        """The subject's classes."""
        return self.links(RDF.type)

    @property
    def kind(self) -> str:
        """The template that shows this subject."""
        return kind_of(set(self.g.objects(self.s, RDF.type)))

    def quotes(self) -> list[dict]:
        """Quotations of an article (text and speaker), in document order."""
        out = []
        for q in sorted(self.g.subjects(SCHEMA.isPartOf, self.s), key=str):
            if (q, RDF.type, SCHEMA.Quotation) not in self.g:
                continue
            speaker = next(iter(self.g.objects(q, SCHEMA.creator)), None)
            out.append({"text": self.text(SCHEMA.text, q),
                        "speaker": self.link(speaker) if speaker is not None else None,
                        "office": self.text(SCHEMA.jobTitle, speaker) if speaker else ""})
        return out

    def representations(self) -> list[dict]:
        """Whom this person represented, or who represented them, and at which event, newest
        first: ``{role, other, event, date, task}`` (role ``representative``: this person
        stood in for ``other``; ``represented``: ``other`` stood in for this person)."""
        out = []
        for role, other_prop in ((GPR.representative, GPR.represented),
                                 (GPR.represented, GPR.representative)):
            for r in self.g.subjects(role, self.s):
                other = next(iter(self.g.objects(r, other_prop)), None)
                event = next(iter(self.g.objects(r, GPR.inEvent)), None)
                ev = self.link(event) if isinstance(event, URIRef) else None
                out.append({"role": "representative" if role == GPR.representative
                            else "represented",
                            "other": self.link(other) if isinstance(other, URIRef) else None,
                            "event": ev, "date": ev.date if ev else "",
                            "task": self.text(GPR.task, r)})
        out.sort(key=lambda d: d["date"], reverse=True)
        return out

    def said(self) -> list[dict]:
        """Quotations by a person, with the article they appear in, newest first."""
        out = []
        for q in self.g.subjects(SCHEMA.creator, self.s):
            article = next(iter(self.g.objects(q, SCHEMA.isPartOf)), None)
            link = self.link(article) if article is not None else None
            out.append({"text": self.text(SCHEMA.text, q), "article": link,
                        "date": link.date if link else ""})
        out.sort(key=lambda d: d["date"], reverse=True)
        return out

    def jsonld(self) -> str:
        """The subject's schema.org description as JSON-LD, safe inside ``<script>``."""
        g = Graph()
        g.bind("schema", SCHEMA)
        for p, o in self.g.predicate_objects(self.s):
            if str(p).startswith(str(SCHEMA)) or p == RDF.type:
                g.add((self.s, p, o))
        data = json.loads(g.serialize(format="json-ld", context={"@vocab": str(SCHEMA)},
                                      auto_compact=True))
        return script_json(json.dumps(data, ensure_ascii=False, indent=1))


#: characters that could end or alter a ``<script>`` block (``</script>``, ``<!--``) or be
#: read as markup, and JavaScript's line terminators; each as its JSON ``\\uXXXX`` escape
_SCRIPT_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                                 "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_json(text: str) -> str:
    """JSON text made safe inside an HTML ``<script>`` element: ``<``, ``>``, ``&`` (and
    U+2028/U+2029) become ``\\u003c``, ``\\u003e``, ``\\u0026``…, which JSON parsers read as
    the same characters, so no text of a release can close the script block or open a
    comment in it. Those characters occur only inside JSON strings, so the result is the
    same JSON."""
    return text.translate(_SCRIPT_ESCAPES)


def _u(node: Node | str | None) -> Node | None:
    if node is None or isinstance(node, Node):
        return node
    return URIRef(node)


def _local_name(iri: Node) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1] or text


def kind_of(types: set[Node]) -> str:
    """The template name for a set of classes (``resource`` when none is special)."""
    for cls, name in TEMPLATES:
        if cls in types:
            return name
    return "resource"


def offices(view: GraphStore, person: URIRef) -> list[dict]:
    """Offices a person held as the releases state them: title, first and last date, count."""
    found = rows(view, f"""PREFIX schema: <{SCHEMA}> PREFIX gpr: <{GPR}>
        SELECT ?t (MIN(?d) AS ?first) (MAX(?d) AS ?last) (COUNT(DISTINCT ?g) AS ?n) WHERE {{
          GRAPH ?g {{ {person.n3()} schema:jobTitle ?t . ?g gpr:describes ?a .
                      OPTIONAL {{ ?a schema:datePublished|schema:startDate ?d }} }} }}
        GROUP BY ?t ORDER BY DESC(?last) LIMIT 100""")
    return [{"title": str(r["t"]), "first": str(r.get("first", "")),
             "last": str(r.get("last", "")), "count": int(r["n"])} for r in found]
