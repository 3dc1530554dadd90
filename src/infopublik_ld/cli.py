"""The ``infopublik-ld`` command: one click group; each command calls one library function."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .cli_help import HelpOption, LocalisedGroup
from .errors import InfopublikError

LANGS = click.Choice(["id", "en"])


def option(*decls, **attrs):
    """``click.option`` whose help follows the language setting (see cli_help)."""
    return click.option(*decls, cls=HelpOption, **attrs)


class _Group(LocalisedGroup):
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
@click.version_option(__version__, prog_name="infopublik-ld", cls=HelpOption)
@option("--data", "data", type=click.Path(file_okay=False, path_type=Path),
              envvar="INFOPUBLIK_DATA", help="Data directory (default: current directory; "
              "env INFOPUBLIK_DATA).")
@option("--lang", type=LANGS, envvar="INFOPUBLIK_LANG", default="id", show_default=True,
              is_eager=True, help="Language of messages: id (Bahasa Indonesia) or en (English).")
@click.pass_context
def main(ctx: click.Context, data: Path | None, lang: str) -> None:
    """infopublik-ld: publish government press releases as linked open data.

    Turn press releases into linked open data (RDF), validate them with SHACL, publish and
    serve them. Language of messages and help: --lang id (default) or --lang en (or
    INFOPUBLIK_LANG=en).
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
@option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write RDF here instead of standard output.")
@option("--format", "fmt", default="turtle", show_default=True,
              type=click.Choice(["turtle", "nquads", "trig", "jsonld", "ntriples"]),
              help="RDF syntax; nquads, trig and jsonld keep one named graph per release.")
@option("--base", "base_iri", help="Base IRI of minted IRIs (setting base_iri).")
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
@option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the record draft here (JSON) instead of standard output.")
@option("--format", "fmt", type=click.Choice(["record", "json"]), default="record",
              show_default=True, help="record: the record draft, warnings on stderr; "
              "json: {record, warnings, missing, provenance, text} on stdout (provenance: "
              "where each value was read in text, by which rule, how sure).")
@click.pass_context
def extract(ctx, file, output, fmt):
    """Extract a record draft from a press release (.txt or saved .html page).

    Prints a record that passes the JSON Schema apart from required fields the text does not
    state (listed as missing), with a warning for everything guessed or not found. Review it,
    complete it, then `publish` it. Exit code 2 on unusable input (empty, binary, too large).
    """
    from .records.extract import Agency, extract_file

    extraction = extract_file(file, Agency.from_settings(_settings(ctx)))
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
@option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Report as readable text or as JSON.")
@option("--base", "base_iri", help="Base IRI of minted IRIs (setting base_iri).")
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


# --------------------------------------------------------------------------- store (issue 4)
@main.command()
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@option("--base", "base_iri", help="Base IRI of this instance, e.g. "
              "https://data.example.go.id/ (setting base_iri).")
@option("--agency", "agency_name", help="Name of the publishing agency.")
@option("--region", "agency_region", help="Kemendagri code of the agency's region.")
@option("--email", "agency_email", help="Contact e-mail of the data officer.")
@option("--store", type=click.Choice(["oxigraph", "sparql"]),
              help="Store backend (default: embedded oxigraph).")
@click.pass_context
def init(ctx, directory, **values):
    """Create a data directory with a commented infopublik-ld.toml."""
    from .publishing import init_data_dir

    path = init_data_dir(directory or ctx.obj.get("data") or ".", **values)
    _say(ctx, f"dibuat: {path}", f"created: {path}", err=False)


def _progress_callback(ctx):
    """A progress bar with rate and ETA on a terminal, a plain line per 1000 otherwise."""
    if sys.stderr.isatty():
        state: dict = {}

        def on_tty(done: int, total: int | None) -> None:
            if "bar" not in state:
                state["bar"] = click.progressbar(length=total or 0, file=sys.stderr,
                                                 show_pos=True, show_eta=True, label="publish")
                state["bar"].__enter__()
            state["bar"].update(1)
            if done == total:
                state["bar"].__exit__(None, None, None)
        return on_tty

    def plain(done: int, total: int | None) -> None:
        if done % 1000 == 0 or done == total:
            click.echo(f"{done}/{total if total is not None else '?'}", err=True)
    return plain


