"""The instance's own agency, the publisher of a release whose text names none."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Agency"]


@dataclass(frozen=True)
class Agency:
    """The agency of the settings ``agency_name`` and ``agency_region`` (a Kemendagri code)."""

    name: str
    region: str = ""

    @classmethod
    def from_settings(cls, settings: object) -> Agency | None:
        """The agency of a :class:`~infopublik_ld.config.Settings`, or None without a name."""
        name = (getattr(settings, "agency_name", "") or "").strip()
        return cls(name, getattr(settings, "agency_region", "") or "") if name else None
