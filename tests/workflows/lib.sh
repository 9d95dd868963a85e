# shellcheck shell=bash
# Helpers for the workflow smoke tests, run by ctest as
#   bash tests/workflows/<name>.sh BIN_DIR SCRATCH_DIR
set -euo pipefail
BIN=${1:?usage: $0 BIN_DIR SCRATCH_DIR}
SCRATCH=${2:?usage: $0 BIN_DIR SCRATCH_DIR}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
rm -rf "$SCRATCH"
mkdir -p "$SCRATCH"
cd "$SCRATCH"    # logs and copies stay in the scratch directory

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*" >&2; exit 77; }

# expect CODE LOG COMMAND...: runs COMMAND with stdout+stderr in LOG and
# fails (showing LOG) unless it exits CODE.
expect() {
  local want=$1 log=$2 status=0
  shift 2
  "$@" >"$log" 2>&1 || status=$?
  [ "$status" = "$want" ] || { cat "$log" >&2; fail "$* exited $status, expected $want"; }
}
# contains LOG TEXT: LOG has a line containing TEXT (fixed string).
contains() { grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "$1 lacks '$2'"; }; }

# A copy of the bundled example with its four known findings; an empty
# config stops the upward search for one above the scratch directory.
example_project() { # DIR
  cp -r "$ROOT/corpus/examples/mesh_capi" "$1"
  : >"$1/.ffi-lint.yml"
}
# A new check-free memcpy of a caller's length: one new unguarded-length finding.
add_new_finding() { # FILE
  cat >>"$1" <<'C'

void stream_copy_tag(const char *src, unsigned long n) {
  char tag[16];
  memcpy(tag, src, n);
  (void)tag;
}
C
}
