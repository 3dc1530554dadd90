"""The ontology (ontology/gpr.ttl) and the SKOS concept schemes (ontology/concepts/*.ttl).

These files are the vocabulary contract of DESIGN.md: external tools query these terms, so the
tests pin what each term is, that it is documented in Indonesian and English, and that the
concept codes used in records and IRIs exist.
"""

import re
from functools import cache
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from infopublik_ld.vocab import CONCEPT, GPR, SCHEMA

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY_DIR = ROOT / "ontology"
GPR_FILE = ONTOLOGY_DIR / "gpr.ttl"
CONCEPT_DIR = ONTOLOGY_DIR / "concepts"
SHAPES_DIR = ROOT / "shapes"

ONTOLOGY = URIRef("https://w3id.org/infopublik/gpr")
VANN = Namespace("http://purl.org/vocab/vann/")
SH = Namespace("http://www.w3.org/ns/shacl#")
HTTPS_SCHEMA = "https://schema.org/"
LANGUAGES = ("id", "en")

EXPECTED_TERMS = {
    "Representation": OWL.Class,
    "ReleaseGraph": OWL.Class,
    "Tombstone": OWL.Class,
    "DatasetVersion": OWL.Class,
    "representative": OWL.ObjectProperty,
    "represented": OWL.ObjectProperty,
    "inEvent": OWL.ObjectProperty,
    "onBehalfOf": OWL.ObjectProperty,
    "describes": OWL.ObjectProperty,
    "office": OWL.ObjectProperty,
    "retracted": OWL.ObjectProperty,
    "kodeWilayah": OWL.DatatypeProperty,
    "releaseKey": OWL.DatatypeProperty,
    "task": OWL.DatatypeProperty,
    "sha256": OWL.DatatypeProperty,
    "shapesVersion": OWL.DatatypeProperty,
    "conforms": OWL.DatatypeProperty,
    "violationCount": OWL.DatatypeProperty,
    "warningCount": OWL.DatatypeProperty,
    "acting": OWL.DatatypeProperty,
    "versionNumber": OWL.DatatypeProperty,
    "reason": OWL.DatatypeProperty,
    "tripleCount": OWL.DatatypeProperty,
    "releaseCount": OWL.DatatypeProperty,
}
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)

EVENT_TYPES = {
    "sosialisasi", "rapat", "bimtek", "upacara", "peresmian", "kunjungan", "pertemuan",
    "pameran", "penandatanganan", "pernyataan", "lainnya",
}
LEGISLATION_TYPES = {
    "uu", "perppu", "pp", "perpres", "inpres", "keppres", "permen", "kepmen", "perda", "pergub",
    "kepgub", "perbup", "kepbup", "perwal", "kepwal", "perdes", "se",
}
OFFICES = {
    "presiden", "wakil-presiden", "menteri", "wakil-menteri", "gubernur", "wakil-gubernur",
    "sekda", "asisten", "bupati", "wakil-bupati", "wali-kota", "wakil-wali-kota", "kepala-dinas",
    "sekretaris-dinas", "kepala-badan", "kepala-bagian", "kepala-bagian-humas", "kepala-bidang",
    "kepala-seksi", "kepala-subbagian", "camat", "sekretaris-camat", "kepala-desa", "lurah",
    "direktur-jenderal", "direktur", "staf-ahli", "anggota-dprd", "ketua-dprd", "kapolres",
    "dandim", "juru-bicara", "pranata-humas", "wartawan",
}
SCHEMES = ("event-type", "legislation-type", "office", "regulation-issuer")


@cache
def load(path: Path) -> Graph:
    """Parse one Turtle file (cached: the files do not change during a run)."""
    return Graph().parse(path, format="turtle")


def ontology() -> Graph:
    return load(GPR_FILE)


def scheme_graph(scheme: str) -> Graph:
    return load(CONCEPT_DIR / f"{scheme}.ttl")


def scheme_iri(scheme: str) -> URIRef:
    return URIRef(f"{CONCEPT}{scheme}")


def concepts(scheme: str) -> dict[str, URIRef]:
    """Concepts of a scheme, by the last segment of their IRI."""
    graph = scheme_graph(scheme)
    return {str(c).rsplit("/", 1)[-1]: c for c in graph.subjects(RDF.type, SKOS.Concept)}


