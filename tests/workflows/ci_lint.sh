# shellcheck shell=bash
# scripts/ci-lint: the exit codes of the gate, the baseline, the SARIF and
# the plain progress line off a terminal.
source "$(dirname "$0")/lib.sh" "$@"
ci_lint=$ROOT/scripts/ci-lint
example_project "$SCRATCH/project"
cd "$SCRATCH/project"

# No baseline yet: the four known findings fail the gate, with a hint.
expect 1 no-baseline.log "$ci_lint" --bin "$BIN"
contains no-baseline.log "--update-baseline"
contains no-baseline.log "4 findings"
# Off a terminal ffi-lint prints plain status lines (FFI_LINT_PROGRESS).
contains no-baseline.log "ffi-lint: [2/2] parsing"
python3 - <<'PY' || fail "ffi-lint.sarif is not SARIF 2.1.0 with 4 results"
import json
sarif = json.load(open("ffi-lint.sarif"))
assert sarif["version"] == "2.1.0"
assert len(sarif["runs"][0]["results"]) == 4
PY

# Accept them; the gate passes on the unchanged tree.
expect 0 update.log "$ci_lint" --bin "$BIN" --update-baseline
[ -s .ffi-lint-baseline.json ] || fail "no baseline written"
expect 0 gate-pass.log "$ci_lint" --bin "$BIN"
contains gate-pass.log "no finding outside .ffi-lint-baseline.json"

# One new finding fails it, and is named.
add_new_finding stream.c
expect 1 gate-fail.log "$ci_lint" --bin "$BIN"
contains gate-fail.log "unguarded-length"
contains gate-fail.log "new: 1"
[ "$(ffi_runs=$("$BIN/ffi-audit" --db ffi-lint.db runs | grep -c ffi-lint); echo "$ffi_runs")" = 4 ] ||
  fail "expected 4 stored runs"

# Usage and tool errors are 2, never 1: CI must tell "bad build" from "bugs".
expect 2 bad-option.log "$ci_lint" --bin "$BIN" --frobnicate
expect 2 missing-path.log "$ci_lint" --bin "$BIN" no/such/dir
contains missing-path.log "no/such/dir"
expect 2 missing-db.log "$ci_lint" --bin "$BIN" -p no-such-build
expect 2 missing-tool.log "$ci_lint" --bin "$SCRATCH"
echo "PASS"
