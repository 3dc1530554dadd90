"""infopublik-ld: linked open data for Indonesian government communication."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("infopublik-ld")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+unknown"
