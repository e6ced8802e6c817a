"""leadcli: run a business leads group from one SQLite file."""

__version__ = "0.1.0"
