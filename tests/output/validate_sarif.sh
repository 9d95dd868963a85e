#!/bin/sh
# Writes the fixture SARIF and validates it against the official SARIF 2.1.0
# schema. The schema (npm @microsoft/jest-sarif) and the validator (ajv) are
# installed into the build tree at test time, never committed.
# Exit 77 (ctest: skipped) only when npm or the registry is not reachable.
# usage: validate_sarif.sh TEST_BIN SRC_DIR WORK_DIR
set -eu
test_bin=$1 src_dir=$2 work=$3
here=$(cd "$(dirname "$0")" && pwd)
schema=$work/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json
mkdir -p "$work"

"$test_bin" emit-sarif "$src_dir" "$work/fixture.sarif"

if [ ! -f "$schema" ] || [ ! -d "$work/node_modules/ajv" ]; then
  if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
    echo "SKIP: node/npm not installed (scripts/setup installs them)"
    exit 77
  fi
  if ! npm install --prefix "$work" --no-save --no-audit --no-fund --ignore-scripts \
      @microsoft/jest-sarif@1.0.0-beta.0 ajv@6.12.6 >"$work/npm.log" 2>&1; then
    cat "$work/npm.log"
    if grep -qiE 'ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|network' "$work/npm.log"; then
      echo "SKIP: the npm registry is unreachable"
      exit 77
    fi
    echo "npm install failed" >&2
    exit 1
  fi
fi
NODE_PATH=$work/node_modules node "$here/validate_sarif.js" "$schema" "$work/fixture.sarif"
