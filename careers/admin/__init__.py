"""The admin, by concern. Importing the modules registers their admins."""

from . import career, rows, vocabulary  # noqa: F401
