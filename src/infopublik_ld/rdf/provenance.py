"""Provenance of a release graph (PROV-O): what it came from, what made it, what validated it."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from rdflib import Literal, URIRef

from .. import __version__
from ..vocab import GPR, PROV, RDF, SCHEMA, XSD
from .mapping import MappedRelease

SOFTWARE = URIRef("https://w3id.org/infopublik/software/infopublik-ld")


@dataclass(frozen=True)
class ValidationSummary:
    """What SHACL said about the release graph."""

    conforms: bool
    violations: int
    warnings: int
    shapes_version: str


def sha256(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def activity_iri(release: MappedRelease) -> URIRef:
    """The activity that generated the release graph from its source."""
    return URIRef(f"{release.graph_iri}/activity/{release.source_digest[:16]}")


def add_provenance(
    release: MappedRelease,
    *,
    source: bytes,
    source_url: str | None = None,
    generated_at: dt.datetime | None = None,
    validation: ValidationSummary | None = None,
) -> MappedRelease:
    """Add the provenance triples of ``release`` to its graph and return it.

    ``source`` is the exact input (record text or release text) the graph was derived from;
    its SHA-256 names it (``urn:sha256:…``) unless ``source_url`` is given as well.
    """
    graph = release.graph_iri
    digest = release.source_digest = sha256(source)
    when = (generated_at or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    activity = activity_iri(release)
    release.add(graph, RDF.type, GPR.ReleaseGraph)
    release.add(graph, RDF.type, PROV.Entity)
    release.add(graph, GPR.releaseKey, Literal(release.key))
    release.add(graph, GPR.describes, release.subject)
    release.add(graph, GPR.sha256, Literal(digest))
    release.add(graph, PROV.wasDerivedFrom, URIRef(source_url or f"urn:sha256:{digest}"))
    release.add(graph, PROV.wasGeneratedBy, activity)
    release.add(graph, PROV.generatedAtTime, Literal(when.isoformat(), datatype=XSD.dateTime))
    release.add(activity, RDF.type, PROV.Activity)
    release.add(activity, PROV.endedAtTime, Literal(when.isoformat(), datatype=XSD.dateTime))
    release.add(activity, PROV.wasAssociatedWith, SOFTWARE)
    release.add(SOFTWARE, RDF.type, PROV.SoftwareAgent)
    release.add(SOFTWARE, SCHEMA.name, Literal("infopublik-ld"))
    release.add(activity, SCHEMA.softwareVersion, Literal(__version__))
    if validation is not None:
        add_validation_summary(release, validation)
    return release


def add_validation_summary(release: MappedRelease, validation: ValidationSummary) -> None:
    """Record what SHACL said on the activity that generated the release graph."""
    activity = activity_iri(release)
    release.add(activity, GPR.shapesVersion, Literal(validation.shapes_version))
    release.add(activity, GPR.conforms, Literal(validation.conforms))
    release.add(activity, GPR.violationCount, Literal(validation.violations))
    release.add(activity, GPR.warningCount, Literal(validation.warnings))
