#!/usr/bin/env bash
# Runs every test: C++ through ctest, then Python (and browser) through pytest.
# Both always run, so both summaries are printed; the exit status fails if either failed.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
ctest --test-dir build --output-on-failure --parallel 2 || status=1
.venv/bin/python -m pytest tests/python -q -p no:cacheprovider || status=1
exit $status
