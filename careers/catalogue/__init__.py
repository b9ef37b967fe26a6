"""The catalogue: documents in ``fixtures/`` <-> the database.

``schema`` (the document format), ``read`` (folder or in-memory texts), ``load`` (validate and
write, keeping staff edits), ``export`` (write documents back) and ``completeness`` (the bar a
published career must meet). The names below are the package's public API.
"""

from .export import export_careers, export_catalogue, export_vocabularies
from .load import LoadReport, import_documents, load_catalogue, load_documents
from .schema import ContentError, career_document, digest

__all__ = [
    "ContentError",
    "LoadReport",
    "career_document",
    "digest",
    "export_catalogue",
    "export_careers",
    "export_vocabularies",
    "import_documents",
    "load_catalogue",
    "load_documents",
]
