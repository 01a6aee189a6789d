"""Exceptions shared by the core and the adapters.

Everything a user can cause (a file, row, field, key or parameter that is
wrong) raises a :class:`UserError`, whose message names what is wrong and
what to do; the algorithms show it as it is. Any other exception is a
defect of the plugin and is reported as one, never as bad input."""


class UserError(ValueError):
    """Bad input that the user can fix; the message says where and how.
    (A ValueError, so that scripts catching ValueError keep working.)"""


class CanceledError(Exception):
    """Raised (by a progress callback or a loop) when the user cancels."""
