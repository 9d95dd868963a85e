# Helpers for the CLI tests. Each test script is run by ctest as
#   bash tests/cli/<name>.sh FFI_LINT_BINARY SCRATCH_DIR
# and sources this file. Every check fails loudly with what it saw.
set -euo pipefail

FFI_LINT=${1:?usage: $0 FFI_LINT SCRATCH_DIR}
SCRATCH=${2:?usage: $0 FFI_LINT SCRATCH_DIR}
INPUTS=$(cd "$(dirname "${BASH_SOURCE[0]}")/inputs" && pwd)
rm -rf "$SCRATCH"
mkdir -p "$SCRATCH"
cd "$SCRATCH"
# An empty config here stops the upward search, so a .ffi-lint.yml above
# the build directory cannot change what the tests see.
: >.ffi-lint.yml

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# run_lint OUT_PREFIX ARGS...: runs ffi-lint, keeps stdout/stderr in
# OUT_PREFIX.out / OUT_PREFIX.err and the exit status in $status.
run_lint() {
  local prefix=$1
  shift
  set +e
  "$FFI_LINT" "$@" >"$prefix.out" 2>"$prefix.err"
  status=$?
  set -e
}

# expect_status CODE PREFIX ARGS...
expect_status() {
  local want=$1 prefix=$2
  shift 2
  run_lint "$prefix" "$@"
  if [ "$status" -ne "$want" ]; then
    echo "--- stdout" >&2; cat "$prefix.out" >&2
    echo "--- stderr" >&2; cat "$prefix.err" >&2
    fail "ffi-lint $* exited $status, expected $want"
  fi
  # Sanitizer reports must never pass as a "clean" error exit.
  if grep -q "Sanitizer\|runtime error:" "$prefix.err"; then
    cat "$prefix.err" >&2
    fail "sanitizer report from ffi-lint $*"
  fi
}

# expect_grep PATTERN FILE: extended regex must match.
expect_grep() {
  grep -Eq -- "$1" "$2" || { echo "--- $2" >&2; cat "$2" >&2; fail "'$1' not found in $2"; }
}

expect_no_grep() {
  if grep -Eq -- "$1" "$2"; then
    echo "--- $2" >&2; cat "$2" >&2
    fail "'$1' unexpectedly found in $2"
  fi
}

# The one error line a failing run prints: exactly one, at the top.
expect_single_error() {
  local count
  count=$(grep -c "^ffi-lint: error: " "$1" || true)
  [ "$count" -eq 1 ] || { cat "$1" >&2; fail "expected one 'ffi-lint: error:' line in $1, got $count"; }
  expect_grep "$2" "$1"
}