@main.command()
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@option("--dry-run", is_flag=True, help="Validate only; write nothing.")
@option("--all-or-nothing", is_flag=True,
              help="Publish nothing if any release fails.")
@option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the JSON report (failures with reasons); default "
              "DATA/publish-report.json.")
@option("--workers", type=int, help="Worker processes (setting workers).")
@option("--no-dumps", is_flag=True, help="Do not write the new version's dumps now "
              "(the server writes them on first request, or run `infopublik-ld dumps`).")
@option("--wait-dumps", is_flag=True, help="Wait until the new version's dumps are written "
        "before returning.")
@click.pass_context
def publish(ctx, files, dry_run, all_or_nothing, report_path, workers, no_dumps, wait_dumps):
    """Publish records (.json, .jsonl, .csv), RDF files or release text (.txt, .html).

    Each release is mapped, SHACL-validated and written to its own named graph; unchanged
    releases are skipped. The data is queryable as soon as the new version commits; its
    dumps (N-Quads, Turtle, per-year slices) are then written in the background, only the
    years that changed rewritten (--wait-dumps: wait for them; --no-dumps: not now). Exit
    code 1 if any release failed (listed in the report).
    """
    from . import publishing

    settings = _settings(ctx)
    report_path = report_path or settings.data_dir / "publish-report.json"
    try:
        # the background dump writer removes old checkpoints (off the officer's time)
        result = publishing.publish(settings, files, dry_run=dry_run,
                                    all_or_nothing=all_or_nothing, report_path=report_path,
                                    progress=_progress_callback(ctx), workers=workers,
                                    tidy_checkpoints=no_dumps or wait_dumps)
    except KeyboardInterrupt:
        _say(ctx, "dihentikan: siaran yang sudah tertulis tetap utuh, muatan yang sedang "
             "berjalan dibatalkan. Terbitkan berkas yang sama lagi untuk menyelesaikannya "
             "(siaran yang tidak berubah dilewati).",
             "stopped: releases already written stay whole; the load in progress was undone. "
             "Publish the same files again to finish (unchanged releases are skipped).")
        ctx.exit(130)
    lang = ctx.obj["lang"]
    for line in failure_lines(result.failed, lang):
        click.echo(line, err=True)
    v = result.version
    if dry_run:
        _say(ctx, f"uji saja: {result.valid} sah, {len(result.failed)} gagal; tidak ada yang "
             f"ditulis; laporan: {report_path}",
             f"dry run: {result.valid} valid, {len(result.failed)} failed; nothing written; "
             f"report: {report_path}", err=False)
        ctx.exit(1 if result.failed else 0)
    _say(ctx,
         f"versi {v.number if v else '-'}: {len(result.added)} baru, {len(result.replaced)} "
         f"diganti, {result.unchanged} tetap, {len(result.failed)} gagal"
         + (" — tidak ada yang diterbitkan (--all-or-nothing)"
            if result.all_or_nothing_blocked else "") + f"; laporan: {report_path}",
         f"version {v.number if v else '-'}: {len(result.added)} added, {len(result.replaced)} "
         f"replaced, {result.unchanged} unchanged, {len(result.failed)} failed"
         + (" — nothing published (--all-or-nothing)" if result.all_or_nothing_blocked else "")
         + f"; report: {report_path}", err=False)
    if v is not None and not no_dumps:
        _write_dumps(ctx, settings, v.number, wait=wait_dumps)
    _skip_last_collection()
    ctx.exit(1 if result.failed else 0)


def _skip_last_collection() -> None:
    """Everything is written and closed: spare the interpreter's last garbage collection
    over every object of the run (the shapes graph, the mapping's; ~0.1–0.2 s of a
    one-release publish, measured) by moving them out of the collector's reach."""
    import gc

    gc.freeze()


