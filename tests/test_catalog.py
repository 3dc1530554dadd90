"""The DCAT catalogue conforms to the DCAT-AP 3.0.1 shapes; VoID statistics are true."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, XSD

from infopublik_ld.dumps import write_dumps
from infopublik_ld.web import create_app

from .htmlcheck import check_html

SHAPES = Path(__file__).parent / "data" / "dcat-ap-3.0.1"
SH = Namespace("http://www.w3.org/ns/shacl#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
VOID = Namespace("http://rdfs.org/ns/void#")


@pytest.fixture(scope="module")
def client(small_site):
    write_dumps(small_site)
    return create_app(small_site).test_client()


@pytest.fixture(scope="module")
def catalog(client) -> Graph:
    r = client.get("/catalog", headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    return Graph().parse(data=r.data, format="turtle")


def _shapes() -> Graph:
    shapes = Graph()
    for name in ("dcat-ap-SHACL.ttl", "ranges.ttl"):
        shapes.parse(SHAPES / name, format="turtle")
    # ranges.ttl lists a few property shapes by IRI that neither file defines (upstream
    # packaging); pyshacl refuses such references, so they are dropped — only those.
    dangling = [(s, o) for s, o in shapes.subject_objects(SH.property)
                if shapes.value(o, SH.path) is None]
    assert len(dangling) <= 5
    for s, o in dangling:
        shapes.remove((s, SH.property, o))
    return shapes


def test_catalog_conforms_to_dcat_ap_301(catalog):
    conforms, _, text = validate(catalog, shacl_graph=_shapes(), inference="none",
                                 allow_warnings=True)
    assert conforms, text


def test_a_broken_catalog_would_be_caught(catalog):
    broken = Graph() + catalog
    broken.remove((None, DCTERMS.title, None))
    assert not validate(broken, shacl_graph=_shapes(), inference="none")[0]


def test_distributions_describe_the_dump_files(client, catalog, small_site):
    ds = URIRef(f"{small_site.base_iri}id/dataset/releases")
    stats = URIRef(f"{small_site.base_iri}id/dataset/statistics")
    dists = list(catalog.objects(ds, DCAT.distribution))
    stats_dists = list(catalog.objects(stats, DCAT.distribution))
    manifest = client.get("/dumps/", headers={"Accept": "application/json"}).json
    assert len(stats_dists) == 1, "the statistics are a dataset with their own distribution"
    assert (URIRef(f"{small_site.base_iri}catalog"), DCAT.dataset, stats) in catalog
    assert len(dists) + len(stats_dists) == len(manifest["files"])
    dists += stats_dists
    for d in dists:
        url = str(catalog.value(d, DCAT.downloadURL))
        path = url[len(small_site.base_iri) - 1:]
        body = client.get(path).data
        size = catalog.value(d, DCAT.byteSize)
        assert size.datatype == XSD.nonNegativeInteger and int(size) == len(body)
        ck = catalog.value(d, SPDX.checksum)
        import hashlib

        assert str(catalog.value(ck, SPDX.checksumValue)) == hashlib.sha256(body).hexdigest()
        assert catalog.value(d, DCAT.compressFormat) == URIRef(
            "http://www.iana.org/assignments/media-types/application/gzip")
        assert catalog.value(d, DCTERMS.license) and catalog.value(d, DCTERMS.modified)
        assert catalog.value(d, DCAT.mediaType)
    services = {str(catalog.value(s, DCAT.endpointURL))
                for s in catalog.subjects(RDF.type, DCAT.DataService)}
    assert {small_site.base_iri + p for p in ("sparql", "api/", "changes")} <= services
    point = catalog.value(ds, DCAT.contactPoint)
    assert str(catalog.value(point, URIRef("http://www.w3.org/2006/vcard/ns#hasEmail"))) \
        == "mailto:ppid@labuhanbatuutarakab.go.id"
    legislation = URIRef("http://data.europa.eu/r5r/applicableLegislation")
    assert catalog.value(ds, legislation) == URIRef(
        "https://w3id.org/infopublik/id/regulation/uu/2008/14")
    assert catalog.value(ds, DCTERMS.conformsTo) is not None


@pytest.mark.parametrize("path,media,fmt", [
    ("/catalog.ttl", "text/turtle", "turtle"), ("/catalog.jsonld", "application/ld+json",
                                                 "json-ld")])
def test_catalog_forms(client, catalog, path, media, fmt):
    from rdflib.compare import isomorphic

    r = client.get(path)
    assert r.status_code == 200 and r.mimetype == media
    assert isomorphic(Graph().parse(data=r.data, format=fmt), catalog)


def test_catalog_page(client):
    for lang in ("id", "en"):
        r = client.get(f"/catalog?lang={lang}", headers={"Accept": "text/html"})
        assert r.status_code == 200 and check_html(r.get_data(True)) == []
        assert "releases.nq.gz" in r.get_data(True)


def test_void_statistics(client, small_site):
    r = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    g = Graph().parse(data=r.data, format="turtle")
    ds = URIRef(f"{small_site.base_iri}id/dataset/releases")
    manifest = client.get("/dumps/", headers={"Accept": "application/json"}).json
    nq = next(f for f in manifest["files"] if f["name"] == "releases.nq.gz")
    assert int(g.value(ds, VOID.triples)) == nq["triples"]
    assert int(g.value(ds, VOID.entities)) > 300
    parts = {g.value(p, VOID["class"]): int(g.value(p, VOID.entities))
             for p in g.objects(ds, VOID.classPartition)}
    assert parts[URIRef("http://schema.org/NewsArticle")] == 301
    props = {g.value(p, VOID.property) for p in g.objects(ds, VOID.propertyPartition)}
    assert URIRef("http://schema.org/headline") in props
    assert g.value(ds, VOID.sparqlEndpoint) == URIRef(small_site.base_iri + "sparql")
    assert len(list(g.objects(ds, VOID.dataDump))) == 2
    assert g.value(ds, VOID.exampleResource) is not None
    assert Literal(small_site.base_iri + "id/") == g.value(ds, VOID.uriSpace)
