#!/usr/bin/env bash
# kill -9 in the middle of a store leaves the database as it was: the
# store raises SIGKILL inside its transaction (FL_DB_TEST_STORE_HOOK=kill),
# after every finding was written and before COMMIT.
# Usage: kill_store.sh BIN_DIR TEST_DIR
set -euo pipefail
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/audit.db
"$bin/audit-gen" "$db" --findings 500 >/dev/null
before=$(sqlite3 "$db" "SELECT (SELECT count(*) FROM runs) || '/' || (SELECT count(*) FROM findings) || '/' || (SELECT count(*) FROM occurrences)")
set +e
FL_DB_TEST_STORE_HOOK=kill "$bin/audit-gen" "$db" --findings 800 --offset 400 >/dev/null 2>&1
code=$?
set -e
[ "$code" = 137 ] || { echo "FAIL: the store was not killed (exit $code)"; exit 1; }
after=$(sqlite3 "$db" "SELECT (SELECT count(*) FROM runs) || '/' || (SELECT count(*) FROM findings) || '/' || (SELECT count(*) FROM occurrences)")
[ "$before" = "$after" ] || { echo "FAIL: counts changed: $before -> $after"; exit 1; }
[ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ] || { echo "FAIL: integrity_check"; exit 1; }
# And the database still takes the next run.
"$bin/audit-gen" "$db" --findings 800 --offset 400 >/dev/null
[ "$(sqlite3 "$db" 'SELECT count(*) FROM runs')" = 2 ] || { echo "FAIL: next store"; exit 1; }
echo "kill_store: ok (runs/findings/occurrences $before before and after the kill)"