def failure_lines(failed: list[dict], lang: str) -> list[str]:
    """One line per error of the failed releases, each naming where it is once (messages of
    unusable input start with their origin already)."""
    lines = []
    for f in failed:
        origin = f["origin"] or ""
        name = Path(origin.split(":")[0].split("#")[0]).name
        for e in f["errors"]:
            text = e["message"][lang]
            first = Path(text.split(" ", 1)[0].split(":")[0]).name
            lines.append(text if origin and (text.startswith(origin) or first == name)
                         else f"{origin}: {text}")
    return lines


def _write_dumps(ctx, settings, number: int, *, wait: bool = False) -> None:
    """Write the dumps of version ``number``: in a background process (``wait``: here) and
    say where they go."""
    from .dumps import dumps_dir, version_dir, write_dumps, write_dumps_later

    if not wait:
        write_dumps_later(settings, number)
        _say(ctx, f"dump versi {number} ditulis di latar belakang ke "
             f"{version_dir(settings, number)} (catatan: {dumps_dir(settings) / 'writer.log'});"
             " sampai selesai, /dumps/ dan katalog menunjuk dump lengkap sebelumnya",
             f"the dumps of version {number} are being written in the background to "
             f"{version_dir(settings, number)} (log: {dumps_dir(settings) / 'writer.log'}); "
             "until then /dumps/ and the catalogue point to the previous complete dumps")
        return
    _say(ctx, f"menulis dump versi {number}…", f"writing the dumps of version {number}…")
    manifest = write_dumps(settings, number)
    _say(ctx, f"dump: {version_dir(settings, number)} ({len(manifest.files)} berkas)",
         f"dumps: {version_dir(settings, number)} ({len(manifest.files)} files)")


@main.command()
@click.argument("key")
@option("--reason", required=True, help="Why the release is retracted (kept in the "
              "tombstone).")
@click.pass_context
def retract(ctx, key, reason):
    """Retract a published release: remove its graph and leave a tombstone (410 Gone)."""
    from . import publishing

    settings = _settings(ctx)
    info = publishing.retract(settings, key, reason)
    _say(ctx, f"ditarik: {key} (versi {info.number})", f"retracted: {key} (version "
         f"{info.number})", err=False)
    _write_dumps(ctx, settings, info.number)


@main.command()
@option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Readable text or JSON.")
@option("--last", type=int, default=5, show_default=True, help="Versions to list.")
@click.pass_context
def status(ctx, fmt, last):
    """Show the current dataset version, triple and release counts, and the last changes."""
    from . import publishing

    out = publishing.status(_settings(ctx), last)
    if fmt == "json":
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    v = out["version"]
    if v is None:
        _say(ctx, "belum ada yang diterbitkan", "nothing published yet", err=False)
        return
    _say(ctx, f"versi {v['number']} ({v['time']}): {v['releases']} siaran, {v['triples']} tripel",
         f"version {v['number']} ({v['time']}): {v['releases']} releases, {v['triples']} "
         "triples", err=False)
    for h in out["history"]:
        click.echo(f"  {h['number']:>5} {h['time']}  +{len(h['added'])} ~{len(h['replaced'])} "
                   f"-{len(h['retracted'])}" + (" (interrupted)" if h["interrupted"] else ""))


@main.command()
@click.pass_context
def reindex(ctx):
    """Rebuild the full-text index from the store."""
    from . import publishing

    n = publishing.reindex(_settings(ctx))
    _say(ctx, f"indeks teks dibangun ulang: {n} siaran", f"full-text index rebuilt: {n} "
         "releases", err=False)


@main.command()
@option("--host", help="Address to listen on (setting host; default 127.0.0.1).")
@option("--port", type=int, help="Port to listen on (setting port; default 8080; 0 = any "
              "free port).")
@option("--threads", type=int, help="Requests run at once per process (setting "
              "serve_threads).")
@option("--processes", type=int, help="Server processes sharing the socket (setting "
              "serve_processes; 0 = one per core).")
@option("--query-workers", type=int, help="SPARQL query worker processes (setting "
              "query_workers; 0 = one per core).")
