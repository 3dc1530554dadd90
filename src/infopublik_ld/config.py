"""Settings: one table (name, default, help), a TOML file, ``INFOPUBLIK_*`` environment variables.

Precedence, lowest first: defaults → ``infopublik-ld.toml`` in the data directory →
environment (``INFOPUBLIK_BASE_IRI`` …) → explicit overrides (CLI options, tests).
The data directory is ``--data DIR``, else ``INFOPUBLIK_DATA``, else the current directory.
Every setting is documented in ``docs/settings.md``; a test checks the two agree.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .rdf.iris import check_base_iri

CONFIG_FILE = "infopublik-ld.toml"
ENV_PREFIX = "INFOPUBLIK_"


@dataclass(frozen=True)
class Setting:
    """One setting: name, default, type and one line of help."""

    name: str
    default: Any
    help: str

    @property
    def type(self) -> type:
        return type(self.default)


SETTINGS: tuple[Setting, ...] = (
    Setting("base_iri", "http://127.0.0.1:8080/",
            "Base of this instance's IRIs ({base}id/…, {base}doc/…); ends with '/'."),
    Setting("agency_name", "Dinas Komunikasi dan Informatika",
            "Name of the publishing agency: the catalogue's publisher and the agency each "
            "release's provenance names (after a change, run `infopublik-ld migrate`)."),
    Setting("agency_region", "", "Kemendagri code of the agency's region, e.g. '12.23'."),
    Setting("agency_email", "", "Contact e-mail of the data officer (catalogue contact point)."),
    Setting("agency_url", "", "Home page of the agency."),
    Setting("license", "https://creativecommons.org/licenses/by/4.0/",
            "Licence IRI of the published data (default CC BY 4.0)."),
    Setting("store", "oxigraph", "Store backend: 'oxigraph' (embedded, default) or 'sparql'."),
    Setting("store_path", "store", "Folder of the embedded store, relative to the data dir."),
    Setting("sparql_query_url", "", "Remote store: SPARQL 1.1 query endpoint URL."),
    Setting("sparql_update_url", "", "Remote store: SPARQL 1.1 update endpoint URL."),
    Setting("sparql_gsp_url", "", "Remote store: Graph Store Protocol endpoint URL."),
    Setting("sparql_user", "", "Remote store: user name (password in INFOPUBLIK_SPARQL_PASSWORD)."),
    Setting("sparql_password", "",
            "Remote store: password; set it in the environment, not in the file."),
    Setting("sparql_engine", "virtuoso",
            "Remote store: 'virtuoso', 'oxigraph' (Oxigraph server) or 'generic' (Fuseki, "
            "GraphDB, ...); decides how the public dataset excludes the bookkeeping."),
    Setting("sparql_meta_query_url", "",
            "Remote store: query URL of the bookkeeping dataset (engines without graph "
            "groups: a second dataset or server; empty = the data engine)."),
    Setting("sparql_meta_update_url", "", "Remote store: update URL of the bookkeeping dataset."),
    Setting("sparql_version_ttl", 1.0,
            "Remote store: seconds a web node reuses the current version number before "
            "asking the engine again (a publish shows within this time)."),
    Setting("max_input_bytes", 50 * 1024 * 1024, "Largest input file accepted, in bytes."),
    Setting("workers", 0, "Worker processes for mapping and validation (0 = one per core)."),
    Setting("commit_every", 20000,
            "Embedded store: most new releases `publish` streams into one load before it "
            "commits (a load also commits at ~950 000 triples, to bound memory). A crash "
            "loses at most the load in progress."),
    Setting("host", "127.0.0.1", "Address `serve` listens on."),
    Setting("port", 8080, "Port `serve` listens on."),
    Setting("query_time_limit", 10.0, "Wall-clock limit of one SPARQL query, in seconds."),
    Setting("row_cap", 10000, "Most result rows returned by one query."),
    Setting("max_query_bytes", 20000, "Longest SPARQL query accepted, in bytes."),
    Setting("max_offset", 10000, "Largest OFFSET accepted in a query."),
    Setting("max_regex_length", 500, "Longest regex pattern accepted in a query."),
    Setting("client_concurrency", 4, "Queries one client address may run at once."),
    Setting("cache_entries", 256, "Query results kept in the response cache."),
    Setting("query_workers", 0,
            "SPARQL query worker processes of `serve` (0 = one per core shared out among its "
            "processes, at least 2 each)."),
    Setting("serve_threads", 8,
            "Requests `serve` runs at once per process (its request threads)."),
    Setting("http_server", "h11",
            "HTTP server of `serve`: `h11` (one thread per connection, no hand-off between "
            "threads; the faster) or `waitress`."),
    Setting("serve_processes", 0,
            "Server processes of `serve` sharing its socket (0 = one per core)."),
    Setting("console_idle_minutes", 30,
            "Officer console: a session ends after this many minutes without a request."),
    Setting("console_max_upload_bytes", 10 * 1024 * 1024,
            "Officer console and write API: largest upload or request body accepted, in bytes."),
)
BY_NAME = {s.name: s for s in SETTINGS}


def _coerce(setting: Setting, value: Any, origin: str) -> Any:
    want = setting.type
    try:
        if want is bool and isinstance(value, str):
            return value.strip().lower() in ("1", "true", "yes", "on")
        return want(value)
    except (TypeError, ValueError):
        raise ConfigError(
            f"{origin}: setting {setting.name!r} must be a {want.__name__}, got {value!r}",
            f"{origin}: setelan {setting.name!r} harus bertipe {want.__name__}, bukan {value!r}",
            where=setting.name,
        ) from None


@dataclass(frozen=True)
class Settings:
    """The resolved settings of one data directory."""

    data_dir: Path
    values: dict

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "values":  # pickle/copy look these up first
            raise AttributeError(name)
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def config_file(self) -> Path:
        return self.data_dir / CONFIG_FILE

    @property
    def initialised(self) -> bool:
        """True when ``infopublik-ld init`` has run in the data directory."""
        return self.config_file.is_file()

    @property
    def store_dir(self) -> Path:
        return self.data_dir / self.values["store_path"]


def resolve_data_dir(data: str | os.PathLike | None = None) -> Path:
    """``--data``, else ``INFOPUBLIK_DATA``, else the current directory."""
    return Path(data or os.environ.get(ENV_PREFIX + "DATA") or ".").resolve()


def load_settings(data: str | os.PathLike | None = None, **overrides: Any) -> Settings:
    """Resolve the settings for data directory ``data``; raise :class:`ConfigError` if invalid.

    >>> load_settings("/nonexistent", base_iri="https://data.example.go.id/").base_iri
    'https://data.example.go.id/'
    """
    data_dir = resolve_data_dir(data)
    values = {s.name: s.default for s in SETTINGS}
    path = data_dir / CONFIG_FILE
    if path.is_file():
        try:
            loaded = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}",
                              f"{path}: TOML tidak sah: {exc}") from None
        for key, value in loaded.items():
            if key not in BY_NAME:
                raise ConfigError(
                    f"{path}: unknown setting {key!r} (see docs/settings.md)",
                    f"{path}: setelan {key!r} tidak dikenal (lihat docs/settings.md)",
                    where=key,
                )
            values[key] = _coerce(BY_NAME[key], value, str(path))
    for s in SETTINGS:
        env = os.environ.get(ENV_PREFIX + s.name.upper())
        if env is not None:
            values[s.name] = _coerce(s, env, f"${ENV_PREFIX}{s.name.upper()}")
    for key, value in overrides.items():
        if value is not None:
            if key not in BY_NAME:
                raise ConfigError(f"unknown setting {key!r}", f"setelan {key!r} tidak dikenal")
            values[key] = _coerce(BY_NAME[key], value, "option")
    check_base_iri(values["base_iri"])
    return Settings(data_dir, values)


def markdown() -> str:
    """The settings table as Markdown (``docs/settings.md``)."""
    lines = ["# Settings", "",
             "<!-- Generated from SETTINGS in src/infopublik_ld/config.py by",
             "     `python -m infopublik_ld.config`; tests/test_docs.py checks it. -->", "",
             f"Set them in `{CONFIG_FILE}` in the data directory (TOML, `name = value`) or as",
             f"environment variables `{ENV_PREFIX}NAME` (upper case), which win over the file.",
             "The data directory is `--data DIR`, else `INFOPUBLIK_DATA`, else the current one.",
             "", "| name | default | help |", "| --- | --- | --- |"]
    for s in SETTINGS:
        lines.append(f"| `{s.name}` | `{s.default!r}` | {s.help} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
