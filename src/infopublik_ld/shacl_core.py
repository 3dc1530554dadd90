"""A compiled evaluator for the SHACL Core subset our shapes use, for the publishing hot path.

pyshacl is the reference (``validation.validate_graph``) and the tests check that this
evaluator reports the same results on the example, the corpus and broken variants of them.
It exists because pyshacl spends ~7 ms per release here (measured: 500 releases, 45 k
triples, one call), which alone would cap publishing near 140 releases/s per core.

Shapes are compiled once; a shape that uses anything outside the supported subset raises
:class:`Unsupported` at compile time, and validation then falls back to pyshacl, so a new
constraint can never be silently ignored.

Supported: node shapes with ``sh:targetClass``, ``sh:targetSubjectsOf``,
``sh:targetObjectsOf`` and ``sh:property``; property shapes with an IRI ``sh:path`` and
``sh:minCount``, ``sh:maxCount``, ``sh:datatype``, ``sh:minLength``, ``sh:nodeKind``
(``sh:IRI``, ``sh:Literal``, ``sh:BlankNode``), ``sh:pattern`` (+ ``sh:flags``),
``sh:class``, ``sh:or`` of shapes using those, ``sh:not`` of one such shape,
``sh:qualifiedValueShape`` with ``sh:qualifiedMinCount``, ``sh:severity``, ``sh:message``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

NODE_KEYS = {SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.property, RDF.type,
             SH.message, SH.severity}
VALUE_KEYS = {SH.datatype, SH.minLength, SH.nodeKind, SH.pattern, SH.flags, SH["class"],
              SH["or"], SH["not"]}
PROPERTY_KEYS = VALUE_KEYS | {SH.path, SH.minCount, SH.maxCount, SH.qualifiedValueShape,
                              SH.qualifiedMinCount, SH.message, SH.severity, SH.name,
                              SH.description, RDF.type}


class Unsupported(Exception):
    """The shapes use a SHACL feature this evaluator does not implement."""


class Index:
    """Subject → predicate → objects, and type → instances, over a list of triples.

    Subjects-of / objects-of a predicate are kept only for the predicates that targets name
    (``subjects_of`` / ``objects_of``): indexing every predicate costs more than validating.
    """

    def __init__(self, triples: Iterable[tuple], subjects_of: frozenset = frozenset(),
                 objects_of: frozenset = frozenset()):
        self.sp: dict = {}
        self.po: dict = {p: set() for p in subjects_of}  # predicate → subjects
        self.op: dict = {p: set() for p in objects_of}  # predicate → objects
        self.types: dict = defaultdict(set)  # class → instances
        rdf_type = RDF.type
        for s, p, o in dict.fromkeys(triples):
            by_p = self.sp.get(s)
            if by_p is None:
                by_p = self.sp[s] = {}
            values = by_p.get(p)
            if values is None:
                by_p[p] = [o]
            else:
                values.append(o)
            if p in self.po:
                self.po[p].add(s)
            if p in self.op:
                self.op[p].add(o)
            if p == rdf_type:
                self.types[o].add(s)

    def objects(self, s, p) -> list:
        node = self.sp.get(s)
        return node.get(p, []) if node else []

    def is_a(self, node, cls) -> bool:
        return node in self.types.get(cls, ())


ValueTest = Callable[[Index, object], bool]


def _datatype_test(dtype) -> ValueTest:
    if dtype == RDF.langString:
        return lambda ix, v: isinstance(v, Literal) and bool(v.language)
    return lambda ix, v: (isinstance(v, Literal) and v.datatype == dtype and not v.language
                          and not v.ill_typed)


def _compile_value(g: Graph, node) -> list[ValueTest]:
    """Tests that every value node must pass, from the value-type constraints on ``node``."""
    tests: list[ValueTest] = []
    for p, o in g.predicate_objects(node):
        if p == SH.datatype:
            tests.append(_datatype_test(o))
        elif p == SH.minLength:
            n = int(o)
            tests.append(lambda ix, v, n=n: not isinstance(v, BNode) and len(str(v)) >= n)
        elif p == SH.nodeKind:
            kind = {SH.IRI: URIRef, SH.Literal: Literal, SH.BlankNode: BNode}.get(o)
            if kind is None:
                raise Unsupported(f"sh:nodeKind {o}")
            tests.append(lambda ix, v, k=kind: isinstance(v, k))
        elif p == SH.pattern:
            flags = re.I if "i" in str(g.value(node, SH.flags) or "") else 0
            rx = re.compile(str(o), flags)
            tests.append(lambda ix, v, rx=rx: not isinstance(v, BNode)
                         and rx.search(str(v)) is not None)
        elif p == SH["class"]:
            tests.append(lambda ix, v, c=o: ix.is_a(v, c))
        elif p == SH["or"]:
            alternatives = [_compile_shape_only(g, m) for m in Collection(g, o)]
            tests.append(lambda ix, v, alts=alternatives: any(all(t(ix, v) for t in a)
                                                               for a in alts))
        elif p == SH["not"]:
            inner = _compile_shape_only(g, o)
            tests.append(lambda ix, v, inner=inner: not all(t(ix, v) for t in inner))
    return tests


def _compile_shape_only(g: Graph, node) -> list[ValueTest]:
    for p in g.predicates(node):
        if p not in VALUE_KEYS and p != RDF.type:
            raise Unsupported(f"{p} inside sh:or / sh:not")
    return _compile_value(g, node)


@dataclass
class PropertyCheck:
    path: URIRef
    severity: URIRef
    messages: tuple[Literal, ...]
    min_count: int | None = None
    max_count: int | None = None
    value_tests: list[ValueTest] = field(default_factory=list)
    qualified: list[ValueTest] | None = None
    qualified_min: int = 0


@dataclass
class NodeCheck:
    targets: list[tuple[URIRef, URIRef]]  # (target kind, IRI)
    properties: list[PropertyCheck]


def _int(g, node, p):
    v = g.value(node, p)
    return None if v is None else int(v)


def compile_shapes(g: Graph) -> list[NodeCheck]:
    """Compile every node shape of ``g``; raise :class:`Unsupported` for anything else."""
    checks = []
    for shape in set(g.subjects(RDF.type, SH.NodeShape)):
        for p in g.predicates(shape):
            if p not in NODE_KEYS:
                raise Unsupported(f"{p} on node shape {shape}")
        targets = [(p, o) for p in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf)
                   for o in g.objects(shape, p)]
        props = []
        for ps in g.objects(shape, SH.property):
            for p in g.predicates(ps):
                if p not in PROPERTY_KEYS:
                    raise Unsupported(f"{p} on property shape of {shape}")
            path = g.value(ps, SH.path)
            if not isinstance(path, URIRef):
                raise Unsupported(f"complex sh:path on {shape}")
            qvs = g.value(ps, SH.qualifiedValueShape)
            props.append(PropertyCheck(
                path=path,
                severity=g.value(ps, SH.severity) or SH.Violation,
                messages=tuple(g.objects(ps, SH.message)),
                min_count=_int(g, ps, SH.minCount),
                max_count=_int(g, ps, SH.maxCount),
                value_tests=_compile_value(g, ps),
                qualified=_compile_shape_only(g, qvs) if qvs is not None else None,
                qualified_min=_int(g, ps, SH.qualifiedMinCount) or 0,
            ))
        checks.append(NodeCheck(targets, props))
    return checks


@dataclass(frozen=True)
class Finding:
    """One result: (severity, focus node, path, value or None, messages)."""

    severity: URIRef
    focus: object
    path: URIRef
    value: object
    messages: tuple[Literal, ...]


#: id of a compiled check list → (the list, its target predicates); compiled once per process
_TARGETS: dict[int, tuple[list, tuple[frozenset, frozenset]]] = {}


def _target_predicates(checks: list[NodeCheck]) -> tuple[frozenset, frozenset]:
    """Predicates named by ``sh:targetSubjectsOf`` and by ``sh:targetObjectsOf`` (computed
    once per check list: it is the same for every release)."""
    known = _TARGETS.get(id(checks))
    if known is not None and known[0] is checks:
        return known[1]
    subjects = frozenset(i for c in checks for k, i in c.targets if k == SH.targetSubjectsOf)
    objects = frozenset(i for c in checks for k, i in c.targets if k == SH.targetObjectsOf)
    _TARGETS[id(checks)] = (checks, (subjects, objects))
    return subjects, objects


def _focus_nodes(ix: Index, targets) -> set:
    nodes: set = set()
    for kind, iri in targets:
        if kind == SH.targetClass:
            nodes |= ix.types.get(iri, set())
        elif kind == SH.targetSubjectsOf:
            nodes |= ix.po.get(iri, set())
        else:
            nodes |= ix.op.get(iri, set())
    return nodes


def evaluate(checks: list[NodeCheck], triples: Iterable[tuple]) -> list[Finding]:
    """Validate ``triples`` against compiled ``checks``; return the findings."""
    ix = Index(triples, *_target_predicates(checks))
    found = []
    for check in checks:
        for focus in _focus_nodes(ix, check.targets):
            for pc in check.properties:
                values = ix.objects(focus, pc.path)
                n = len(values)
                bad = []  # offending values; None for a count that is off
                if pc.min_count is not None and n < pc.min_count:
                    bad.append(None)
                if pc.max_count is not None and n > pc.max_count:
                    bad.append(None)
                for v in values:
                    for test in pc.value_tests:
                        if not test(ix, v):
                            bad.append(v)
                if pc.qualified is not None and sum(
                    all(t(ix, v) for t in pc.qualified) for v in values
                ) < pc.qualified_min:
                    bad.append(None)
                found += [Finding(pc.severity, focus, pc.path, v, pc.messages) for v in bad]
    return found
