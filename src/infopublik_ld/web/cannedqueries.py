"""Canned queries: the ``.rq`` files of ``queries/`` with their metadata header.

A header is the run of ``# key: value`` comment lines at the top of the file (format in
``queries/README.md`` and docs/api.md)::

    # name: articles-by-agency
    # title.en: Articles by agency
    # param: agency iri required "Publishing organisation (IRI)" "Organisasi penerbit (IRI)"
    # example: agency={base}id/organization/...

Request arguments are validated here and turned into typed RDF terms (rdflib ``URIRef`` /
``Literal``); the store binds them with SEP-0007 substitutions, never by editing the text.

>>> p = parse_param('when date optional "Day" "Hari"', "x.rq", 3)
>>> p.name, p.type, p.required, p.description_en
('when', 'date', False, 'Day')
>>> p.convert("2019-09-04")
rdflib.term.Literal('2019-09-04', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#date'))
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from ..errors import ConfigError, QueryError
from ..resources import data_dir

TYPES = ("iri", "date", "string", "integer", "enum")
#: request arguments every canned query takes besides its own parameters
RESERVED = ("page", "per_page", "format")
DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_STRING = 200
MAX_IRI = 2000
# An absolute http(s) IRI in ASCII (RFC 3986; other characters percent-encoded, no IP-literal
# hosts): what Oxigraph accepts as a NamedNode, so a value that passes never fails later.
_PCT = "%[0-9A-Fa-f]{2}"
_CHAR = r"A-Za-z0-9\-._~!$&'()*+,;="
_PCHAR = rf"(?:[{_CHAR}:@]|{_PCT})"
IRI_PATTERN = (rf"^https?://(?:(?:[{_CHAR}:]|{_PCT})*@)?(?:[{_CHAR}]|{_PCT})+(?::[0-9]*)?"
               rf"(?:/{_PCHAR}*)*(?:\?(?:{_PCHAR}|[/?])*)?(?:#(?:{_PCHAR}|[/?])*)?$")
_IRI = re.compile(IRI_PATTERN)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INT = re.compile(r"^[+-]?\d{1,18}$")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_HEADER = re.compile(r"^#\s*([a-z][a-z.]*):\s?(.*)$")
_TAIL = re.compile(r"\b(LIMIT|OFFSET)\s+\d+\s*$", re.I)


def _bad(message_en: str, message_id: str, where: str) -> QueryError:
    return QueryError(message_en, message_id, where=where)


@dataclass(frozen=True)
class Param:
    """One parameter of a canned query, bound to the query variable of the same name."""

    name: str
    type: str
    required: bool = False
    default: str | None = None
    values: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    pattern: str | None = None
    description_en: str = ""
    description_id: str = ""

    def convert(self, raw: str) -> URIRef | Literal:
        """The RDF term for request value ``raw``; raises :class:`QueryError` naming the
        parameter when the value does not fit its type."""
        name = self.name
        if self.type == "iri":
            if len(raw) > MAX_IRI or not _IRI.fullmatch(raw):
                raise _bad(f"parameter {name!r}: {raw[:80]!r} is not an http(s) IRI",
                           f"parameter {name!r}: {raw[:80]!r} bukan IRI http(s)", name)
            return URIRef(raw)
        if self.type == "date":
            try:
                if not _DATE.match(raw):
                    raise ValueError(raw)
                dt.date.fromisoformat(raw)
            except ValueError:
                raise _bad(f"parameter {name!r}: {raw[:40]!r} is not a date (YYYY-MM-DD)",
                           f"parameter {name!r}: {raw[:40]!r} bukan tanggal (TTTT-BB-HH)",
                           name) from None
            return Literal(raw, datatype=XSD.date)
        if self.type == "integer":
            number = int(raw) if _INT.match(raw) else None
            if number is None or (self.minimum is not None and number < self.minimum) or \
                    (self.maximum is not None and number > self.maximum):
                span = f"{self.minimum if self.minimum is not None else '…'}–" \
                       f"{self.maximum if self.maximum is not None else '…'}"
                raise _bad(f"parameter {name!r}: {raw[:40]!r} is not an integer in {span}",
                           f"parameter {name!r}: {raw[:40]!r} bukan bilangan bulat {span}", name)
            return Literal(number, datatype=XSD.integer)
        if self.type == "enum":
            if raw not in self.values:
                raise _bad(f"parameter {name!r}: {raw[:40]!r} is not one of "
                           f"{', '.join(self.values)}",
                           f"parameter {name!r}: {raw[:40]!r} bukan salah satu dari "
                           f"{', '.join(self.values)}", name)
            return Literal(raw)
        if not 0 < len(raw) <= MAX_STRING or (self.pattern and not re.search(self.pattern, raw)):
            rule = f"matching {self.pattern}" if self.pattern else f"of 1–{MAX_STRING} characters"
            raise _bad(f"parameter {name!r}: {raw[:40]!r} is not a text {rule}",
                       f"parameter {name!r}: {raw[:40]!r} bukan teks {rule}", name)
        return Literal(raw)

    def schema(self) -> dict:
        """The JSON Schema (OpenAPI 3.0 subset) of the parameter's value."""
        if self.type == "iri":
            out = {"type": "string", "pattern": IRI_PATTERN, "maxLength": MAX_IRI}
        elif self.type == "date":
            out = {"type": "string", "format": "date"}
        elif self.type == "integer":
            out = {"type": "integer"}
            if self.minimum is not None:
                out["minimum"] = self.minimum
            if self.maximum is not None:
                out["maximum"] = self.maximum
        elif self.type == "enum":
            out = {"type": "string", "enum": list(self.values)}
        else:
            out = {"type": "string", "minLength": 1, "maxLength": MAX_STRING}
            if self.pattern:
                out["pattern"] = self.pattern
        if self.default is not None:
            out["default"] = int(self.default) if self.type == "integer" else self.default
        return out


