"""Exceptions shared by the core and the adapters."""


class CanceledError(Exception):
    """Raised (by a progress callback or a loop) when the user cancels."""
