# Each output format is complete and valid for the same finding.
. "$(dirname "$0")/lib.sh"
cp "$INPUTS/unwind.cpp" .

expect_status 1 text unwind.cpp
expect_grep '^unwind.cpp:[0-9]+:[0-9]+: (warning|error): .*\[unwind-across-ffi\]' text.out
expect_grep '\^' text.out   # the caret under the source excerpt

expect_status 1 json --format json unwind.cpp
python3 - json.out <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
text = json.dumps(doc)
assert "unwind-across-ffi" in text, "rule id missing from JSON"
assert "unwind.cpp" in text, "file missing from JSON"
PY

expect_status 1 sarif --format=sarif -o report.sarif unwind.cpp
[ ! -s sarif.out ] || fail "-o FILE still wrote to stdout"
python3 - report.sarif <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["version"] == "2.1.0", doc.get("version")
run = doc["runs"][0]
assert run["tool"]["driver"]["name"] == "ffi-lint"
rules = {r["id"] for r in run["tool"]["driver"]["rules"]}
assert "unwind-across-ffi" in rules, rules
results = run["results"]
assert results and results[0]["ruleId"] == "unwind-across-ffi", results
loc = results[0]["locations"][0]["physicalLocation"]
assert loc["artifactLocation"]["uri"] == "unwind.cpp", loc
assert loc["region"]["startLine"] >= 1
assert results[0]["partialFingerprints"], "no fingerprints"
PY

# Text to a file carries no colour codes.
expect_status 1 textfile -o report.txt unwind.cpp
if grep -q $'\x1b\[' report.txt; then fail "colour codes in -o output"; fi

expect_status 2 badformat --format xml unwind.cpp
expect_single_error badformat.err "--format: expected text, sarif or json, not 'xml'"
