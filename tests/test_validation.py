"""Validation: our shapes only; the compiled evaluator agrees with pyshacl (the reference)."""

from __future__ import annotations

import copy
import json
import subprocess
import sys

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD

from infopublik_ld import shacl_core
from infopublik_ld.pipeline import prepare
from infopublik_ld.validation import (
    compiled_shapes,
    shapes_graph,
    validate_graph,
    validate_triples,
)
from infopublik_ld.vocab import SCHEMA

from .conftest import BASE, ROOT


def _triples(record: dict) -> list:
    return prepare(record, source=b"test", base=BASE).release.triples


def _broken_variants(rec: dict):
    """Records that each break something the shapes check (after the schema passed)."""
    def variant(fn):
        r = copy.deepcopy(rec)
        fn(r)
        return r

    yield "ok", rec
    yield "titled-name", variant(lambda r: r["people"][0].update(name="H. Kharuddin Syah, S.E."))
    yield "no-publisher", variant(lambda r: r.pop("publisher"))
    yield "no-speaker", variant(lambda r: r["quotes"][1].pop("speaker"))
    yield "no-event-date", variant(lambda r: r["event"].pop("start_date"))
    yield "no-venue-no-kind", variant(lambda r: [r["event"].pop("venue"), r["event"].pop("region"),
                                                 r["event"].pop("event_type")])
    yield "no-people", variant(lambda r: [r.update(people=[], quotes=[], representations=[],
                                                   credits={})])
    yield "no-body-dateline", variant(lambda r: [r.pop("body"), r.pop("dateline")])


def test_shapes_compile_to_the_fast_path():
    assert compiled_shapes() is not None


@pytest.mark.parametrize("name", [n for n, _ in _broken_variants(
    json.loads((ROOT / "examples/labura-bakohumas-2019.json").read_text()))])
def test_fast_path_agrees_with_pyshacl(example_record, name):
    record = dict(_broken_variants(example_record))[name]
    triples = _triples(record)
    g = Graph()
    for t in triples:
        g.add(t)
    fast, reference = validate_triples(triples), validate_graph(g)
    assert fast.results == reference.results
    assert fast.conforms == (name in ("ok", "no-venue-no-kind", "no-people",
                                      "no-body-dateline"))
    if name != "ok":
        assert fast.results, "each variant breaks something"


def test_fast_path_agrees_on_raw_triples():
    """Ill-typed literals, wrong datatypes, blank nodes, several values: same as pyshacl."""
    art = URIRef("http://x/a")
    triples = [
        (art, RDF.type, SCHEMA.NewsArticle),
        (art, SCHEMA.headline, Literal("no language tag")),
        (art, SCHEMA.headline, Literal("kedua", lang="id")),
        (art, SCHEMA.datePublished, Literal("2019-02-30", datatype=XSD.date)),
        (art, SCHEMA.publisher, Literal("not an IRI")),
        (art, SCHEMA.inLanguage, Literal("id")),
        (URIRef("http://x/r"), RDF.type, SCHEMA.AdministrativeArea),
        (URIRef("http://x/r"), URIRef("https://w3id.org/infopublik/gpr#kodeWilayah"),
         Literal("12.2")),
    ]
    g = Graph()
    for t in triples:
        g.add(t)
    fast, reference = validate_triples(triples), validate_graph(g)
    assert fast.results == reference.results
    assert len(fast.violations) >= 5


def test_shapes_in_data_are_ignored(example_record):
    """A data graph carrying its own (permissive or hostile) shapes changes nothing."""
    example_record["people"][0]["name"] = "H. Kharuddin Syah, S.E."
    triples = _triples(example_record)
    evil = URIRef("http://evil/shape")
    triples += [(evil, RDF.type, SH.NodeShape), (evil, SH.targetClass, SCHEMA.Person),
                (evil, SH.deactivated, Literal(True))]
    g = Graph()
    for t in triples:
        g.add(t)
    assert not validate_graph(g).conforms
    assert not validate_triples(triples).conforms


def test_every_shape_has_bilingual_messages():
    g = shapes_graph()
    props = list(g.objects(None, SH.property))
    assert len(props) > 20
    for ps in props:
        langs = {m.language for m in g.objects(ps, SH.message)}
        assert {"id", "en"} <= langs, ps


def test_unsupported_shape_features_are_refused_not_ignored():
    g = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <http://x/s> a sh:NodeShape ; sh:targetClass <http://x/C> ;
            sh:property [ sh:path <http://x/p> ; sh:hasValue <http://x/v> ] .
    """, format="turtle")
    with pytest.raises(shacl_core.Unsupported):
        shacl_core.compile_shapes(g)


def test_shapes_parsed_once_per_process():
    code = ("from infopublik_ld import validation as v\n"
            "a = v.shapes_graph(); b = v.shapes_graph(); print(a is b)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "True"


def test_fast_plain_literals_are_rdflib_literals():
    """The mapping's shortcut for string literals makes exactly what rdflib makes."""
    from rdflib import Literal

    from infopublik_ld.rdf import mapping

    assert mapping._plain_literal_matches_rdflib()
    for value, lang in (("Sekda Labura", "id"), ("H. Abdul Rahman", None), ("x\ny", "en-GB")):
        ours, theirs = mapping._plain_literal(value, lang), Literal(value, lang=lang)
        assert ours == theirs and hash(ours) == hash(theirs)
        assert (ours.language, ours.datatype, ours.value, ours.ill_typed) == \
            (theirs.language, theirs.datatype, theirs.value, theirs.ill_typed)
    assert mapping._plain_literal(12).datatype == Literal(12).datatype  # not a str: rdflib
