"""SHACL validation with the trusted shapes in ``shapes/`` only (the one pyshacl user).

The shapes graph is parsed once per process. Shapes or ontology triples found in the data are
never used: the data graph is validated against our shapes graph and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, SH

from . import shacl_core
from .rdf.mapping import MappedRelease
from .rdf.provenance import ValidationSummary
from .resources import data_dir

SEVERITIES = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}


@cache
def shapes_graph() -> Graph:
    """The shapes of ``shapes/*.ttl``, parsed once per process."""
    g = Graph()
    for path in sorted(data_dir("shapes").glob("*.ttl")):
        g.parse(path, format="turtle")
    return g


@cache
def shapes_version() -> str:
    """``owl:versionInfo`` of the shapes ontology."""
    for _, _, v in shapes_graph().triples((None, OWL.versionInfo, None)):
        return str(v)
    return "unknown"


@dataclass(frozen=True)
class Result:
    """One SHACL result: severity, the node and property concerned, message in id and en."""

    severity: str
    focus: str
    path: str | None
    value: str | None
    message_id: str
    message_en: str

    def message(self, lang: str = "id") -> str:
        """The message in ``lang`` (``id`` or ``en``)."""
        return self.message_id if lang == "id" else self.message_en

    def to_json(self) -> dict:
        """A JSON-ready dict."""
        return {"severity": self.severity, "focus": self.focus, "path": self.path,
                "value": self.value, "message": {"id": self.message_id, "en": self.message_en}}


@dataclass
class Report:
    """The outcome of validating one graph: violations block publishing, warnings inform."""

    results: list[Result] = field(default_factory=list)

    @property
    def violations(self) -> list[Result]:
        return [r for r in self.results if r.severity == "violation"]

    @property
    def warnings(self) -> list[Result]:
        return [r for r in self.results if r.severity != "violation"]

    @property
    def conforms(self) -> bool:
        """True when there is no violation (warnings allowed)."""
        return not self.violations

    def summary(self) -> ValidationSummary:
        """The counts recorded in provenance."""
        return ValidationSummary(self.conforms, len(self.violations), len(self.warnings),
                                 shapes_version())

    def to_json(self) -> dict:
        return {"conforms": self.conforms, "violations": len(self.violations),
                "warnings": len(self.warnings), "results": [r.to_json() for r in self.results]}


def _pick(messages) -> tuple[str, str]:
    """(Indonesian, English) from a set of language-tagged message literals."""
    by_lang: dict[str, str] = {}
    for msg in messages:
        if isinstance(msg, Literal):
            by_lang.setdefault(msg.language or "", str(msg))
    en = by_lang.get("en") or by_lang.get("") or next(iter(by_lang.values()), "")
    return by_lang.get("id", en), en


@cache
def compiled_shapes() -> list[shacl_core.NodeCheck] | None:
    """Our shapes compiled for :mod:`shacl_core`, or ``None`` if they need full pyshacl."""
    try:
        return shacl_core.compile_shapes(shapes_graph())
    except shacl_core.Unsupported:
        return None


def _sorted(report: Report) -> Report:
    report.results.sort(key=lambda r: (r.severity != "violation", r.focus or "", r.path or "",
                                       r.value or "", r.message_en))
    return report


def validate_triples(triples) -> Report:
    """Validate a list of triples with our shapes: the fast path used by publishing.

    Gives the same results as :func:`validate_graph` (tests check it); falls back to it when
    the shapes use a feature the compiled evaluator lacks.
    """
    checks = compiled_shapes()
    if checks is None:
        graph = Graph()
        for t in triples:
            graph.add(t)
        return validate_graph(graph)
    report = Report()
    for f in shacl_core.evaluate(checks, triples):
        message_id, message_en = _pick(f.messages)
        report.results.append(Result(SEVERITIES.get(f.severity, "violation"), _term(f.focus),
                                     _term(f.path), _term(f.value), message_id, message_en))
    return _sorted(report)


def validate_release(release: MappedRelease) -> Report:
    """Validate one mapped release (see :func:`validate_triples`)."""
    return validate_triples(release.triples)


def _term(value) -> str | None:
    if value is None:
        return None
    return str(value) if isinstance(value, URIRef | Literal) else value.n3()


def validate_graph(data: Graph) -> Report:
    """Validate ``data`` against our shapes and return a :class:`Report`.

    ``data`` is not modified. Raises nothing for bad data: all findings are in the report.
    """
    # imported here: pyshacl takes longer to import than publishing one release takes, and
    # the compiled core (shacl_core) validates releases without it
    from pyshacl import validate as _pyshacl_validate

    _, results, _ = _pyshacl_validate(
        data,
        shacl_graph=shapes_graph(),
        inference="none",
        abort_on_first=False,
        allow_infos=True,
        allow_warnings=True,
        advanced=False,
        js=False,
        inplace=True,  # our shapes never add triples; skip the copy of the data graph
    )
    report = Report()
    for node in results.subjects(RDF.type, SH.ValidationResult):
        message_id, message_en = _pick(results.objects(node, SH.resultMessage))
        report.results.append(Result(
            severity=SEVERITIES.get(results.value(node, SH.resultSeverity), "violation"),
            focus=_term(results.value(node, SH.focusNode)),
            path=_term(results.value(node, SH.resultPath)),
            value=_term(results.value(node, SH.value)),
            message_id=message_id,
            message_en=message_en,
        ))
    return _sorted(report)
