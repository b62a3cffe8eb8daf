"""Weekly cleanup of temp files."""

__trigger__ = "30 4 * * 1"
