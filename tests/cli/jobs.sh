# Parallelism does not change the result: -j1 and -j2 give identical output
# in every format, and directory walks are deterministic.
. "$(dirname "$0")/lib.sh"
cp -r "$INPUTS/tree" "$INPUTS/unwind.cpp" "$INPUTS/clean.c" .

for format in text json sarif; do
  expect_status 1 "j1_$format" -q -j1 --format "$format" tree unwind.cpp clean.c
  expect_status 1 "j2_$format" -q -j2 --format "$format" tree unwind.cpp clean.c
  # SARIF/JSON may carry timings; compare everything else.
  python3 - "j1_$format.out" "j2_$format.out" "$format" <<'PY'
import json, sys
a, b, fmt = open(sys.argv[1]).read(), open(sys.argv[2]).read(), sys.argv[3]
def strip(doc):
    if isinstance(doc, dict):
        return {k: strip(v) for k, v in doc.items()
                if k not in ("seconds", "startTimeUtc", "endTimeUtc", "commandLine", "arguments")}
    if isinstance(doc, list):
        return [strip(v) for v in doc]
    return doc
if fmt != "text":
    a, b = json.dumps(strip(json.loads(a)), sort_keys=True), json.dumps(strip(json.loads(b)), sort_keys=True)
assert a == b, f"-j1 and -j2 differ for {fmt}"
PY
done
expect_grep '^tree/sub/b.cpp:' j1_text.out
expect_grep '^tree/sub/c.cc:' j1_text.out
expect_grep '^unwind.cpp:' j1_text.out
# Files come out in path order.
grep -Eo '^[^: ]+\.(c|cc|cpp):[0-9]+:' j1_text.out | cut -d: -f1 | uniq | sort -c ||
  fail "text output not sorted by path"

# Hidden directories are skipped; without a config, vendor/ is walked.
expect_no_grep 'hidden' j1_text.out
expect_grep '^tree/vendor/v.cpp:' j1_text.out
