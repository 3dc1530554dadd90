"""The review form, generated from the record JSON Schema (records/record.schema.json).

Every field of the record is a form control named by its JSON Pointer (``/people/0/name``),
so warnings, schema problems and SHACL results — all addressed by pointer — sit next to the
control they concern. A field added to the schema appears in the form without changes here
(as a text box, a number, a checkbox or a list, by its type); the tables below only choose
better controls (select boxes of codes and of the record's own people and organisations) and
labels in Indonesian and English.

>>> fields = form_fields("article")
>>> [f.name for f in fields][:4]
['kind', 'id', 'headline', 'date_published']
>>> record = parse({"/kind": "article", "/headline": "Judul", "/people/0/name": "Sugeng",
...                 "/people/0/honorific_prefixes": "H.; Drs."}, fields)
>>> record["people"]
[{'id': 'sugeng', 'name': 'Sugeng', 'honorific_prefixes': ['H.', 'Drs.']}]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

from ...records.names import slug
from ...records.schema import CODE_FIELDS, schema, scheme_codes

#: field order on the form; schema properties not named here follow, in schema order
ORDER = ("kind", "id", "headline", "date_published", "name", "start_date", "end_date",
         "dateline", "dateline_region", "outlet", "publisher", "language", "source_url",
         "body", "description", "event", "people", "quotes", "representations", "regulations",
         "organizations", "credits")
#: fields whose value is the local key of a person / an organisation of the same record
PERSON_REFS = {"speaker", "on_behalf_of", "represented", "representative"}
ORG_REFS = {"organizer", "publisher", "organization", "parent"}
LONG_TEXT = {"body", "text", "description"}
#: list separator of lists of short texts (degrees, prefixes, alternate names, credit keys)
SEP = ";"

LABELS: dict[str, tuple[str, str]] = {
    "kind": ("Jenis rekaman", "Record kind"), "id": ("Kunci siaran", "Release key"),
    "headline": ("Judul", "Headline"), "date_published": ("Tanggal terbit", "Date published"),
    "dateline": ("Dateline (tempat)", "Dateline (place)"),
    "dateline_region": ("Kode wilayah dateline", "Dateline region code"),
    "outlet": ("Media", "Outlet"), "publisher": ("Penerbit", "Publisher"),
    "language": ("Bahasa", "Language"), "source_url": ("URL sumber", "Source URL"),
    "body": ("Isi", "Body"), "description": ("Keterangan", "Description"),
    "event": ("Kegiatan", "Event"), "people": ("Orang", "People"),
    "quotes": ("Kutipan", "Quotes"), "representations": ("Perwakilan", "Representations"),
    "regulations": ("Peraturan", "Regulations"), "organizations": ("Organisasi", "Organisations"),
    "credits": ("Kredit", "Credits"), "name": ("Nama", "Name"),
    "label": ("Nama seperti tertulis", "Name as written"),
    "honorific_prefixes": ("Gelar depan", "Prefixes"),
    "honorific_suffixes": ("Gelar akademik", "Degrees"), "nickname": ("Panggilan", "Nickname"),
    "job_title": ("Jabatan", "Office (as written)"), "office": ("Kode jabatan", "Office code"),
    "organization": ("Organisasi", "Organisation"), "acting": ("Plt./Pj.", "Acting"),
    "text": ("Teks", "Text"), "speaker": ("Pembicara", "Speaker"),
    "on_behalf_of": ("Atas nama", "On behalf of"), "represented": ("Yang diwakili",
                                                                   "Represented"),
    "representative": ("Wakil", "Representative"), "task": ("Tugas", "Task"),
    "type": ("Jenis", "Type"), "number": ("Nomor", "Number"), "year": ("Tahun", "Year"),
    "title": ("Tentang", "Title"), "issuer": ("Penerbit peraturan", "Issuer"),
    "as_written": ("Seperti tertulis", "As written"), "start_date": ("Mulai", "Start"),
    "end_date": ("Selesai", "End"), "venue": ("Tempat", "Venue"),
    "region": ("Kode wilayah", "Region code"), "organizer": ("Penyelenggara", "Organiser"),
    "audience": ("Peserta", "Audience"), "super_event": ("Bagian dari", "Part of"),
    "event_type": ("Jenis kegiatan", "Event kind"), "alternate_names": ("Nama lain",
                                                                       "Other names"),
    "parent": ("Induk", "Parent"), "url": ("URL", "URL"),
    "authors": ("Penulis", "Authors"), "editors": ("Editor", "Editors"),
    "photographers": ("Fotografer", "Photographers"),
}


@dataclass
class Field:
    """One control (or group) of the form."""

    name: str
    widget: str  # text | textarea | number | checkbox | select | list | object | objects | hidden
    description: str = ""
    required: bool = False
    options: tuple[str, ...] = ()
    #: "people" / "organizations" when the options are the record's own keys
    refs: str = ""
    children: list[Field] = field(default_factory=list)

    def label(self, lang: str) -> str:
        """The label in ``lang`` (the field name when it has none)."""
        pair = LABELS.get(self.name)
        return (pair[1] if lang == "en" else pair[0]) if pair else self.name


def _resolve(node: dict, defs: dict) -> dict:
    """``node`` with its ``$ref`` (and ``allOf`` of refs) merged in."""
    out = dict(node)
    ref = out.pop("$ref", "")
    if ref.startswith("#/$defs/"):
        out = {**_resolve(defs[ref.rsplit("/", 1)[1]], defs), **out}
    return out


def _properties(node: dict, defs: dict) -> tuple[dict, set]:
    """Properties of an object node (``true`` placeholders filled from ``allOf``) and the
    required ones."""
    props: dict = {}
    required = set(node.get("required", []))
    for part in node.get("allOf", []):
        sub = _resolve(part, defs)
        props.update(sub.get("properties", {}))
        required |= set(sub.get("required", []))
    for name, spec in node.get("properties", {}).items():
        if spec is not True or name not in props:
            props[name] = spec
    return props, required


def _field(name: str, spec: dict, defs: dict, required: bool, parent: str) -> Field:
    spec = _resolve(spec, defs)
    desc = spec.get("description", "")
    if "const" in spec:
        return Field(name, "hidden", desc, required, (spec["const"],))
    if "enum" in spec:
        return Field(name, "select", desc, required, tuple(spec["enum"]))
    if name in CODE_FIELDS and (name != "type" or parent == "regulations"):
        return Field(name, "select", desc, required, tuple(sorted(scheme_codes(
            CODE_FIELDS[name]))))
    if name in PERSON_REFS:
        return Field(name, "select", desc, required, refs="people")
    if name in ORG_REFS:
        return Field(name, "select", desc, required, refs="organizations")
    kind = spec.get("type")
    if kind == "array":
        items = _resolve(spec.get("items", {}), defs)
        if items.get("type") == "object" or "properties" in items:
            return Field(name, "objects", desc, required, children=_children(items, defs, name))
        return Field(name, "list", desc, required,
                     refs="people" if name in ("authors", "editors", "photographers") else "")
    if kind == "object" or "properties" in spec or "allOf" in spec:
        return Field(name, "object", desc, required, children=_children(spec, defs, name))
    if kind == "integer":
        return Field(name, "number", desc, required)
    if kind == "boolean":
        return Field(name, "checkbox", desc, required)
    return Field(name, "textarea" if name in LONG_TEXT else "text", desc, required)


def _children(node: dict, defs: dict, parent: str) -> list[Field]:
    props, required = _properties(node, defs)
    names = [n for n in ORDER if n in props] + [n for n in props if n not in ORDER]
    return [_field(n, props[n], defs, n in required, parent) for n in names]


@cache
def form_fields(kind: str) -> list[Field]:
    """The form of a record of ``kind`` (``article`` or ``event``), from the JSON Schema."""
    s = schema()
    branch = {"article": "article", "event": "eventRecord"}.get(kind, "article")
    return _children(s["$defs"][branch], s["$defs"], "")


# --------------------------------------------------------------------------- form → record
def _scalar(f: Field, raw: str):
    raw = raw.strip()
    if raw == "":
        return None
    if f.widget == "number":
        try:
            return int(raw)
        except ValueError:
            return raw  # the schema check names the field and shows the value
    return raw.replace("\r\n", "\n")


def _parse_object(form: Mapping[str, str], fields: list[Field], prefix: str,
                  removed: set[str]) -> dict:
    out: dict = {}
    for f in fields:
        ptr = f"{prefix}/{f.name}"
        if f.widget == "checkbox":
            if form.get(ptr):
                out[f.name] = True
        elif f.widget == "list":
            items = [v.strip() for v in str(form.get(ptr, "")).split(SEP) if v.strip()]
            if items:
                out[f.name] = items
        elif f.widget == "object":
            value = _parse_object(form, f.children, ptr, removed)
            if value:
                out[f.name] = value
        elif f.widget == "objects":
            indexes = sorted({int(k[len(ptr) + 1:].split("/", 1)[0]) for k in form
                              if k.startswith(ptr + "/") and k[len(ptr) + 1:].split("/", 1)[0]
                              .isdigit()})
            items = []
            for i in indexes:
                if f"{ptr}/{i}" in removed:
                    continue
                item = _parse_object(form, f.children, f"{ptr}/{i}", removed)
                if item:
                    if "id" in {c.name for c in f.children} and "id" not in item and \
                            item.get("name"):
                        item = {"id": _unique(slug(item["name"])[:120].strip("-") or "x",
                                              items), **item}
                    items.append(item)
            if items:
                out[f.name] = items
        else:
            value = _scalar(f, str(form.get(ptr, "")))
            if value is not None:
                out[f.name] = value
    return out


def _unique(key: str, items: list[dict]) -> str:
    taken = {i.get("id") for i in items}
    n, candidate = 2, key
    while candidate in taken:
        candidate, n = f"{key}-{n}", n + 1
    return candidate


def parse(form: Mapping[str, str], fields: list[Field], *,
          removed: set[str] | None = None, added: set[str] | None = None) -> dict:
    """The record a submitted form describes (empty controls left out).

    ``removed``: pointers of list items to drop (``/people/2``); ``added``: pointers of lists
    that get one empty item (``/quotes``), shown as empty controls to fill in.
    """
    record = _parse_object(form, fields, "", removed or set())
    for ptr in sorted(added or ()):
        parts = ptr.strip("/").split("/")
        node = record
        for p in parts[:-1]:
            node = node.setdefault(p, {})
        node.setdefault(parts[-1], []).append({})
    return record


# --------------------------------------------------------------------------- record → values
def value_at(record, pointer: str):
    """The value at JSON Pointer ``pointer`` in ``record`` (``None`` when absent).

    >>> value_at({"people": [{"name": "A"}]}, "/people/0/name")
    'A'
    """
    node = record
    for part in [p for p in pointer.split("/") if p != ""]:
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return None
    return node


def shown(value) -> str:
    """How a value appears in its control (lists joined by ``; ``)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return f"{SEP} ".join(str(v) for v in value)
    return str(value)


def pointers(fields: list[Field], record: dict, prefix: str = "") -> set[str]:
    """Every pointer the form shows a control or a group for (notes elsewhere go on top)."""
    out = set()
    for f in fields:
        ptr = f"{prefix}/{f.name}"
        out.add(ptr)
        if f.widget == "object":
            out |= pointers(f.children, record, ptr)
        elif f.widget == "objects":
            for i in range(len(value_at(record, ptr) or [])):
                out.add(f"{ptr}/{i}")
                out |= pointers(f.children, record, f"{ptr}/{i}")
    return out
