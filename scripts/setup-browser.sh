#!/usr/bin/env bash
# Install Debian's Chromium and CJK fonts for the page tests, if missing. Idempotent.
# The tests drive it through Playwright with executable_path=/usr/bin/chromium (no download).
set -euo pipefail
if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends chromium fonts-noto-cjk >/dev/null
else
  echo "setup-browser: install chromium and fonts-noto-cjk (needs root), or run tests with KG_REQUIRE_BROWSER=0" >&2
fi
