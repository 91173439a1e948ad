"""schemathesis against the API's own OpenAPI schema: no operation ever answers 5xx.

Every operation is called with data that fits the schema and with data that does not, both on
the example's real committee, period and items and on generated ones, with a real token of the
municipality's administrator (who may do everything, so the writes go deep). Examples are
bounded and derandomised, so that CI runs the same requests every time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error

from uppsikt.apps.api.tests.conftest import token_for
from uppsikt.apps.api.tests.test_matrix import MATRIX, operations
from uppsikt.domain.dataset import Dataset

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
EXAMPLES = 8  # per operation and kind of data


def known_parameters(method: str, path: str) -> dict[str, str]:
    """The path parameters of the operation's address in the permission matrix."""
    url = MATRIX[(method, path)][0]
    pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(path))
    match = re.fullmatch(pattern, url)
    assert match is not None, (path, url)
    return match.groupdict()


@pytest.fixture
def in_test_transaction() -> Iterator[None]:
    """Requests through the WSGI app keep the test's connection, as Django's test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.parametrize(("method", "path"), sorted(operations()))
def test_no_operation_answers_with_a_server_error(
    loaded: Dataset, in_test_transaction: None, method: str, path: str
) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    operation = schema[path][method.upper()]
    headers = {"Authorization": f"Bearer {token_for('admin')}"}
    real = known_parameters(method, path)
    cases = st.one_of(
        *(
            operation.as_strategy(generation_mode=mode, path_parameters=fixed)
            for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE)
            for fixed in (real, None)
        )
    )

    @given(case=cases)
    @settings(
        max_examples=EXAMPLES * 4,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def call(case: Any) -> None:
        response = case.call(headers=headers)
        case.validate_response(response, checks=[not_a_server_error])

    call()
