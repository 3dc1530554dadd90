"""The SPARQL-lite guard: what it refuses (and names), and what it lets through."""

from __future__ import annotations

import pytest

from infopublik_ld.errors import QueryError
from infopublik_ld.web.guard import Policy, tokens

BASE = "http://127.0.0.1:8080/"
REL = f"{BASE}graph/release/labura-bakohumas-2019"
POLICY = Policy(BASE, max_query_bytes=20_000, max_offset=10_000, max_regex_length=500)

REFUSED = [
    ("SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", "SERVICE"),
    ("select * { service silent <http://x/> { ?s ?p ?o } }", "SERVICE"),
    ("SELECT * { ?s ?p ?o . SERVICE ?endpoint { ?s ?p ?o } }", "SERVICE"),
    ("LOAD <http://example.org/data.ttl>", "LOAD"),
    ("INSERT DATA { <http://a> <http://b> <http://c> }", "INSERT"),
    ("DELETE WHERE { ?s ?p ?o }", "DELETE"),
    ("PREFIX ex: <http://e/> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "DELETE"),
    ("CLEAR ALL", "CLEAR"),
    ("CREATE GRAPH <http://g>", "CREATE"),
    ("DROP GRAPH <http://g>", "DROP"),
    ("COPY <http://a> TO <http://b>", "COPY"),
    ("MOVE DEFAULT TO <http://b>", "MOVE"),
    ("ADD <http://a> TO <http://b>", "ADD"),
    ("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH"),
    ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "FROM"),
    ("SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }", "FROM NAMED"),
    ("SELECT * FROM <http://evil.example/data.ttl> WHERE { ?s ?p ?o }", "FROM"),
    (f"SELECT * FROM <{BASE}graph/registry> WHERE {{ ?s ?p ?o }}", "FROM"),
    (f"SELECT * FROM <{BASE}graph/release/> WHERE {{ ?s ?p ?o }}", "FROM"),
    ("PREFIX f: <file:///etc/> SELECT * FROM f:passwd { ?s ?p ?o }", "FROM"),
    ("BASE <file:///etc/> SELECT * FROM <passwd> { ?s ?p ?o }", "FROM"),
    ("SELECT * { ?s ?p ?o } OFFSET 100000000", "OFFSET"),
    ("SELECT * { ?s ?p ?o } LIMIT 5 offset 10001", "OFFSET"),
    ('SELECT * { ?s ?p ?o FILTER regex(?o, "' + "a" * 501 + '") }', "REGEX"),
    ("SELECT * { ?s ?p ?o FILTER REGEX(STR(?o), '''" + "b" * 600 + "''', \"i\") }", "REGEX"),
    ('SELECT * { ?s ?p ?o FILTER regex(str(?o), "^(a+)+$") }', "REGEX"),
    ('SELECT * { ?s ?p ?o FILTER regex(str(?o), "(x\\\\w*)*y") }', "REGEX"),
    ('SELECT (REPLACE(?o, "' + "c" * 501 + '", "") AS ?x) { ?s ?p ?o }', "REPLACE"),
    ("SELECT * { ?s ?p ?o } # " + "x" * 20_001, "query"),
    ("   ", "query"),
]


@pytest.mark.parametrize(("query", "where"), REFUSED)
def test_refused_with_the_clause_named(query, where):
    with pytest.raises(QueryError) as info:
        POLICY.check(query)
    assert info.value.where == where
    assert info.value.status == 400
    assert info.value.message_en and info.value.message_id != ""


ALLOWED = [
    ('SELECT ?service WHERE { ?service ?p "SERVICE <http://x/>" }', "SELECT"),
    ("SELECT * { ?s <http://e/service> ?o ; <http://e/LOAD> ?x }", "SELECT"),
    ("PREFIX service: <http://e/> SELECT * { ?s service:load ?o }", "SELECT"),
    ("SELECT * { ?s ?p ?o } # SERVICE <http://x/> and INSERT DATA in a comment", "SELECT"),
    ('SELECT * { ?s ?p """a long string: \nSERVICE <http://x/> { ?s ?p ?o }\n""" }', "SELECT"),
    ("SELECT * { ?s ?p 'DROP GRAPH <x>' }", "SELECT"),
    ('SELECT * { ?s ?p "say \\"SERVICE\\"" }', "SELECT"),
    ("ASK { ?s ?p ?o }", "ASK"),
    ("PREFIX schema: <http://schema.org/> CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
     "CONSTRUCT"),
    (f"DESCRIBE <{BASE}id/article/x>", "DESCRIBE"),
    ("SELECT * { ?s ?p ?o } OFFSET 10000", "SELECT"),
    ('SELECT * { ?s ?p ?o FILTER regex(?o, "' + "a" * 500 + '") }', "SELECT"),
    ("SELECT * { ?s ?p ?o FILTER(?o < 3 && ?o > 1) }", "SELECT"),
    ("SELECT * { ?s ?p ?o FILTER(?o<3) }", "SELECT"),
    ("SELECT ?x WHERE { ?s ?p ?o } GROUP BY ?x HAVING (COUNT(*) > 1)", "SELECT"),
    ("SELECT * { ?s ?p ?o }", "SELECT"),
]


@pytest.mark.parametrize(("query", "form"), ALLOWED)
def test_allowed(query, form):
    assert POLICY.check(query).form == form


def test_from_release_graphs_is_allowed_and_reported():
    d = POLICY.check(f"PREFIX r: <{BASE}graph/release/> SELECT * FROM <{REL}> "
                     "FROM NAMED r:gen-0000001 { ?s ?p ?o }")
    assert d.from_graphs == (REL,)
    assert d.from_named == (f"{BASE}graph/release/gen-0000001",)


def test_tokenizer_keeps_strings_iris_and_names_whole():
    toks = tokens("PREFIX ex: <http://e/#a> SELECT ?v $w { ex:s\\.x ex:p 'it''s' . } "
                  "# tail\n LIMIT 1")
    kinds = [k for k, _ in toks]
    assert ("iri", "<http://e/#a>") in toks
    assert ("var", "?v") in toks and ("var", "$w") in toks
    assert ("pname", "ex:p") in toks
    assert "comment" not in kinds
    assert toks[-2:] == [("word", "LIMIT"), ("number", "1")]


def test_decisions_are_cached_by_text():
    policy = Policy(BASE)
    q = "SELECT * { ?s ?p ?o }"
    first = policy.check(q)
    assert policy.check(q) is first
    with pytest.raises(QueryError):
        policy.check("LOAD <http://x/>")
    with pytest.raises(QueryError):  # refusals are remembered too, and still raised
        policy.check("LOAD <http://x/>")


def test_limits_come_from_settings():
    strict = Policy(BASE, max_offset=10, max_query_bytes=100, max_regex_length=3)
    with pytest.raises(QueryError, match="max_offset"):
        strict.check("SELECT * { ?s ?p ?o } OFFSET 11")
    with pytest.raises(QueryError, match="max_regex_length"):
        strict.check('SELECT * { ?s ?p ?o FILTER regex(?o, "abcd") }')
    with pytest.raises(QueryError, match="max_query_bytes"):
        strict.check("SELECT * { ?s ?p ?o } " + "#" * 100)