@option("--query-time-limit", type=float, help="Seconds one query may run (setting "
              "query_time_limit).")
@click.pass_context
def serve(ctx, host, port, threads, processes, query_workers, query_time_limit):
    """Serve the published data over HTTP (SPARQL endpoint, API, pages).

    Reads published versions only; a new publish is picked up without a restart.
    """
    from .web.server import serve as run

    settings = _settings(ctx, host=host, port=port, serve_threads=threads,
                         serve_processes=processes, query_workers=query_workers,
                         query_time_limit=query_time_limit)

    def ready(h, p):
        h = f"[{h}]" if ":" in str(h) else h  # an IPv6 address in a URL
        _say(ctx, f"melayani http://{h}:{p}/ (Ctrl+C untuk berhenti)",
             f"serving http://{h}:{p}/ (Ctrl+C to stop)")

    run(settings, ready=ready)


# --------------------------------------------------------------------------- backup / restore
@main.command()
@click.argument("dest", type=click.Path(file_okay=False, path_type=Path))
@click.pass_context
def backup(ctx, dest):
    """Back up a running instance into the new folder DEST.

    A consistent copy of the newest published version: data and bookkeeping stores (Oxigraph's
    backup), full-text index, settings, bookkeeping files (accounts when there are any) and
    the last dumps. serve need not stop; a publish under way goes on (the backup holds the
    version before it).
    """
    from .backup import backup as run

    report = run(_settings(ctx), dest)
    _say(ctx, f"cadangan versi {report.version} ({report.releases} siaran, {report.triples} "
         f"tripel): {report.path} ({report.files} berkas, {report.bytes} bita)",
         f"backup of version {report.version} ({report.releases} releases, {report.triples} "
         f"triples): {report.path} ({report.files} files, {report.bytes} bytes)", err=False)


