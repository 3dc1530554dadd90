"""Provenance of a release graph (PROV-O): what it came from, what made it, what validated it,
and on whose behalf: the instance's publishing agency.

The agency is ``{base}id/agency`` (the IRI the DCAT catalogue names as the dataset's
``dct:publisher``) with the ``agency_name`` setting as its ``schema:name``. The release graph
is ``prov:wasAttributedTo`` it, the activity that generated the graph is
``prov:wasAssociatedWith`` it as well as with the software, and the software
``prov:actedOnBehalfOf`` it. Each statement sits in the release's own named graph, so a
harvester's union of many instances still tells which agency each graph came from. The
officer who pressed *publish* is never named: who did what is kept in the private audit
trail only (docs/console.md).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from rdflib import Literal, URIRef

from .. import __version__
from ..vocab import GPR, PROV, RDF, SCHEMA, XSD
from .mapping import MappedRelease

SOFTWARE = URIRef("https://w3id.org/infopublik/software/infopublik-ld")
#: the predicates :func:`agency_triples` states, in the order it states them
AGENCY_PREDICATES = (PROV.wasAttributedTo, PROV.wasAssociatedWith, PROV.actedOnBehalfOf)


def agency_iri(base: str) -> URIRef:
    """The publishing agency of the instance at ``base``: ``{base}id/agency``, the same IRI
    the DCAT catalogue gives as the dataset's publisher."""
    return URIRef(f"{base}id/agency")


def agency_name(settings: object) -> str | None:
    """The agency a release of these settings is attributed to: ``agency_name`` (stripped),
    or ``None`` when it is empty."""
    return (getattr(settings, "agency_name", "") or "").strip() or None


def agency_triples(graph: URIRef, activity: URIRef, base: str, name: str) -> list[tuple]:
    """The triples naming agency ``name`` of the instance at ``base`` as the one a release
    graph is attributed to and its generating activity acted for (see module docstring)."""
    agency = agency_iri(base)
    return [(graph, PROV.wasAttributedTo, agency),
            (activity, PROV.wasAssociatedWith, agency),
            (SOFTWARE, PROV.actedOnBehalfOf, agency),
            (agency, RDF.type, PROV.Organization),
            (agency, SCHEMA.name, Literal(name))]


def agency_tag(name: str) -> str:
    """A short tag of agency ``name``, part of a release's input hash (:func:`with_agency`)."""
    return hashlib.sha256(name.encode("utf-8")).hexdigest()[:16]


def with_agency(input_hash: str, name: str | None) -> str:
    """``input_hash`` (of the input bytes, base IRI and versions) tagged with the agency the
    release names: ``HASH.TAG``. The tag stands apart so that ``migrate`` can re-tag a release
    whose agency provenance it rewrites without the input bytes; an earlier tag is replaced.
    Without an agency (``agency_name`` empty) the hash is returned untagged."""
    bare = input_hash.split(".", 1)[0]
    return f"{bare}.{agency_tag(name)}" if name and bare else bare


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


def add_agency(release: MappedRelease, base: str, name: str | None) -> MappedRelease:
    """Name the publishing agency in the provenance of ``release`` (nothing when ``name`` is
    empty: an instance without ``agency_name``); return it."""
    if name:
        for s, p, o in agency_triples(release.graph_iri, activity_iri(release), base, name):
            release.add(s, p, o)
    return release


def add_validation_summary(release: MappedRelease, validation: ValidationSummary) -> None:
    """Record what SHACL said on the activity that generated the release graph."""
    activity = activity_iri(release)
    release.add(activity, GPR.shapesVersion, Literal(validation.shapes_version))
    release.add(activity, GPR.conforms, Literal(validation.conforms))
    release.add(activity, GPR.violationCount, Literal(validation.violations))
    release.add(activity, GPR.warningCount, Literal(validation.warnings))
