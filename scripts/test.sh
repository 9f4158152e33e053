#!/usr/bin/env bash
# Set up (if needed) and run the test suite, browser tests included.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
scripts/setup-browser.sh
scripts/setup-java.sh
export KG_REQUIRE_BROWSER=${KG_REQUIRE_BROWSER:-1}
export KG_REQUIRE_JAVA=${KG_REQUIRE_JAVA:-1}
exec .venv/bin/python -m pytest -q "$@"
