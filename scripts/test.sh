#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it (.ci/run): install everything, start PostgreSQL,
# then ruff, import-linter and pytest. Extra arguments go to pytest (e.g. -x, -k name).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

if [ -f scripts/postgres.sh ]; then
  # Prints "export GONGKAI_TEST_POSTGRES_URL=…" once the server answers.
  eval "$(bash scripts/postgres.sh </dev/null)"
fi

echo "== ruff" >&2
.venv/bin/ruff check --quiet .
echo "== import-linter" >&2
.venv/bin/lint-imports --no-cache --no-logo >/dev/null || .venv/bin/lint-imports --no-cache --no-logo
echo "== pytest" >&2
.venv/bin/pytest -q "$@"
