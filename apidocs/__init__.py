"""The API's own documentation: the OpenAPI document and the pages that render it.

`openapi.py` makes the generated document tell the truth (every error an operation can answer,
as the problem+json the server sends; readable operation ids and schema names; declared input
aliases). `pages.py` serves Swagger UI at `/docs` and ReDoc at `/redoc` from files installed with
the `fastapi-offline` package and from `static/`, so both work with the network off, under a
Content-Security-Policy that allows nothing but this origin.
"""

from apidocs.openapi import ERROR_STATUSES, PROBLEM_SCHEMA, expected_errors, install_openapi, operation_id
from apidocs.pages import install_pages

__all__ = [
    "ERROR_STATUSES",
    "PROBLEM_SCHEMA",
    "expected_errors",
    "install_openapi",
    "install_pages",
    "operation_id",
]