@dataclass(frozen=True)
class CannedQuery:
    """A parsed ``.rq`` file."""

    name: str
    sparql: str
    title_en: str
    title_id: str
    description_en: str
    description_id: str
    params: tuple[Param, ...]
    #: the result columns (query variables), in order; other projected variables are dropped
    columns: tuple[str, ...] = ()
    #: parameter → example value (``{base}`` not yet replaced)
    examples: dict[str, str] = field(default_factory=dict)
    #: ``sparql`` (rows from the query) or ``fts`` (rows from the full-text index)
    source: str = "sparql"
    path: Path | None = None

    def param(self, name: str) -> Param | None:
        """The parameter called ``name``, or ``None``."""
        return next((p for p in self.params if p.name == name), None)

    def example_args(self, base: str) -> dict[str, str]:
        """The example call's arguments with ``{base}`` replaced by the instance's base IRI."""
        return {k: v.replace("{base}", base) for k, v in self.examples.items()}

    def bind(self, args: Mapping[str, str]) -> dict[str, URIRef | Literal]:
        """Validate request arguments ``args`` and return the typed values to substitute.

        Raises :class:`QueryError` (400) naming the
        parameter for an unknown, missing or ill-typed one.
        """
        for key in args:
            if key not in RESERVED and self.param(key) is None:
                known = ", ".join([p.name for p in self.params] + list(RESERVED))
                raise _bad(f"unknown parameter {key!r} for query {self.name!r} (known: {known})",
                           f"parameter {key!r} tidak dikenal untuk kueri {self.name!r} "
                           f"(yang dikenal: {known})", key)
        bound: dict[str, URIRef | Literal] = {}
        for p in self.params:
            raw = args.get(p.name, p.default)
            if raw is None:
                if p.required:
                    raise _bad(f"parameter {p.name!r} is required ({p.description_en})",
                               f"parameter {p.name!r} wajib diisi ({p.description_id})", p.name)
                continue
            bound[p.name] = p.convert(raw)
        return bound


def last_page(max_offset: int) -> int:
    """The highest ``page`` served: every ``per_page`` up to the maximum stays within
    ``max_offset`` (the setting that bounds OFFSET for every query).

    >>> last_page(10000)
    101
    """
    return max_offset // MAX_PER_PAGE + 1


