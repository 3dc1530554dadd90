"""Namespaces of the vocabulary contract (DESIGN.md). The only place IRIs of vocabularies live."""

from rdflib import Namespace, URIRef
from rdflib import namespace as _ns


class CachedNamespace(Namespace):
    """A namespace whose terms are made once: ``SCHEMA.name`` is then a plain attribute.

    rdflib builds a new URIRef on every attribute access (~2–3 µs); the mapping touches ~250
    terms per release, so caching saves most of a millisecond per release.
    """

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("__"):  # copy/pickle protocol lookups
            raise AttributeError(name)
        term = self.term(name)
        self.__dict__[name] = term
        return term


GPR = CachedNamespace("https://w3id.org/infopublik/gpr#")
# schema.org in its http form, as in published data and schema.org's JSON-LD context.
# rdflib's SDO is the https form: do not use it, SHACL targets would miss the data.
SCHEMA = CachedNamespace("http://schema.org/")
ORG = CachedNamespace("http://www.w3.org/ns/org#")
ELI = CachedNamespace("http://data.europa.eu/eli/ontology#")
VOID = CachedNamespace("http://rdfs.org/ns/void#")
# The W3C vocabularies, cached the same way (rdflib's own objects check term names, slowly).
DCAT = CachedNamespace(str(_ns.DCAT))
DCTERMS = CachedNamespace(str(_ns.DCTERMS))
OWL = CachedNamespace(str(_ns.OWL))
PROV = CachedNamespace(str(_ns.PROV))
RDF = CachedNamespace(str(_ns.RDF))
RDFS = CachedNamespace(str(_ns.RDFS))
SKOS = CachedNamespace(str(_ns.SKOS))
XSD = CachedNamespace(str(_ns.XSD))

#: Root of the IRIs shared by every instance (regions, regulations, concepts).
SHARED_ID = "https://w3id.org/infopublik/id/"
REGION = Namespace(SHARED_ID + "region/")
REGULATION = Namespace(SHARED_ID + "regulation/")
CONCEPT = Namespace(SHARED_ID + "concept/")

PREFIXES = {
    "gpr": GPR,
    "schema": SCHEMA,
    "org": ORG,
    "eli": ELI,
    "prov": PROV,
    "skos": SKOS,
    "dcat": DCAT,
    "dct": DCTERMS,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "void": VOID,
}

__all__ = [
    "CONCEPT", "DCAT", "DCTERMS", "ELI", "GPR", "ORG", "OWL", "PREFIXES", "PROV", "RDF", "RDFS",
    "REGION", "REGULATION", "SCHEMA", "SHARED_ID", "SKOS", "VOID", "XSD", "bind_prefixes",
]


def bind_prefixes(graph) -> None:
    """Bind the contract's prefixes on an rdflib graph or dataset (for readable Turtle)."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
