"""Every gpr: term the code emits is defined in the ontology (and nothing uses https schema)."""

from __future__ import annotations

from rdflib import Graph, URIRef

from infopublik_ld.pipeline import prepare
from infopublik_ld.vocab import GPR

from .conftest import BASE, ROOT


def _emitted_terms(records) -> set[URIRef]:
    terms = set()
    for rec in records:
        for s, p, o in prepare(rec, source=b"x", base=BASE).release.triples:
            terms |= {t for t in (s, p, o) if isinstance(t, URIRef)}
    return terms


def _corpus_records(n=300):
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen", ROOT / "benchmarks/generate_corpus.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    g = gen.Generator(seed=7)
    return [g.record(i) for i in range(n)]


def test_emitted_gpr_terms_are_defined(example_record):
    ontology = Graph().parse(ROOT / "ontology" / "gpr.ttl")
    defined = set(ontology.subjects())
    emitted = {t for t in _emitted_terms([example_record, *_corpus_records()])
               if str(t).startswith(str(GPR))}
    assert emitted, "the mapping emits gpr: terms"
    assert emitted <= defined, sorted(emitted - defined)


def test_no_https_schema_org(example_record):
    emitted = _emitted_terms([example_record])
    assert not [t for t in emitted if str(t).startswith("https://schema.org/")]
    assert any(str(t).startswith("http://schema.org/") for t in emitted)


def test_generated_corpus_is_valid_and_deterministic():
    from infopublik_ld.records.schema import check_record

    a, b = _corpus_records(50), _corpus_records(50)
    assert a == b
    for rec in a:
        check_record(rec)
        assert prepare(rec, source=b"x", base=BASE).report.conforms
