"""Fuzzing from the app's own OpenAPI document, with a valid admin token.

No input may produce a 5xx, and every response must match what the document declares.
FUZZ_EXAMPLES sets the examples per operation (default small, to keep the suite quick).
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy import select

from auth.models import User
from main import app
from tests.conftest import bearer, make_user

schema = schemathesis.openapi.from_asgi("/openapi.json", app)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def fuzz_headers(session) -> dict[str, str]:
    # Schemathesis may request this once per operation within one test item: get or create.
    user = session.execute(select(User).where(User.username == "fuzz-admin")).scalar_one_or_none()
    return bearer(user or make_user(session, username="fuzz-admin", is_admin=True))


@schema.parametrize()
@settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "12")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_input_breaks_the_api_or_its_schema(case, fuzz_headers):
    case.call_and_validate(headers=fuzz_headers, checks=CHECKS)
