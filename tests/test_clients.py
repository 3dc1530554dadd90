"""Real SPARQL clients (SPARQLWrapper, rdflib's SPARQLStore) against a running `serve`,
compared with what the store answers directly."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

from infopublik_ld.store import open_version

from .servers import running_server

BASE = "http://127.0.0.1:8080/"
EX = "2019-09-04-bangun-reputasi-labura-kominfo-gelar-temu-konsultasi-bakohumas"
ARTICLE = f"{BASE}id/article/{EX}"
QUOTES = ("PREFIX schema: <http://schema.org/> SELECT ?q ?text ?person WHERE { "
          "?q a schema:Quotation ; schema:text ?text ; schema:creator ?person ; "
          f"schema:isPartOf <{ARTICLE}> }} ORDER BY ?q")
QUOTES_DIRECT = QUOTES.replace("WHERE {", "WHERE { GRAPH ?g {").replace("} ORDER", "} } ORDER")
CONSTRUCT = f"CONSTRUCT {{ <{ARTICLE}> ?p ?o }} WHERE {{ <{ARTICLE}> ?p ?o }}"
CONSTRUCT_DIRECT = f"CONSTRUCT {{ <{ARTICLE}> ?p ?o }} WHERE {{ GRAPH ?g {{ <{ARTICLE}> ?p ?o }} }}"


@pytest.fixture(scope="module")
def url(small_site):
    with running_server(small_site.data_dir, "--query-workers", "2") as url:
        yield url + "sparql"


@pytest.fixture(scope="module")
def direct(small_site):
    with open_version(small_site) as v:
        rows = v.select(QUOTES_DIRECT)
        graph = Graph().parse(data=v.query(CONSTRUCT_DIRECT, media_type="application/n-triples"),
                              format="nt")
    assert len(rows) >= 2 and len(graph) > 5
    return rows, graph


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select_json(url, direct, method):
    sw = SPARQLWrapper(url)
    sw.setMethod(method)
    sw.setQuery(QUOTES)
    sw.setReturnFormat(JSON)
    res = sw.query().convert()
    rows = [{k: v["value"] for k, v in b.items()} for b in res["results"]["bindings"]]
    assert rows == direct[0]


def test_sparqlwrapper_select_xml_and_csv(url, direct):
    sw = SPARQLWrapper(url)
    sw.setQuery(QUOTES)
    sw.setReturnFormat(XML)
    doc = sw.query().convert()
    assert len(doc.getElementsByTagName("result")) == len(direct[0])
    sw.setReturnFormat(CSV)
    text = sw.query().convert().decode("utf-8")
    assert text.splitlines()[0] == "q,text,person"
    assert direct[0][0]["q"] in text


def test_sparqlwrapper_construct_and_ask(url, direct):
    sw = SPARQLWrapper(url)
    sw.setQuery(CONSTRUCT)
    sw.setReturnFormat(TURTLE)
    got = Graph().parse(data=sw.query().convert(), format="turtle")
    assert isomorphic(got, direct[1])
    sw.setQuery(f"ASK {{ <{ARTICLE}> ?p ?o }}")
    sw.setReturnFormat(JSON)
    assert sw.query().convert()["boolean"] is True


def test_sparqlwrapper_sees_the_error(url):
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    sw = SPARQLWrapper(url)
    sw.setQuery("SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    sw.setReturnFormat(JSON)
    with pytest.raises(QueryBadFormed, match="SERVICE"):
        sw.query()


@pytest.mark.parametrize("method", ["GET", "POST_FORM"])
def test_rdflib_sparqlstore(url, direct, method):
    store = SPARQLStore(url, method=method, returnFormat="xml")
    g = Graph(store=store)
    rows = [{"q": str(r.q), "text": str(r.text), "person": str(r.person)}
            for r in g.query(QUOTES)]
    assert rows == direct[0]
    triples = Graph()
    for t in g.triples((URIRef(ARTICLE), None, None)):
        triples.add(t)
    assert isomorphic(triples, direct[1])
    assert len(g.query(CONSTRUCT).graph) == len(direct[1])
