#!/usr/bin/env bash
# Set up (if needed) and build the sample corpus into output/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/kg build "${@:-../shared/corpus}" --out output
