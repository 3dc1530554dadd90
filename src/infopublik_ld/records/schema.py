"""The JSON Schema of input records and the checks JSON Schema cannot express.

:func:`check_record` raises :class:`RecordError` naming the field by JSON pointer, in
Indonesian and English, for the first problems found (all of them listed in the message).
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from ..errors import RecordError
from ..resources import data_dir, package_file

SCHEMA_PATH = package_file("records", "record.schema.json")


@cache
def schema() -> dict:
    """The record JSON Schema (Draft 2020-12), loaded once."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _pointer(path) -> str:
    return "/" + "/".join(str(p) for p in path) if path else "/"


def _explain(error: ValidationError) -> tuple[str, str]:
    """Return (english, indonesian) text for one schema error."""
    where = _pointer(error.absolute_path)
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return (
            f"{where}: required field {missing!r} is missing",
            f"{where}: kolom wajib {missing!r} tidak ada",
        )
    if error.validator == "additionalProperties":
        return (
            f"{where}: {error.message} (see the field list in docs/record.md)",
            f"{where}: ada kolom yang tidak dikenal: {error.message} (lihat docs/record.md)",
        )
    if error.validator == "pattern":
        desc = error.schema.get("description", "")
        return (
            f"{where}: {error.instance!r} has the wrong form. {desc}".rstrip(),
            f"{where}: bentuk {error.instance!r} tidak sesuai. {desc}".rstrip(),
        )
    if error.validator == "type":
        return (
            f"{where}: expected {error.validator_value}, got {error.instance!r}",
            f"{where}: seharusnya bertipe {error.validator_value}, bukan {error.instance!r}",
        )
    if error.validator in ("const", "enum"):
        allowed = error.validator_value
        return (
            f"{where}: {error.instance!r} is not one of {allowed!r}",
            f"{where}: {error.instance!r} bukan salah satu dari {allowed!r}",
        )
    return (f"{where}: {error.message}", f"{where}: {error.message}")


@cache
def _fast_validator():
    """jsonschema-rs (Rust) for the yes/no verdict: ~0.02 ms per record against ~2 ms for
    the pure-Python validator, which is kept for explaining what is wrong."""
    import jsonschema_rs

    return jsonschema_rs.Draft202012Validator(schema())


def _record_kind_errors(record: dict) -> list[ValidationError]:
    """Errors against the branch of ``oneOf`` the record claims by its ``kind``."""
    if _fast_validator().is_valid(record):
        return []
    kind = record.get("kind")
    branch = {"article": "article", "event": "eventRecord"}.get(kind)
    if branch is None:
        return [
            ValidationError(
                f"'kind' must be 'article' or 'event', got {kind!r}",
                validator="enum",
                path=["kind"],
                instance=kind,
                validator_value=["article", "event"],
            )
        ]
    return list(_branch_validator(branch).iter_errors(record))


def _inline(node: Any, defs: dict) -> Any:
    """``node`` with every local ``$ref`` replaced by its target (the schema has no cycles).

    Resolving references is most of jsonschema's cost per record; inlined, checking is ~3x
    faster with the same verdicts.
    """
    if isinstance(node, dict):
        ref = node.get("$ref", "")
        if ref.startswith("#/$defs/"):
            target = _inline(defs[ref.rsplit("/", 1)[1]], defs)
            siblings = {k: _inline(v, defs) for k, v in node.items() if k != "$ref"}
            return {**target, **siblings}
        return {k: _inline(v, defs) for k, v in node.items()}
    if isinstance(node, list):
        return [_inline(v, defs) for v in node]
    return node


@cache
def _branch_validator(branch: str) -> Draft202012Validator:
    """A validator of one branch of the top-level ``oneOf`` (errors name that branch only)."""
    defs = schema()["$defs"]
    return Draft202012Validator(_inline(defs[branch], defs))


