#!/bin/bash
# `npm test`'s pretest: on a fresh clone, installs what the tests need (Debian packages, then the npm
# packages). Idempotent, and a quick check when everything is there (as in CI after .ci/run's install).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-deps.sh
# npm writes node_modules/.package-lock.json on every install: older than the lock file means stale.
if [ ! -x node_modules/.bin/jest ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	echo "npm packages: installing (npm ci)"
	npm ci --no-audit --no-fund
fi
