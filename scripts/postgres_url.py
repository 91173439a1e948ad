"""Print the URL of a reachable PostgreSQL server for the test suite, or nothing.

The server is `UPPSIKT_TEST_POSTGRES_URL` when set, else this machine's default
`postgres://postgres@127.0.0.1:5432/test`. It counts as reachable when a connection
succeeds within two seconds; pytest-django then creates its own `test_…` database there.
"""

from __future__ import annotations

import os
import sys

import psycopg

DEFAULT = "postgres://postgres@127.0.0.1:5432/test"


def main() -> int:
    """Print the URL when the server answers."""
    url = os.environ.get("UPPSIKT_TEST_POSTGRES_URL", DEFAULT)
    try:
        with psycopg.connect(url, connect_timeout=2):
            pass
    except psycopg.Error:
        return 0
    sys.stdout.write(url + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
