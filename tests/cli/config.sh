# .ffi-lint.yml: found upward from the cwd, excludes, rule settings,
# fail-on; --config overrides the search.
. "$(dirname "$0")/lib.sh"
mkdir -p project/src
cp -r "$INPUTS/tree" project/
cp "$INPUTS/unwind.cpp" project/src/
cat >project/.ffi-lint.yml <<'YML'
# Excludes are relative to this file's directory.
exclude:
  - tree/vendor
  - "*/c.cc"
YML

# Run from a subdirectory: the config above is found and its excludes are
# resolved against its own directory, not the cwd.
(cd project/src && expect_status 1 ../../sub -q --format json ../tree .)
python3 - sub.out <<'PY'
import json, sys
files = sorted({f["file"] for f in json.load(open(sys.argv[1]))["findings"]})
# Inside the cwd paths are relative to it; outside, absolute.
assert len(files) == 2 and files[0].endswith("/project/tree/sub/b.cpp") and files[1] == "unwind.cpp", files
PY
(cd project && expect_status 1 ../counted tree src)
expect_grep ' in 3 files, ' counted.err   # a.c, b.cpp, unwind.cpp: vendor and c.cc excluded
expect_no_grep 'vendor|c\.cc' counted.out

# Rule settings: disabled, severity override; fail-on from the config.
cat >project/.ffi-lint.yml <<'YML'
rules:
  unwind-across-ffi:
    enabled: false
YML
(cd project && expect_status 0 ../disabled src)
expect_grep '^ffi-lint: 0 findings \(0 high, 0 medium, 0 low\) in 1 file, ' disabled.err
# --rules naming the rule overrides the config's `enabled: false`.
(cd project && expect_status 1 ../reenabled --rules unwind-across-ffi src)

cat >project/.ffi-lint.yml <<'YML'
fail-on: high
rules:
  unwind-across-ffi:
    severity: low
    options: {implicit-alloc: false}
YML
(cd project && expect_status 0 ../lowered --format json src)
python3 - lowered.out <<'PY'
import json, sys
findings = json.load(open(sys.argv[1]))["findings"]
assert findings and all(f["severity"] == "low" for f in findings), findings
PY
# The command line beats the config's fail-on.
(cd project && expect_status 1 ../cli_fail_on --fail-on low src)

# --config FILE is used instead of the search: from inside project/ the
# project config would report (severity low, --fail-on low); this one
# disables the rule.
mkdir other
printf 'rules:\n  unwind-across-ffi: {enabled: false}\n' >other/cfg.yml
(cd project && expect_status 0 ../explicit --config ../other/cfg.yml --fail-on low src)
# Excludes resolve against the config's directory; excluded directories are
# not walked, but a file named on the command line is always analysed.
printf 'exclude: ["project/src"]\n' >cfg.yml
expect_status 2 explicit_dir --config cfg.yml project/src
expect_single_error explicit_dir.err 'no C, C\+\+ or Go sources found'
expect_status 1 explicit_file --config cfg.yml project/src/unwind.cpp
