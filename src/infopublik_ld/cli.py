"""The ``infopublik-ld`` command: one click group; each command calls one library function."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .errors import InfopublikError

LANGS = click.Choice(["id", "en"])


class _Group(click.Group):
    """Turn :class:`InfopublikError` into one clear line on stderr and its exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except InfopublikError as exc:
            lang = (ctx.obj or {}).get("lang", "id")
            click.echo(f"error: {exc.message(lang)}" if lang == "en"
                       else f"galat: {exc.message(lang)}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="infopublik-ld")
@click.option("--data", "data", type=click.Path(file_okay=False, path_type=Path),
              envvar="INFOPUBLIK_DATA", help="Data directory (default: current directory; "
              "env INFOPUBLIK_DATA).")
@click.option("--lang", type=LANGS, envvar="INFOPUBLIK_LANG", default="id", show_default=True,
              help="Language of messages: id (Bahasa Indonesia) or en (English).")
@click.pass_context
def main(ctx: click.Context, data: Path | None, lang: str) -> None:
    """infopublik-ld: publish government press releases as linked open data.

    Ubah siaran pers pemerintah menjadi data terbuka tertaut (RDF), validasi dengan SHACL,
    terbitkan, dan layani.
    """
    ctx.ensure_object(dict)
    ctx.obj.update(data=data, lang=lang)


def _settings(ctx: click.Context, **overrides):
    from .config import load_settings

    return load_settings(ctx.obj.get("data"), **overrides)


def _say(ctx: click.Context, id_text: str, en_text: str, *, err: bool = True) -> None:
    click.echo(id_text if ctx.obj.get("lang") == "id" else en_text, err=err)


# --------------------------------------------------------------------------- convert
@main.command()
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write RDF here instead of standard output.")
@click.option("--format", "fmt", default="turtle", show_default=True,
              type=click.Choice(["turtle", "nquads", "trig", "jsonld", "ntriples"]),
              help="RDF syntax; nquads, trig and jsonld keep one named graph per release.")
@click.option("--base", "base_iri", help="Base IRI of minted IRIs (setting base_iri).")
@click.pass_context
def convert(ctx, files, output, fmt, base_iri):
    """Convert records (.json, .jsonl) or release text (.txt, .html) to RDF.

    Prints the RDF of each release with its provenance; SHACL violations and warnings go to
    standard error (convert does not refuse: publish does). Exit code 2 on unusable input.
    """
    from .convert import convert_files

    settings = _settings(ctx, base_iri=base_iri)
    result = convert_files(files, settings, fmt)
    for line in result.messages(ctx.obj["lang"]):
        click.echo(line, err=True)
    if output:
        output.write_bytes(result.data)
    else:
        sys.stdout.buffer.write(result.data)
        sys.stdout.flush()


# --------------------------------------------------------------------------- extract
@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the record draft here (JSON) instead of standard output.")
@click.option("--format", "fmt", type=click.Choice(["record", "json"]), default="record",
              show_default=True, help="record: the record draft, warnings on stderr; "
              "json: {record, warnings, missing} on stdout.")
@click.pass_context
def extract(ctx, file, output, fmt):
    """Extract a record draft from a press release (.txt or saved .html page).

    Prints a record that passes the JSON Schema apart from required fields the text does not
    state (listed as missing), with a warning for everything guessed or not found. Review it,
    complete it, then `publish` it. Exit code 2 on unusable input (empty, binary, too large).
    """
    from .records.extract import extract_file

    extraction = extract_file(file)
    lang = ctx.obj["lang"]
    if fmt == "json":
        text = json.dumps(extraction.to_json(), ensure_ascii=False, indent=2)
    else:
        text = json.dumps(extraction.record, ensure_ascii=False, indent=2)
        for w in extraction.warnings:
            click.echo(f"{file}: {w.field}: {w.message_id if lang == 'id' else w.message_en}",
                       err=True)
        for name in extraction.missing:
            _say(ctx, f"{file}: /{name}: wajib diisi petugas sebelum publish",
                 f"{file}: /{name}: must be completed by the officer before publish")
    if output:
        output.write_text(text + "\n", encoding="utf-8")
    else:
        click.echo(text)


# --------------------------------------------------------------------------- validate
@main.command()
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Report as readable text or as JSON.")
@click.option("--base", "base_iri", help="Base IRI of minted IRIs (setting base_iri).")
@click.pass_context
def validate(ctx, files, fmt, base_iri):
    """Validate records, release text or RDF files against the SHACL shapes.

    Exit code 0 when everything conforms (warnings allowed), 1 on violations, 2 on input
    that cannot be used (not JSON, not RDF, schema errors...).
    """
    from .convert import validate_files

    settings = _settings(ctx, base_iri=base_iri)
    outcome = validate_files(files, settings)
    if fmt == "json":
        click.echo(json.dumps(outcome.to_json(), ensure_ascii=False, indent=2))
    else:
        for line in outcome.lines(ctx.obj["lang"]):
            click.echo(line)
    ctx.exit(outcome.exit_code)
