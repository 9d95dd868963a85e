#!/usr/bin/env bash
# ffi-audit end to end: list / show / triage (single, bulk, dry run) /
# comment / diff and baseline exit codes / stats / runs / report / SARIF
# export and import / errors. Usage: cli.sh BIN_DIR TEST_DIR
set -euo pipefail
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export FFI_AUDIT_DB=$work/audit.db NO_COLOR=1 USER=ci-bot FL_AUDIT_NOW=1767312000
audit() { "$bin/ffi-audit" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
expect_exit() { # expect_exit CODE command...
  local want=$1; shift
  set +e; "$@" >"$work/out" 2>"$work/err"; local got=$?; set -e
  [ "$got" = "$want" ] || { cat "$work/out" "$work/err" >&2; fail "'$*' exited $got, expected $want"; }
}

# Every command has --help.
for cmd in list show triage comment diff baseline stats runs report export import-sarif; do
  audit "$cmd" --help | grep -q "usage: ffi-audit $cmd" || fail "$cmd --help"
done
audit --help | grep -q "exit codes" || fail "--help lists exit codes"

# A missing database is an error that names it, and is not created.
expect_exit 1 audit list
grep -q "audit.db: no audit database" "$work/err" || fail "missing DB message"
[ ! -e audit.db ] || fail "list created a database"

# Run 1: findings 0..39; run 2: 10..49 (10 resolved, 10 new).
"$bin/audit-gen" audit.db --findings 40 --offset 0 >/dev/null
"$bin/audit-gen" audit.db --findings 40 --offset 10 --time 1767312000 >/dev/null

audit list >list.txt
grep -q "^40 findings$" list.txt || fail "list counts the latest run"
head -1 list.txt | grep -q "^ID  *SEVERITY  *STATUS  *DETECTION  *RULE  *LOCATION  *SYMBOL  *MESSAGE$" || fail "table header"
grep -q $'\033' list.txt && fail "colour written to a non-terminal"
[ "$(audit list --new --json | jq length)" = 10 ] || fail "list --new"
[ "$(audit list --run 1 --json | jq length)" = 40 ] || fail "list --run 1"
[ "$(audit list --all --json | jq length)" = 50 ] || fail "list --all"
[ "$(audit list --rule unwind-across-ffi --json | jq length)" = 10 ] || fail "list --rule"
[ "$(audit list --file 'src/mod000/file000.c' --json | jq length)" = 40 ] || fail "list --file"
[ "$(audit list --severity high --json | jq '[.[] | select(.severity != "high")] | length')" = 0 ] || fail "list --severity"
expect_exit 1 audit list --severity urgent
grep -q "unknown severity 'urgent'" "$work/err" || fail "bad severity message"

# show by id and by fingerprint prefix.
fp=$(audit list --json | jq -r '.[0].fingerprint')
id=$(audit list --json | jq -r '.[0].id')
audit show "$id" | grep -q "^finding $id  $fp" || fail "show by id"
audit show "${fp:0:10}" | grep -q "^flow:" || fail "show by prefix has the flow"
audit show "$id" | grep -q "run 2: " || fail "show has detection history"
expect_exit 1 audit show ffffffffffff
grep -q "no finding" "$work/err" || fail "show of an unknown finding"

# Triage: one finding, then bulk with a dry run first.
audit triage "$id" --status confirmed --reason "reproduced" >/dev/null
audit show "$id" | grep -q "status: confirmed by ci-bot: reproduced" || fail "single triage"
expect_exit 1 audit triage "$id" --status false_positive
grep -q "needs --reason" "$work/err" || fail "reason required for false_positive"
expect_exit 1 audit triage --status confirmed
grep -q "which findings" "$work/err" || fail "bulk triage needs a filter"
audit triage --rule missing-keepalive --status false_positive --reason "pinned by caller" --dry-run >dry.txt
grep -q "^would triage 10 findings (dry run" dry.txt || fail "dry run count"
[ "$(audit list --status false_positive --json | jq length)" = 0 ] || fail "dry run changed something"
audit triage --rule missing-keepalive --status false_positive --reason "pinned by caller" | grep -q "triaged 10 findings (10 changed)" || fail "bulk triage"
[ "$(audit list --status false_positive --json | jq length)" = 10 ] || fail "bulk triage result"
audit triage --rule missing-keepalive --if-status false_positive --severity low --reason "test-only code" --author alice >/dev/null
audit list --rule missing-keepalive --json >keepalive.json
[ "$(jq '[.[] | select(.severity == "low")] | length' keepalive.json)" = 10 ] || fail "bulk severity override"
# Overrides only where the rule said otherwise; the reason is kept.
[ "$(jq '[.[] | select(.detected_severity != "low" and .severity_reason == "test-only code")] | length' keepalive.json)" = \
  "$(jq '[.[] | select(.detected_severity != "low")] | length' keepalive.json)" ] || fail "override reasons"
[ "$(jq '[.[] | select(.detected_severity == "low" and .severity_reason)] | length' keepalive.json)" = 0 ] || fail "no override when unchanged"
audit comment "$id" "fix in PR 12" --author bob | grep -q "comment added" || fail comment
audit show "$id" | grep -q "comment by bob: fix in PR 12" || fail "comment in history"

# Diff between runs: 10 new -> exit 2 (the gate); the reverse has none new.
expect_exit 2 audit diff 1 2
grep -q "^new: 10$" "$work/out" && grep -q "^resolved: 10$" "$work/out" && grep -q "^unresolved: 30$" "$work/out" || fail "diff counts"
# Reversed, run 1's first 10 findings are "new" (bulk triage above only
# touched findings of the latest run, so all 10 count for the gate).
expect_exit 2 audit diff 2 1 --json
[ "$(jq '.new | length' "$work/out")" = 10 ] && [ "$(jq '.gating' "$work/out")" = 10 ] || fail "diff --json"
expect_exit 0 audit diff 2 latest

# Baseline: exported from run 2, a run 3 with new findings fails the gate.
audit baseline export -o baseline.json | grep -q "wrote 40 fingerprints" || fail "baseline export"
[ "$(jq '.findings | length' baseline.json)" = 40 ] || fail "baseline file"
expect_exit 0 audit diff --baseline baseline.json
"$bin/audit-gen" audit.db --findings 40 --offset 12 --time 1767398400 >/dev/null
expect_exit 2 audit diff --baseline baseline.json
grep -q "^new: 2$" "$work/out" || fail "baseline diff new"
# Triaging the new ones as false positives passes the gate.
audit triage --new --status false_positive --reason "generated code" >/dev/null
expect_exit 0 audit diff --baseline baseline.json
echo '{"nope": 1}' >bad.json
expect_exit 1 audit diff --baseline bad.json
grep -q "bad.json: not an ffi-audit baseline" "$work/err" || fail "bad baseline message"

# stats and runs.
audit stats --json >stats.json
[ "$(jq .total stats.json)" = 40 ] || fail "stats total"
[ "$(jq '.rule | add' stats.json)" = 40 ] || fail "stats by rule"
[ "$(jq '.detection.new' stats.json)" = 2 ] || fail "stats by detection"
audit stats | grep -q "^by severity:" || fail "stats table"
[ "$(audit runs --json | jq length)" = 3 ] || fail runs

# Report to the default place and to stdout.
audit report --date 2026-01-03 | grep -q "wrote reports/audit.md" || fail "report default path"
grep -q "^# FFI boundary audit: synthetic" reports/audit.md || fail "report title"
grep -q '^```mermaid' reports/audit.md || fail "report charts"
audit report -o - >stdout.md
grep -q "^## Scope" stdout.md || fail "report to stdout"

# SARIF export: suppressions for false positives, valid shape.
audit export --sarif -o out.sarif
[ "$(jq -r '.version' out.sarif)" = 2.1.0 ] || fail "sarif version"
[ "$(jq '.runs[0].results | length' out.sarif)" = 40 ] || fail "sarif results"
[ "$(jq '[.runs[0].results[] | select(.suppressions[0].kind == "external")] | length' out.sarif)" -ge 10 ] || fail "sarif suppressions"
jq -e '.runs[0].results[] | select(.suppressions) | .suppressions[0].justification' out.sarif >/dev/null || fail "sarif justification"

# SARIF import: another tool's results become their own run.
cat >other.sarif <<'JSON'
{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "semgrep", "version": "1.0"}},
 "results": [{"ruleId": "c.strcpy", "level": "warning", "message": {"text": "strcpy"},
  "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/x.c"}, "region": {"startLine": 3}}}]}]}]}
JSON
audit import-sarif other.sarif | grep -q "imported 1 finding from 1 run" || fail "import-sarif"
[ "$(audit list --rule c.strcpy --json | jq -r '.[0].detection')" = new ] || fail "imported finding listed"
echo 'not json' >broken.sarif
expect_exit 1 audit import-sarif broken.sarif
grep -q "cannot read SARIF: .*broken.sarif:1:[0-9]*: " "$work/err" || fail "bad SARIF message"
mkfifo fifo.sarif
expect_exit 1 audit import-sarif fifo.sarif     # must not block on a FIFO
grep -q "fifo.sarif: not a regular file" "$work/err" || fail "FIFO SARIF message"

# A corrupt database: clear error, file untouched.
printf 'garbage, not sqlite\n' >corrupt.db
cp corrupt.db corrupt.orig
expect_exit 1 audit --db corrupt.db list
grep -q "corrupt.db: not an ffi-lint audit database" "$work/err" || fail "corrupt DB message"
cmp -s corrupt.db corrupt.orig || fail "corrupt DB modified"
echo "cli: ok"