def _dates(node: Any, path: tuple) -> list[tuple[str, str]]:
    """Impossible calendar dates (2019-02-30) anywhere in the record."""
    found = []
    if isinstance(node, dict):
        for k, v in node.items():
            found += _dates(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            found += _dates(v, (*path, i))
    elif isinstance(node, str) and path and str(path[-1]) in DATE_FIELDS:
        try:
            if "T" in node:
                dt.datetime.fromisoformat(node.replace("Z", "+00:00"))
            else:
                dt.date.fromisoformat(node)
        except ValueError:
            where = _pointer(path)
            found.append(
                (
                    f"{where}: {node!r} is not a real calendar date or time",
                    f"{where}: {node!r} bukan tanggal atau waktu yang ada di kalender",
                )
            )
    return found


DATE_FIELDS = {"date_published", "start_date", "end_date"}

#: record field → concept scheme whose ``skos:notation`` values it takes
CODE_FIELDS = {"office": "office", "event_type": "event-type", "type": "legislation-type"}


@cache
def scheme_codes(scheme: str) -> frozenset[str]:
    """The ``skos:notation`` codes of concept scheme ``scheme`` (ontology/concepts/)."""
    from rdflib import Graph
    from rdflib.namespace import SKOS

    g = Graph().parse(data_dir("ontology") / "concepts" / f"{scheme}.ttl", format="turtle")
    return frozenset(str(o) for o in g.objects(None, SKOS.notation))


def _codes(record: dict) -> list[tuple[str, str]]:
    """Codes (office, event type, regulation type) that their concept scheme lacks."""
    places = [(f"/people/{i}", p) for i, p in enumerate(record.get("people", []))]
    places += [(f"/regulations/{i}", r) for i, r in enumerate(record.get("regulations", []))]
    places.append(("/event", record.get("event", {})) if "event" in record else ("", record))
    out = []
    for where, node in places:
        for field, scheme in CODE_FIELDS.items():
            value = node.get(field)
            if field == "type" and not where.startswith("/regulations"):
                continue
            if value is not None and value not in scheme_codes(scheme):
                known = ", ".join(sorted(scheme_codes(scheme)))
                out.append((
                    f"{where}/{field}: {value!r} is not a code of the {scheme} scheme ({known})",
                    f"{where}/{field}: {value!r} bukan kode skema {scheme} ({known})",
                ))
    return out


def _references(record: dict) -> list[tuple[str, str]]:
    """Local keys (speaker, organizer, ...) that name no person or organisation."""
    people = {p.get("id") for p in record.get("people", []) if isinstance(p, dict)}
    orgs = {o.get("id") for o in record.get("organizations", []) if isinstance(o, dict)}
    refs: list[tuple[str, Any, set]] = [("/publisher", record.get("publisher"), orgs)]
    for i, q in enumerate(record.get("quotes", [])):
        refs += [(f"/quotes/{i}/speaker", q.get("speaker"), people),
                 (f"/quotes/{i}/on_behalf_of", q.get("on_behalf_of"), people)]
    for i, r in enumerate(record.get("representations", [])):
        refs += [(f"/representations/{i}/represented", r.get("represented"), people),
                 (f"/representations/{i}/representative", r.get("representative"), people)]
    for i, p in enumerate(record.get("people", [])):
        refs.append((f"/people/{i}/organization", p.get("organization"), orgs))
    for i, o in enumerate(record.get("organizations", [])):
        refs.append((f"/organizations/{i}/parent", o.get("parent"), orgs))
    for role in ("authors", "editors", "photographers"):
        for i, key in enumerate(record.get("credits", {}).get(role, [])):
            refs.append((f"/credits/{role}/{i}", key, people))
    event = record.get("event", record)
    refs.append((("/event" if "event" in record else "") + "/organizer",
                 event.get("organizer"), orgs))
    out = []
    for where, key, known in refs:
        if key is not None and key not in known:
            kind = "organizations" if known is orgs else "people"
            out.append((
                f"{where}: {key!r} names no entry of '{kind}' in this record",
                f"{where}: {key!r} tidak ada di daftar '{kind}' pada rekaman ini",
            ))
    return out


def check_record(record: Any, *, where: str = "") -> dict:
    """Return ``record`` if it is a valid input record; raise :class:`RecordError` otherwise.

    ``where`` prefixes messages (e.g. ``"releases.jsonl line 7"``).

    >>> check_record({"kind": "article", "headline": "J", "date_published": "2019-02-30"})
    Traceback (most recent call last):
    ...
    infopublik_ld.errors.RecordError: /date_published: '2019-02-30' is not a real calendar ...
    """
    if not isinstance(record, dict):
        problems = [(f"/: a record is a JSON object, got {type(record).__name__}",
                     f"/: rekaman harus objek JSON, bukan {type(record).__name__}")]
    else:
        errors = _record_kind_errors(record)
        problems = []
        if errors:
            # The most relevant first (deepest / most specific), then the rest in order.
            first = best_match(errors)
            problems = [_explain(first)] + [_explain(e) for e in errors if e is not first]
        else:
            problems = _dates(record, ()) + _references(record) + _codes(record)
    if problems:
        prefix = f"{where}: " if where else ""
        shown = problems[:5]
        more = f" (+{len(problems) - 5} more)" if len(problems) > 5 else ""
        raise RecordError(
            prefix + "; ".join(en for en, _ in shown) + more,
            prefix + "; ".join(id_ for _, id_ in shown) + more.replace("more", "lagi"),
            where=shown[0][0].split(":", 1)[0],
        )
    return record


def problems(record: Any) -> list[tuple[str, str, str]]:
    """Every problem :func:`check_record` would report, as ``(pointer, english, indonesian)``
    (the officer console shows each next to its field).

    >>> problems({"kind": "article", "headline": "J", "date_published": "2019-02-30"})[0][0]
    '/date_published'
    """
    if not isinstance(record, dict):
        return [("/", f"a record is a JSON object, got {type(record).__name__}",
                 f"rekaman harus objek JSON, bukan {type(record).__name__}")]
    errors = _record_kind_errors(record)
    pairs = [_explain(e) for e in errors] if errors else \
        _dates(record, ()) + _references(record) + _codes(record)
    out = []
    for en, id_ in pairs:
        where, _, en_text = en.partition(": ")
        out.append((where, en_text, id_.partition(": ")[2]))
    return out


def _rows(defs: dict, node: dict, prefix: str, seen: set) -> list[tuple[str, str, str]]:
    """(field, type, description) rows for the properties of ``node``, recursively."""
    rows = []
    props = dict(node.get("properties", {}))
    for part in node.get("allOf", []):
        ref = part.get("$ref", "")
        if ref.startswith("#/$defs/"):
            props = {**defs[ref.split("/")[-1]].get("properties", {}), **{
                k: v for k, v in props.items() if v is not True}}
    required = set(node.get("required", []))
    for name, spec in props.items():
        if spec is True:
            continue
        target = spec
        items = spec.get("items")
        ref = (items or spec).get("$ref", "")
        if ref.startswith("#/$defs/"):
            target = {**defs[ref.split("/")[-1]], **{k: v for k, v in spec.items()
                                                     if k == "description"}}
        kind = "list of " if items else ""
        kind += ref.split("/")[-1] if ref else target.get("type", "object" if "properties" in
                                                          spec else "value")
        if "const" in target:
            kind = repr(target["const"])
        elif "enum" in target:
            kind = " / ".join(map(repr, target["enum"]))
        desc = spec.get("description") or target.get("description", "")
        field = f"{prefix}{name}" + (" (required)" if name in required else "")
        rows.append((field, kind, desc))
        nested = defs.get(ref.split("/")[-1]) if ref else spec
        if nested and ("properties" in nested or "allOf" in nested) and ref not in seen:
            rows += _rows(defs, nested, f"{prefix}{name}{'[]' if items else ''}.",
                          seen | {ref})
    return rows


def markdown() -> str:
    """The field-by-field documentation of the record format (``docs/record.md``)."""
    s = schema()
    defs = s["$defs"]
    out = ["# Record format", "",
           "<!-- Generated from src/infopublik_ld/records/record.schema.json by",
           "     `python -m infopublik_ld.records.schema`; tests/test_docs.py checks it. -->", "",
           s["description"], "",
           "Example: `examples/labura-bakohumas-2019.json`.", ""]
    for name in ("article", "eventRecord"):
        node = defs[name]
        out += [f"## {node['title']}", "", node["description"], "",
                "| field | type | meaning |", "| --- | --- | --- |"]
        for field, kind, desc in _rows(defs, node, "", set()):
            out.append(f"| `{field}` | {kind} | {desc.replace('|', '/')} |")
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    print(markdown())
