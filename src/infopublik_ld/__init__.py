"""infopublik-ld: linked open data for Indonesian government communication."""

#: the release; pyproject.toml reads it from here (hatch's version source), so that no command
#: pays for importlib.metadata (~35 ms of each `infopublik-ld` start) to learn it
__version__ = "0.1.0"
