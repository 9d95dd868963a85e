# Exit status: 0 clean, 1 findings at/above --fail-on, 2 usage/input errors.
. "$(dirname "$0")/lib.sh"
cp "$INPUTS/unwind.cpp" "$INPUTS/clean.c" .

expect_status 0 clean clean.c
expect_status 1 finding unwind.cpp
expect_status 0 fail_none --fail-on none unwind.cpp
expect_status 1 fail_low --fail-on low unwind.cpp

# --fail-on above every finding's severity passes.
severities=$("$FFI_LINT" --format json --fail-on none unwind.cpp 2>/dev/null |
  python3 -c 'import json,sys; d=json.load(sys.stdin); print(" ".join(sorted({f["severity"] for f in d["findings"]})))')
case "$severities" in
  *high*) expect_status 1 fail_high --fail-on high unwind.cpp ;;
  *) expect_status 0 fail_high --fail-on high unwind.cpp ;;
esac

# Selecting no rule that applies means no findings.
expect_status 0 rules_minus --rules=-unwind-across-ffi unwind.cpp
expect_status 1 rules_only --rules unwind-across-ffi unwind.cpp

# Usage errors.
expect_status 2 noinput
expect_single_error noinput.err 'no inputs'
expect_status 2 badopt --bogus
expect_single_error badopt.err "unknown option '--bogus'"
expect_status 2 badjobs -j 0 clean.c
expect_single_error badjobs.err '-j: expected a number of jobs'
expect_status 2 badfail --fail-on severe clean.c
expect_single_error badfail.err "--fail-on: expected none, low, medium or high"
expect_status 2 missingval --rules
expect_single_error missingval.err "option '--rules' needs a value"
expect_status 2 unknownrule --rules unwind-across-ffi,nope clean.c
expect_single_error unknownrule.err "unknown rule 'nope' in --rules \(valid: .*unwind-across-ffi"
