"""The OpenAPI document tells the truth, and /docs and /redoc work with the network off."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute

from api_server import create_app
from apidocs import expected_errors
from tests.conftest import client_for, make_settings

PROBLEM_REF = "#/components/schemas/Problem"


@pytest.fixture
def docs_app(tmp_path: Path) -> Any:
    return create_app(make_settings(f"sqlite+aiosqlite:///{tmp_path}/docs.db"))


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(method.upper(), path, op) for path, ops in document["paths"].items() for method, op in ops.items()]


def test_every_operation_declares_its_errors_as_problem_json(docs_app):
    document = docs_app.openapi()
    routes = {(m, r.path_format): r for r in docs_app.routes if isinstance(r, APIRoute) for m in r.methods}
    missing = []
    for method, path, op in _operations(document):
        route = routes[(method, path)]
        keyed = any(getattr(d.call, "__name__", "").startswith("require_") for d in route.dependant.dependencies)
        wanted = set(expected_errors(route))
        # Independently of expected_errors: what every operation of its kind must declare.
        if keyed:
            wanted |= {401, 403, 429, 503}
        if route.body_field or "requestBody" in op:
            wanted |= {413, 422}
        if route.body_field or "text/csv" in op.get("requestBody", {}).get("content", {}):
            wanted |= {415}
        if "{" in path and not path.startswith("/t/o/"):
            wanted |= {404}
        if method in ("POST", "PATCH", "DELETE") and (keyed or path == "/api/clay/webhook"):
            wanted |= {409}
        for status in sorted(wanted):
            response = op["responses"].get(str(status))
            if response is None:
                missing.append(f"{method} {path}: {status}")
                continue
            content = response["content"]
            assert list(content) == ["application/problem+json"], (method, path, status)
            schema = content["application/problem+json"]["schema"]["$ref"]
            assert schema.endswith("/ValidationProblem" if status == 422 else "/Problem")
            example = content["application/problem+json"]["example"]
            assert example["status"] == status and example["detail"]
    assert not missing, "operations missing error responses:\n" + "\n".join(missing)


def test_the_document_has_no_framework_leftovers(docs_app):
    document = docs_app.openapi()
    schemas = document["components"]["schemas"]
    assert "HTTPValidationError" not in schemas and "ValidationError" not in schemas
    assert not [name for name in schemas if "__" in name or name.startswith("Page_")], list(schemas)
    assert "CampaignReadPage" in schemas and "Problem" in schemas
    assert PROBLEM_REF in str(document)
    for _, _, op in _operations(document):
        for status, response in op["responses"].items():
            if status.startswith(("4", "5")):
                assert list(response["content"]) == ["application/problem+json"], (op["operationId"], status)
    ids = [op["operationId"] for _, _, op in _operations(document)]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z][A-Za-z]+", i) for i in ids), ids
    assert {"analyzeProspect", "createCampaign", "listCampaigns", "buildAgent", "cancelJob"} <= set(ids)


def test_accepted_aliases_are_declared(docs_app):
    prospect = docs_app.openapi()["components"]["schemas"]["ProspectData"]
    assert prospect["additionalProperties"] is False
    for alias, name in (("employees", "employee_count"), ("revenue", "annual_revenue_usd")):
        assert alias in prospect["properties"] and name in prospect["properties"]
        assert name in prospect["properties"][alias]["description"]


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.inline_scripts = 0
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for attr in ("src", "href", "spec-url", "data-spec-url"):
            if found.get(attr):
                self.refs.append(str(found[attr]))
        self._in_script = tag == "script" and not found.get("src")

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline_scripts += 1

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
async def test_docs_pages_load_only_local_assets(docs_app, page):
    async with client_for(docs_app) as client:
        r = await client.get(page)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
        csp = r.headers["content-security-policy"]
        assert "script-src 'self';" in csp and "connect-src 'self'" in csp and "http" not in csp
        parser = _Refs()
        parser.feed(r.text)
        assert parser.inline_scripts == 0
        assert parser.refs and all(ref.startswith("/") and not ref.startswith("//") for ref in parser.refs)
        assert "/openapi.json" in parser.refs
        for ref in parser.refs:
            asset = await client.get(ref)
            assert asset.status_code == 200, ref
            assert asset.content, ref
        scripts = [ref for ref in parser.refs if ref.endswith(".js")]
        assert scripts, page
        for ref in scripts:
            asset = await client.get(ref)
            assert asset.headers["content-type"].startswith(("text/javascript", "application/javascript"))
            assert asset.headers["x-content-type-options"] == "nosniff"
        # The renderers' own code, not an empty stand-in.
        bundle = "SwaggerUIBundle" if page == "/docs" else "Redoc"
        texts = [(await client.get(ref)).text for ref in scripts]
        assert any(bundle in text for text in texts)


async def test_openapi_json_is_served(docs_app):
    async with client_for(docs_app) as client:
        r = await client.get("/openapi.json")
    assert r.status_code == 200
    assert r.json()["paths"]["/api/prospects/analyze"]["post"]["operationId"] == "analyzeProspect"