@main.command()
@click.argument("src", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.pass_context
def restore(ctx, src, directory):
    """Restore the backup SRC into the new data directory DIRECTORY, then check it.

    Checks the version, release and triple counts, every file's checksum and the dumps'
    checksums; on any difference nothing is left behind.
    """
    from .backup import restore as run

    report = run(src, directory)
    names = {"files": "berkas", "version": "versi", "releases": "siaran", "triples": "tripel",
             "quads in release graphs": "kuad di graf siaran", "full-text index":
             "indeks teks lengkap", "published version": "versi terbit"}
    for c in report.checks:
        name = names.get(c.name, c.name) if ctx.obj["lang"] == "id" else c.name
        click.echo(f"  ok  {name}: {c.found if len(c.found) < 20 else c.found[:16] + '…'}")
    _say(ctx, f"dipulihkan: versi {report.version}, {report.releases} siaran, "
         f"{report.triples} tripel di {report.path}"
         + ("; indeks teks dibangun ulang" if report.index_rebuilt else "")
         + f" — jalankan: infopublik-ld --data {report.path} serve",
         f"restored: version {report.version}, {report.releases} releases, {report.triples} "
         f"triples in {report.path}" + ("; full-text index rebuilt" if report.index_rebuilt
                                       else "")
         + f" — run: infopublik-ld --data {report.path} serve", err=False)


# --------------------------------------------------------------------------- dumps / harvest
@main.command()
@option("--version", "number", type=int, help="Dataset version (default: the current "
              "one).")
@click.pass_context
def dumps(ctx, number):
    """Write the dumps of a published version (N-Quads, Turtle, per-year Turtle; gzip).

    publish writes them in the background and the web server on first request; years whose
    releases did not change are reused from the previous dumps. Prints the manifest (file,
    size, SHA-256) as JSON.
    """
    from .dumps import write_dumps

    manifest = write_dumps(_settings(ctx), number)
    click.echo(json.dumps(manifest.to_json(), ensure_ascii=False, indent=1))


@main.command()
@click.argument("url")
@option("--full", is_flag=True, help="Take the full dump even if the change feed "
              "would do.")
@click.pass_context
def harvest(ctx, url, full):
    """Harvest another instance: URL is its DCAT catalogue (e.g. https://data.example.go.id/catalog).

    First run: downloads the full dump (checksum verified); later runs follow its change feed
    from where the last one stopped. Only URLs on the catalogue's origin are fetched. On any
    failure the local store is left as it was. Prints a JSON summary.
    """
    from .harvesting import harvest as run

    result = run(_settings(ctx), url, full=full)
    click.echo(json.dumps(result.to_json(), ensure_ascii=False))


# --------------------------------------------------------------------------- people, organizations
def _authority_group(kind: str, name: str, what_id: str, what_en: str) -> click.Group:
    """``infopublik-ld people|organizations list|show|merge|split``."""

    @main.group(name=name, cls=_Group,
                help=f"Curate the authority list of {what_en} (docs/identity.md).")
    def group():
        pass

    @group.command("list")
    @click.option("--name", help="Only entries with a name containing this text.")
    @click.option("--limit", type=int, default=100, show_default=True, help="Entries shown.")
    @click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
                  show_default=True, help="Readable text or JSON.")
    @click.pass_context
    def list_(ctx, name, limit, fmt):
        """List entries, most mentioned first (IRI, name, releases, merged into)."""
        from .identity.curation import list_entries

        rows = list_entries(_settings(ctx), kind, name=name, limit=limit)
        if fmt == "json":
            click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for r in rows:
            merged = f"  -> {r['merged_into']}" if r["merged_into"] else ""
            click.echo(f"{r['releases']:>6}  {r['iri']}  {r['name']}{merged}")

    @group.command("show")
    @click.argument("entry")
    @click.pass_context
    def show(ctx, entry):
        """Show one entry (key or IRI): names seen, offices with dates, releases, merges."""
        from .identity.curation import show_entry

        click.echo(json.dumps(show_entry(_settings(ctx), kind, entry), ensure_ascii=False,
                              indent=2))

    @group.command("merge")
    @click.argument("source")
    @click.argument("target")
    @click.pass_context
    def merge_(ctx, source, target):
        """Merge entry SOURCE into TARGET (keys or IRIs): SOURCE then answers 301 to TARGET
        and the data says owl:sameAs. Makes a new dataset version."""
        from .identity.curation import merge

        settings = _settings(ctx)
        info = merge(settings, kind, source, target)
        _say(ctx, f"{what_id} {source} digabung ke {target} (versi {info.number})",
             f"{what_en} {source} merged into {target} (version {info.number})", err=False)
        _write_dumps(ctx, settings, info.number)

    @group.command("split")
    @click.argument("entry")
    @click.option("--release", "release", required=True,
                  help="Key of the release whose mentions of ENTRY get an IRI of their own.")
    @click.pass_context
    def split_(ctx, entry, release):
        """Give the mentions of ENTRY in one release an IRI of their own (never one used for
        someone else). Makes a new dataset version."""
        from .identity.curation import split

        settings = _settings(ctx)
        iri, info = split(settings, kind, entry, release)
        _say(ctx, f"{release}: sebutan {entry} kini {iri} (versi {info.number})",
             f"{release}: the mentions of {entry} are now {iri} (version {info.number})",
             err=False)
        _write_dumps(ctx, settings, info.number)

    return group


people = _authority_group("person", "people", "orang", "people")
organizations = _authority_group("organization", "organizations", "organisasi",
                                 "organisations")


