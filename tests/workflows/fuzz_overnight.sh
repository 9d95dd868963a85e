# shellcheck shell=bash
# scripts/fuzz-overnight on the example cached-file loader (bugs found in
# seconds), with a budget of seconds: crashes reach the audit DB
# deduplicated, the corpus is minimised, the summary names the new crashes,
# and a second run resumes the queues instead of starting over.
source "$(dirname "$0")/lib.sh" "$@"
command -v afl-fuzz >/dev/null || skip "afl++ not installed"
build=$(cd "$BIN/.." && pwd)
[ -x "$build/bin/cache_loader_buggy-afl" ] || skip "no AFL++ build of cache_loader_buggy"
out=$SCRATCH/out
# Short hang limit: each replayed hang costs it twice.
export FL_FILES_TIMEOUT_MS=200
expect 0 night1.log "$ROOT/scripts/fuzz-overnight" --build "$build" --out "$out" --jobs 2 \
  --collect-every 0.05 --status-every 2 cache_loader_buggy 0.001
contains night1.log "2 instance(s) (main asan)"
contains night1.log " alive "                  # the periodic status line
contains "$out/summary.md" "## New crashes"
contains "$out/summary.md" "cache_loader_buggy"
new=$(awk -F'\t' '$3 == "new"' "$out/crashes.tsv" | wc -l)
all=$(wc -l <"$out/crashes.tsv")
[ "$new" -ge 1 ] || fail "no new crash imported ($out/crashes.tsv)"
# One DB row per crash state, however many inputs hit it.
stored=$(python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute(
    "SELECT count(*) FROM crashes WHERE target = ?", ("cache_loader_buggy",)).fetchone()[0])' "$out/audit.db")
[ "$stored" = "$new" ] || fail "$new new crashes in crashes.tsv but $stored rows in the DB"
echo "crash inputs: $all, new in the DB: $new"
[ -n "$(ls -A "$out/corpus")" ] || fail "no minimised corpus in $out/corpus"

# Resume: the same command continues every instance's queue.
expect 0 night2.log "$ROOT/scripts/fuzz-overnight" --build "$build" --out "$out" --jobs 1 \
  --collect-every 0.05 --status-every 2 --no-cmin cache_loader_buggy 0.0004
grep -q "session resume" "$out/logs/main.log" || { cat "$out/logs/main.log" >&2; fail "main did not resume"; }
# Crashes already in the DB are not new again.
stored_again=$(python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM crashes").fetchone()[0])' "$out/audit.db")
again=$(awk -F'\t' '$3 == "new"' "$out/crashes.tsv" | wc -l)
[ "$stored_again" = "$again" ] || fail "$again new crashes in crashes.tsv but $stored_again rows in the DB"
echo "PASS"
