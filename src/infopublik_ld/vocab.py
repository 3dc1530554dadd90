"""Namespaces of the vocabulary contract (DESIGN.md). The only place IRIs of vocabularies live."""

from rdflib import Namespace
from rdflib.namespace import DCAT, DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

GPR = Namespace("https://w3id.org/infopublik/gpr#")
# schema.org in its http form, as in published data and schema.org's JSON-LD context.
# rdflib's SDO is the https form: do not use it, SHACL targets would miss the data.
SCHEMA = Namespace("http://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
VOID = Namespace("http://rdfs.org/ns/void#")

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
