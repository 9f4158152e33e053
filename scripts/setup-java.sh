#!/usr/bin/env bash
# Install Debian's default-jre-headless for the OWL tests (HermiT and the OWL API, both inside
# owlready2's HermiT.jar), if no java is on PATH. Idempotent: a no-op when java exists.
set -euo pipefail
if command -v java >/dev/null; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends default-jre-headless >/dev/null
else
  echo "setup-java: install default-jre-headless (needs root), or run tests with KG_REQUIRE_JAVA=0" >&2
fi
