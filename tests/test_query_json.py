"""SPARQL JSON results written directly (store/query.py's to_json) match json.dumps of the
same bindings byte for byte: escapes, languages, datatypes, blank nodes, unbound values."""

from __future__ import annotations

import json

import pyoxigraph as ox

from infopublik_ld.store.query import _to_json_reference, run_query, to_json

INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def test_to_json_matches_json_dumps():
    rows = [[ox.NamedNode("http://e/a\u00e9b"), ox.Literal('x\n\u00e9\u2028"\\', language="id"),
             ox.Literal("5", datatype=INTEGER), ox.BlankNode("b1"), None,
             ox.Literal("plain\x01\ud7ff")],
            [None, None, None, None, ox.Literal(""), ox.Literal("\t", language="en-gb")]]
    names = ["a", "b", "c", "d", "e", "f"]
    assert to_json(names, rows) == _to_json_reference(names, rows)
    assert to_json(names, []) == _to_json_reference(names, [])
    parsed = json.loads(to_json(names, rows))
    assert parsed["results"]["bindings"][0]["b"] == {"type": "literal",
                                                     "value": 'x\n\u00e9\u2028"\\',
                                                     "xml:lang": "id"}
    assert "a" not in parsed["results"]["bindings"][1]


def test_run_query_json_is_what_oxigraph_means():
    s = ox.Store()
    g = ox.NamedNode("http://e/g")
    s.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"),
                  ox.Literal("7", datatype=INTEGER), g))
    s.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/q"),
                  ox.Literal("kata", language="id"), g))
    out = run_query(s, "SELECT ?p ?o { ?s ?p ?o } ORDER BY ?p", union=True)
    ours = json.loads(out.body)
    native = json.loads(s.query("SELECT ?p ?o { ?s ?p ?o } ORDER BY ?p",
                                use_default_graph_as_union=True)
                        .serialize(format=ox.QueryResultsFormat.JSON))
    assert ours == native
