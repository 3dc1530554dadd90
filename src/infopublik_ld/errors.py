"""Errors people read. Every message names what failed, shows the value, and names the fix.

Messages meant for data officers carry an Indonesian (``message_id``) and an English
(``message_en``) form; ``str(error)`` is the English one, ``error.message(lang)`` picks.
"""

from __future__ import annotations


class InfopublikError(Exception):
    """Base class of every error this package raises on purpose."""

    #: process exit code used by the CLI for this error
    exit_code = 2
    #: HTTP status used by the web layer for this error
    status = 400

    def __init__(self, message_en: str, message_id: str | None = None, *, where: str | None = None):
        super().__init__(message_en)
        self.message_en = message_en
        self.message_id = message_id or message_en
        #: the field (JSON pointer), line:column, or query clause the error is about
        self.where = where

    def message(self, lang: str = "id") -> str:
        """Return the message in ``lang`` (``id`` or ``en``), English for anything else."""
        return self.message_id if lang == "id" else self.message_en


class InputError(InfopublikError):
    """Input that cannot be used at all: not UTF-8, not JSON, empty, too large, wrong format."""


class RecordError(InputError):
    """A record that breaks the JSON Schema or holds an impossible value (e.g. 2019-02-30)."""


class RdfSyntaxError(InputError):
    """An RDF file that does not parse; ``where`` is ``line:column`` when known."""


class ValidationFailed(InfopublikError):
    """SHACL violations block publishing; the report is attached as ``report``."""

    exit_code = 1
    status = 422

    def __init__(self, message_en: str, message_id: str | None = None, *, report=None):
        super().__init__(message_en, message_id)
        self.report = report


class ConfigError(InfopublikError):
    """A setting with an invalid value, or a data directory that is missing or unusable."""


class StoreError(InfopublikError):
    """The store cannot be opened or written (locked by another process, disk full, ...)."""

    status = 500


class EngineUnavailable(StoreError):
    """The remote SPARQL engine cannot be reached (stopped, restarting, network)."""

    status = 503


class StoreLocked(StoreError):
    """Another process holds the store open for writing."""

    status = 503


class NotFound(InfopublikError):
    """No such release, resource or file."""

    status = 404


class Gone(InfopublikError):
    """The release was retracted; ``tombstone`` says when and why."""

    status = 410

    def __init__(self, message_en: str, message_id: str | None = None, *, tombstone=None):
        super().__init__(message_en, message_id)
        self.tombstone = tombstone


class QueryError(InfopublikError):
    """A SPARQL query that is malformed or refused by the SPARQL-lite policy."""


class QueryTimeout(InfopublikError):
    """A query that ran past the wall-clock limit."""

    status = 503