# --------------------------------------------------------------------------- migrate
@main.command()
@click.pass_context
def migrate(ctx):
    """Bring releases published by an earlier version to today's rules.

    Identity: people and organisations get their authority-list IRIs, regional and
    ministerial regulations without a known issuer become resources of this instance; old
    IRIs that no longer name anything answer 301 to the new ones (docs/identity.md).
    Provenance: releases whose provenance does not name the agency of the settings
    (`agency_name`: published before releases named it, or before it was changed) are
    attributed to it (docs/console.md). Each part that has something to do makes one new
    version (harvesters follow it like any other); nothing to do, nothing written.
    """
    from .identity.migrate import migrate as run
    from .rdf.reattribute import reattribute

    settings = _settings(ctx)
    result = run(settings)
    last = None
    if result.version is not None:
        last = result.version.number
        _say(ctx, f"versi {result.version.number}: {len(result.migrated)} siaran dimigrasi, "
             f"{len(result.redirects)} IRI lama dialihkan (301)",
             f"version {result.version.number}: {len(result.migrated)} releases migrated, "
             f"{len(result.redirects)} old IRIs redirected (301)", err=False)
    agency = reattribute(settings)
    if agency.version is not None:
        last = agency.version.number
        _say(ctx, f"versi {last}: provenans {len(agency.releases)} siaran kini menyebut "
             f"instansi {settings.agency_name.strip()!r}",
             f"version {last}: the provenance of {len(agency.releases)} releases now names "
             f"the agency {settings.agency_name.strip()!r}", err=False)
    if last is None:
        _say(ctx, "tidak ada yang perlu dimigrasi", "nothing to migrate", err=False)
        return
    _write_dumps(ctx, settings, last)


# --------------------------------------------------------------------------- user (issue 11)
@main.group()
def user():
    """Accounts of the officer console and the write API (kept in DATA/private, hashed)."""


def _book(ctx):
    from .console_accounts import Book
    from .store import require_initialised

    settings = _settings(ctx.find_root())
    require_initialised(settings)
    return Book(settings.data_dir)


@user.command("add")
@click.argument("name")
@option("--role", type=click.Choice(["officer", "admin"]), default="officer",
              show_default=True, help="officer: publish, replace, retract; admin: also "
              "manage accounts and read the audit trail.")
@click.pass_context
def user_add(ctx, name, role):
    """Create an account; the password is asked twice (never given on the command line)."""
    from .console_accounts import check_name, check_password

    book = _book(ctx)
    check_name(name, role)
    lang = ctx.find_root().obj["lang"]
    password = click.prompt("Kata sandi" if lang == "id" else "Password", hide_input=True,
                            confirmation_prompt=("Ulangi kata sandi" if lang == "id"
                                                 else "Repeat the password"),
                            err=True)
    check_password(password)
    made = book.add_user(name, role, password)
    _say(ctx.find_root(), f"akun dibuat: {made.name} ({made.role}); konsol: /kelola/",
         f"account created: {made.name} ({made.role}); console: /kelola/", err=False)


@user.command("list")
@option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Readable text or JSON.")
@click.pass_context
def user_list(ctx, fmt):
    """List the accounts (name, role, disabled, created)."""
    users = _book(ctx).users()
    if fmt == "json":
        click.echo(json.dumps([{"name": u.name, "role": u.role, "disabled": u.disabled,
                                "created": u.created} for u in users], indent=1))
        return
    for u in users:
        click.echo(f"{u.name}\t{u.role}\t{'disabled' if u.disabled else 'active'}\t{u.created}")


@user.command("disable")
@click.argument("name")
@click.pass_context
def user_disable(ctx, name):
    """Disable an account: its sessions end now and its API tokens stop working."""
    _book(ctx).disable(name)
    _say(ctx.find_root(), f"akun dinonaktifkan: {name}", f"account disabled: {name}", err=False)


@user.command("token")
@click.argument("name")
@click.pass_context
def user_token(ctx, name):
    """Make an API token for NAME (for `Authorization: Bearer …`); shown once, kept hashed."""
    token = _book(ctx).new_token(name)
    _say(ctx.find_root(), "token API (ditampilkan sekali ini saja, simpan baik-baik):",
         "API token (shown this once only, keep it safe):")
    click.echo(token)


@user.command("revoke")
@click.argument("name")
@click.pass_context
def user_revoke(ctx, name):
    """Revoke every API token of NAME."""
    n = _book(ctx).revoke(name)
    _say(ctx.find_root(), f"token dicabut: {n} ({name})", f"tokens revoked: {n} ({name})",
         err=False)


if __name__ == "__main__":  # `python -m infopublik_ld.cli`: the background dump writer
    main()
