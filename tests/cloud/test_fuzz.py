"""Schemathesis over /openapi.json: generated requests (valid and invalid) never get a 5xx, and
every response matches what the document promises (status code, content type, schema).

Operations are listed at collection time from the app's own document (building it needs no
database); the examples are generated at run time against the live server. Schemathesis's
pytest plugin does not work with this pytest, so hypothesis drives each operation directly.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from drift.cloud.app import create_app
from drift.cloud.settings import CloudSettings
from tests.cloud.conftest import CloudHarness

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES_PER_OPERATION = 20

_DOCUMENT = create_app(CloudSettings(database_url="unused")).openapi()
OPERATIONS = sorted(
    (method.upper(), path) for path, ops in _DOCUMENT["paths"].items() for method in ops
)


@pytest.fixture(scope="module")
def fuzz_target(cloud: CloudHarness) -> tuple[Any, dict[str, str]]:
    """The live schema, and an owner's credentials for a tenant the fuzzer may wreck."""
    t = cloud.tenant()
    cloud.add_member(t, "member")
    with cloud.client(t.owner.token) as c:
        team = c.post("/api/v1/teams", json={"name": "fuzz"}).json()["id"]
        project = c.post("/api/v1/projects", json={"name": "fuzz"}).json()["id"]
        c.post(f"/api/v1/teams/{team}/projects", json={"project_id": project})
    live = schemathesis.openapi.from_url(f"{cloud.base_url}/openapi.json")
    # The fuzzer acts from an address outside anything it can add to the allowlist by
    # chance only rarely; either way every answer must still conform.
    headers = {"Authorization": f"Bearer {t.owner.token}", "X-Forwarded-For": "10.0.0.1"}
    return live, headers


def test_the_document_lists_every_operation() -> None:
    assert len(OPERATIONS) >= 30
    assert ("GET", "/api/v1/teams") in OPERATIONS


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_operation_conforms_to_its_schema(
    method: str, path: str, fuzz_target: tuple[Any, dict[str, str]]
) -> None:
    live, headers = fuzz_target
    operation = live[path][method]
    calls = []

    # Valid inputs and deliberately invalid ones (wrong types, missing fields, bad formats).
    strategy = operation.as_strategy(GenerationMode.POSITIVE) | operation.as_strategy(
        GenerationMode.NEGATIVE
    )

    @given(case=strategy)
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    def run(case: Any) -> None:
        merged = {**headers, **(case.headers or {})}
        if "Authorization" in (case.headers or {}):
            merged["Authorization"] = headers["Authorization"]
        response = case.call_and_validate(headers=merged, checks=CHECKS)
        calls.append(response.status_code)

    run()
    assert calls, "no example was generated"