def paging(args: Mapping[str, str], max_offset: int) -> tuple[int, int]:
    """``(page, per_page)`` from the request; raises :class:`QueryError` naming the argument.

    >>> paging({"page": "2"}, 10000)
    (2, 20)
    """
    values = {}
    for name, default, top in (("page", 1, last_page(max_offset)),
                               ("per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)):
        raw = args.get(name, str(default))
        number = int(raw) if _INT.match(raw) else 0
        if not 1 <= number <= top:
            en = id_ = ""
            if name == "page":
                en = " (setting `max_offset`); narrow the query with its parameters instead"
                id_ = " (setelan `max_offset`); persempit kueri dengan parameternya"
            raise _bad(f"{name} must be an integer 1–{top}, not {raw[:40]!r}{en}",
                       f"{name} harus bilangan bulat 1–{top}, bukan {raw[:40]!r}{id_}", name)
        values[name] = number
    return values["page"], values["per_page"]


def parse_param(spec: str, path: str, line: int) -> Param:
    """Parse the value of a ``# param:`` line; raises :class:`ConfigError` naming file:line."""
    where = f"{path}:{line}"
    try:
        words = shlex.split(spec, posix=True)
    except ValueError as exc:
        raise ConfigError(f"{where}: bad param line ({exc})", where=where) from None
    if len(words) < 2 or not _NAME.match(words[0]) or words[1] not in TYPES:
        raise ConfigError(f"{where}: a param line is `NAME TYPE [options] \"en\" \"id\"` with "
                          f"TYPE one of {', '.join(TYPES)}", where=where)
    opts: dict = {"name": words[0], "type": words[1]}
    texts = []
    for word in words[2:]:
        key, eq, value = word.partition("=")
        if word in ("required", "optional"):
            opts["required"] = word == "required"
        elif eq and key == "default":
            opts["default"] = value
        elif eq and key == "values":
            opts["values"] = tuple(v for v in value.split(",") if v)
        elif eq and key in ("min", "max"):
            opts["minimum" if key == "min" else "maximum"] = int(value)
        elif eq and key == "pattern":
            re.compile(value)
            opts["pattern"] = value
        else:
            texts.append(word)
    if opts["name"] in RESERVED:
        raise ConfigError(f"{where}: {opts['name']!r} is reserved", where=where)
    if opts["type"] == "enum" and not opts.get("values"):
        raise ConfigError(f"{where}: an enum param needs values=A,B,C", where=where)
    opts["description_en"] = texts[0] if texts else ""
    opts["description_id"] = texts[1] if len(texts) > 1 else opts["description_en"]
    return Param(**opts)


def parse_query(path: Path) -> CannedQuery:
    """Parse one ``.rq`` file; raises :class:`ConfigError` naming file and line."""
    text = path.read_text(encoding="utf-8")
    head: dict[str, str] = {}
    params: list[Param] = []
    examples: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        match = _HEADER.match(line)
        if not line.startswith("#"):
            break
        if not match:
            continue  # a plain comment
        key, value = match.group(1), match.group(2).strip()
        if key == "param":
            params.append(parse_param(value, path.name, number))
        elif key == "example":
            name, _, example = value.partition("=")
            examples[name.strip()] = example.strip()
        else:
            head[key] = value
    name = head.get("name", "")
    if not _NAME.match(name.replace("-", "_")) or name != path.stem:
        raise ConfigError(f"{path.name}: `# name:` must be the file name without .rq "
                          f"(got {name!r})", where=path.name)
    if _TAIL.search(text) or not re.search(r"\bORDER\s+BY\b", text, re.I):
        raise ConfigError(f"{path.name}: a canned query needs ORDER BY and no LIMIT/OFFSET "
                          "(the API pages it)", where=path.name)
    for p in examples:
        if not any(q.name == p for q in params):
            raise ConfigError(f"{path.name}: example for unknown param {p!r}", where=path.name)
    columns = tuple(head.get("columns", "").split())
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    projection = re.search(r"\bSELECT\b(.*?)\bWHERE\b", body, re.I | re.S)
    projected = set(re.findall(r"[?$](\w+)", projection.group(1))) if projection else set()
    # the fts source binds ?graph per hit; its parameters go to the full-text index
    needed = ["graph"] if head.get("source") == "fts" else [p.name for p in params]
    for var in needed:
        # Oxigraph binds substitutions by joining at the projection, so every parameter must
        # be projected; and it folds BOUND(?p) to false for a variable no pattern binds, so a
        # query tests an optional parameter with COALESCE(?p, "") instead.
        if var not in projected:
            raise ConfigError(f"{path.name}: ?{var} must be in the SELECT projection",
                              where=path.name)
        if re.search(rf"BOUND\s*\(\s*[?$]{var}\b", body, re.I):
            raise ConfigError(f"{path.name}: do not test BOUND(?{var}) (a parameter): use "
                              f"COALESCE(?{var}, \"\") = \"\"", where=path.name)
    if not columns:
        raise ConfigError(f"{path.name}: `# columns:` lists the result columns", where=path.name)
    return CannedQuery(
        name=name, sparql=text, title_en=head.get("title.en", name),
        title_id=head.get("title.id", head.get("title.en", name)),
        description_en=head.get("description.en", ""),
        description_id=head.get("description.id", head.get("description.en", "")),
        params=tuple(params), columns=columns, examples=examples,
        source=head.get("source", "sparql"), path=path)


@cache
def load_queries(directory: Path | None = None) -> dict[str, CannedQuery]:
    """Every canned query of ``directory`` (default: the shipped ``queries/``) by name."""
    folder = directory or data_dir("queries")
    return {q.name: q for q in map(parse_query, sorted(folder.glob("*.rq")))}


@dataclass(frozen=True)
class Example:
    """A plain SPARQL example for the query page."""

    name: str
    title_en: str
    title_id: str
    sparql: str


@cache
def load_examples(directory: Path | None = None) -> tuple[Example, ...]:
    """The example queries of ``queries/examples/`` in file-name order."""
    folder = directory or data_dir("queries") / "examples"
    out = []
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        head = dict(m.groups() for m in map(_HEADER.match, text.splitlines()) if m)
        body = "\n".join(line for line in text.splitlines()
                         if not _HEADER.match(line)).strip() + "\n"
        out.append(Example(path.stem, head.get("title.en", path.stem).strip(),
                           head.get("title.id", path.stem).strip(), body))
    return tuple(out)