def defined_terms() -> set[URIRef]:
    """gpr: IRIs that gpr.ttl declares as a class or property."""
    graph = ontology()
    return {
        s for t in TERM_TYPES for s in graph.subjects(RDF.type, t)
        if isinstance(s, URIRef) and s.startswith(str(GPR))
    }


def languages(graph: Graph, subject, predicate) -> list[str | None]:
    return [o.language for o in graph.objects(subject, predicate) if isinstance(o, Literal)]


def turtle_files() -> list[Path]:
    return [GPR_FILE, *sorted(CONCEPT_DIR.glob("*.ttl")), *sorted(SHAPES_DIR.glob("*.ttl"))]


# --- parsing -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [GPR_FILE, *(CONCEPT_DIR / f"{s}.ttl" for s in SCHEMES)],
    ids=lambda p: p.name,
)
def test_file_parses_as_turtle(path):
    assert path.is_file(), f"missing {path}"
    assert len(load(path)) > 0


# --- the ontology --------------------------------------------------------------------------


def test_ontology_header():
    g = ontology()
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in g
    assert g.value(ONTOLOGY, OWL.versionInfo) == Literal("0.1.0")
    assert isinstance(g.value(ONTOLOGY, OWL.versionIRI), URIRef)
    assert g.value(ONTOLOGY, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    for predicate in (DCTERMS.title, RDFS.label, RDFS.comment, DCTERMS.description):
        assert sorted(languages(g, ONTOLOGY, predicate)) == ["en", "id"], predicate
    assert g.value(ONTOLOGY, DCTERMS.creator) is not None
    assert g.value(ONTOLOGY, DCTERMS.created) is not None
    assert g.value(ONTOLOGY, VANN.preferredNamespacePrefix) == Literal("gpr")
    assert str(g.value(ONTOLOGY, VANN.preferredNamespaceUri)) == str(GPR)


@pytest.mark.parametrize("name, kind", EXPECTED_TERMS.items(), ids=list(EXPECTED_TERMS))
def test_expected_term_is_defined(name, kind):
    assert (GPR[name], RDF.type, kind) in ontology(), f"gpr:{name} is not a {kind}"


def test_every_term_has_labels_and_comments_in_id_and_en():
    g = ontology()
    terms = defined_terms()
    assert len(terms) >= len(EXPECTED_TERMS)
    problems = []
    for term in sorted(terms):
        for predicate in (RDFS.label, RDFS.comment):
            langs = languages(g, term, predicate)
            for lang in LANGUAGES:
                if langs.count(lang) != 1:
                    problems.append(f"{term.n3(g.namespace_manager)}: {langs.count(lang)} "
                                    f"{predicate.n3(g.namespace_manager)}@{lang}")
        if (term, RDFS.isDefinedBy, ONTOLOGY) not in g:
            problems.append(f"{term} lacks rdfs:isDefinedBy {ONTOLOGY}")
    assert problems == []


@pytest.mark.parametrize("name", ["ReleaseGraph", "Tombstone", "DatasetVersion"])
def test_provenance_classes_are_prov_entities(name):
    assert (GPR[name], RDFS.subClassOf, PROV.Entity) in ontology()


@pytest.mark.parametrize(
    "name, domain, range_",
    [
        ("representative", GPR.Representation, SCHEMA.Person),
        ("represented", GPR.Representation, SCHEMA.Person),
        ("inEvent", GPR.Representation, SCHEMA.Event),
        ("onBehalfOf", SCHEMA.Quotation, SCHEMA.Person),
        ("office", SCHEMA.Person, SKOS.Concept),
        ("retracted", GPR.Tombstone, None),
        ("describes", GPR.ReleaseGraph, None),
    ],
)
def test_object_property_domain_and_range(name, domain, range_):
    g = ontology()
    assert g.value(GPR[name], RDFS.domain) == domain
    if range_ is not None:
        assert g.value(GPR[name], RDFS.range) == range_


def test_describes_ranges_over_article_or_event():
    g = ontology()
    union = g.value(GPR.describes, RDFS.range)
    assert isinstance(union, BNode)
    members = set(g.collection(g.value(union, OWL.unionOf)))
    assert members == {SCHEMA.NewsArticle, SCHEMA.Event}


@pytest.mark.parametrize(
    "name, datatype",
    [
        ("kodeWilayah", XSD.string),
        ("releaseKey", XSD.string),
        ("sha256", XSD.string),
        ("conforms", XSD.boolean),
        ("acting", XSD.boolean),
        ("violationCount", XSD.integer),
        ("warningCount", XSD.integer),
        ("versionNumber", XSD.integer),
        ("tripleCount", XSD.integer),
        ("releaseCount", XSD.integer),
    ],
)
def test_datatype_property_range(name, datatype):
    assert ontology().value(GPR[name], RDFS.range) == datatype


def test_no_term_redefines_other_vocabularies():
    g = ontology()
    foreign = {
        s for t in TERM_TYPES for s in g.subjects(RDF.type, t)
        if isinstance(s, URIRef) and not s.startswith(str(GPR))
    }
    assert foreign == set()


@pytest.mark.parametrize("path", turtle_files(), ids=lambda p: p.name)
def test_no_https_schema_org(path):
    # rdflib's SDO namespace is the https form; the contract is http://schema.org/.
    assert HTTPS_SCHEMA not in path.read_text(encoding="utf-8")
    terms = {term for triple in load(path) for term in triple if isinstance(term, URIRef)}
    assert sorted(t for t in terms if t.startswith(HTTPS_SCHEMA)) == []


# --- concept schemes -----------------------------------------------------------------------


@pytest.mark.parametrize("scheme", SCHEMES)
def test_scheme_is_a_concept_scheme_with_labels(scheme):
    g = scheme_graph(scheme)
    assert set(g.subjects(RDF.type, SKOS.ConceptScheme)) == {scheme_iri(scheme)}
    assert sorted(languages(g, scheme_iri(scheme), SKOS.prefLabel)) == ["en", "id"]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_concepts_are_well_formed(scheme):
    g = scheme_graph(scheme)
    iri = scheme_iri(scheme)
    found = concepts(scheme)
    assert found, f"no concepts in {scheme}"
    problems = []
    for code, concept in sorted(found.items()):
        if str(concept) != f"{iri}/{code}":
            problems.append(f"{concept} is not under {iri}/")
        notations = list(g.objects(concept, SKOS.notation))
        if notations != [Literal(code)]:
            problems.append(f"{code}: skos:notation {notations!r}, expected plain {code!r}")
        pref = languages(g, concept, SKOS.prefLabel)
        if sorted(pref) != ["en", "id"]:
            problems.append(f"{code}: prefLabel languages {pref!r}")
        if (concept, SKOS.inScheme, iri) not in g:
            problems.append(f"{code}: not skos:inScheme {iri}")
        # SKOS S13: preferred and alternative labels are disjoint.
        clash = set(g.objects(concept, SKOS.prefLabel)) & set(g.objects(concept, SKOS.altLabel))
        if clash:
            problems.append(f"{code}: altLabel repeats prefLabel {sorted(clash)!r}")
    assert problems == []


@pytest.mark.parametrize("scheme", SCHEMES)
def test_top_concepts_are_consistent(scheme):
    g = scheme_graph(scheme)
    iri = scheme_iri(scheme)
    top_of = set(g.subjects(SKOS.topConceptOf, iri))
    has_top = set(g.objects(iri, SKOS.hasTopConcept))
    assert top_of == has_top
    without_broader = {c for c in concepts(scheme).values() if g.value(c, SKOS.broader) is None}
    assert top_of == without_broader


@pytest.mark.parametrize("scheme", SCHEMES)
def test_broader_and_narrower_mirror_each_other(scheme):
    g = scheme_graph(scheme)
    members = set(concepts(scheme).values())
    broader = set(g.subject_objects(SKOS.broader))
    narrower = {(o, s) for s, o in g.subject_objects(SKOS.narrower)}
    assert broader == narrower
    assert {term for pair in broader for term in pair} <= members


@pytest.mark.parametrize("scheme", SCHEMES)
def test_labels_name_one_concept_each(scheme):
    # Extractors match release text against these labels: one label, one concept.
    g = scheme_graph(scheme)
    owner: dict[tuple[str, str | None], set[str]] = {}
    for code, concept in concepts(scheme).items():
        for predicate in (SKOS.prefLabel, SKOS.altLabel):
            for label in g.objects(concept, predicate):
                owner.setdefault((str(label).casefold(), label.language), set()).add(code)
    assert {key: codes for key, codes in owner.items() if len(codes) > 1} == {}


def test_event_type_codes_are_exactly_the_contract():
    assert set(concepts("event-type")) == EVENT_TYPES


def test_legislation_type_codes_include_the_contract():
    assert LEGISLATION_TYPES - set(concepts("legislation-type")) == set()


def test_office_codes_include_the_contract():
    assert OFFICES - set(concepts("office")) == set()


@pytest.mark.parametrize(
    "scheme, code, pref_id, pref_en",
    [
        ("legislation-type", "uu", "Undang-Undang", "Act"),
        ("legislation-type", "inpres", "Instruksi Presiden", "Presidential Instruction"),
        ("legislation-type", "se", "Surat Edaran", "Circular"),
        ("office", "sekda", "Sekretaris Daerah", "Regional Secretary"),
        ("event-type", "lainnya", "Lainnya", "Other"),
    ],
)
def test_pref_labels(scheme, code, pref_id, pref_en):
    g = scheme_graph(scheme)
    concept = concepts(scheme)[code]
    assert set(g.objects(concept, SKOS.prefLabel)) == {
        Literal(pref_id, lang="id"), Literal(pref_en, lang="en"),
    }


@pytest.mark.parametrize(
    "scheme, code, alt",
    [
        ("event-type", "bimtek", "Pelatihan"),
        ("event-type", "rapat", "Rakor"),
        ("event-type", "pertemuan", "Konsultasi"),
        ("event-type", "kunjungan", "Kunker"),
        ("event-type", "pernyataan", "Konferensi Pers"),
        ("legislation-type", "uu", "UU"),
        ("legislation-type", "inpres", "Inpres"),
        ("legislation-type", "permen", "Permen"),
        ("office", "sekda", "Sekdakab"),
        ("office", "asisten", "Asisten Pemerintahan"),
        ("office", "wali-kota", "Walikota"),
        ("office", "kepala-dinas", "Kadis"),
        ("office", "kepala-bagian-humas", "Kabag Prokopim"),
        ("office", "kepala-desa", "Kades"),
        ("office", "direktur-jenderal", "Dirjen"),
        ("office", "juru-bicara", "Jubir"),
        ("office", "wartawan", "Jurnalis"),
    ],
)
def test_alt_labels(scheme, code, alt):
    g = scheme_graph(scheme)
    assert (concepts(scheme)[code], SKOS.altLabel, Literal(alt, lang="id")) in g


def test_humas_head_is_narrower_than_division_head():
    office = concepts("office")
    g = scheme_graph("office")
    assert (office["kepala-bagian-humas"], SKOS.broader, office["kepala-bagian"]) in g


# --- gpr: terms used elsewhere are defined -------------------------------------------------

# A gpr: term inside SPARQL text (sh:select, sh:ask) of a shape, prefixed or in full.
GPR_IN_TEXT = re.compile(
    r"(?:\bgpr:|<" + re.escape(str(GPR)) + r")([A-Za-z_][A-Za-z0-9_\-]*)"
)


def gpr_terms_used(path: Path) -> set[URIRef]:
    graph = load(path)
    shapes = set(graph.subjects(RDF.type, SH.NodeShape)) | set(
        graph.subjects(RDF.type, SH.PropertyShape)
    )
    used = set()
    for triple in graph:
        for term in triple:
            if isinstance(term, URIRef) and term.startswith(str(GPR)) and term not in shapes:
                used.add(term)
            elif isinstance(term, Literal) and "gpr" in term:
                used.update(GPR[name] for name in GPR_IN_TEXT.findall(str(term)))
    return used


@pytest.mark.parametrize(
    "path",
    [*sorted(CONCEPT_DIR.glob("*.ttl")), *sorted(SHAPES_DIR.glob("*.ttl"))],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_gpr_terms_used_are_defined(path):
    assert sorted(gpr_terms_used(path) - defined_terms()) == []


def test_undefined_gpr_term_is_caught(tmp_path):
    # The check above would pass vacuously if it never saw a gpr: term; make sure it does.
    shapes = tmp_path / "shape.ttl"
    shapes.write_text(
        "@prefix gpr: <https://w3id.org/infopublik/gpr#> .\n"
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "gpr:S a sh:NodeShape ; sh:targetClass gpr:Representation ;\n"
        '  sh:property [ sh:path gpr:notATerm ] ; sh:select "SELECT ?x { ?x gpr:alsoNot 1 }" .\n',
        encoding="utf-8",
    )
    missing = gpr_terms_used(shapes) - defined_terms()
    assert missing == {GPR.notATerm, GPR.alsoNot}
