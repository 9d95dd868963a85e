#!/usr/bin/env bash
# Two writers at once (two `ffi-lint --db` jobs): the second waits in the
# busy timeout while the first holds the write lock, and both runs land.
# The first store sleeps inside its transaction (FL_DB_TEST_STORE_HOOK).
# Usage: concurrency.sh BIN_DIR TEST_DIR
set -euo pipefail
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/audit.db
# Both start on a database that does not exist yet: creation races too.
FL_DB_TEST_STORE_HOOK=sleep:1500 "$bin/audit-gen" "$db" --findings 300 --root /a >"$work/a.out" 2>&1 &
first=$!
sleep 0.3
FL_DB_TEST_STORE_HOOK=sleep:200 "$bin/audit-gen" "$db" --findings 300 --offset 100 --root /b >"$work/b.out" 2>&1 &
second=$!
status=0
wait $first || { echo "FAIL: first writer failed:"; cat "$work/a.out"; status=1; }
wait $second || { echo "FAIL: second writer failed:"; cat "$work/b.out"; status=1; }
[ $status = 0 ] || exit 1
runs=$("$bin/ffi-audit" --db "$db" runs --json | jq length)
[ "$runs" = 2 ] || { echo "FAIL: expected 2 runs, found $runs"; exit 1; }
findings=$("$bin/ffi-audit" --db "$db" list --all --json | jq length)
[ "$findings" = 400 ] || { echo "FAIL: expected 400 findings, found $findings"; exit 1; }
echo "concurrency: ok ($(cat "$work/a.out"); $(cat "$work/b.out"))"
