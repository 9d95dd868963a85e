# Bad input: a clear error naming the file, exit 2, never a crash; a TU
# that does not parse is reported and the run goes on.
. "$(dirname "$0")/lib.sh"
cp "$INPUTS/unwind.cpp" "$INPUTS/clean.c" "$INPUTS/syntax_error.c" .

expect_status 2 missing does-not-exist.c
expect_single_error missing.err '^ffi-lint: error: does-not-exist.c: No such file or directory$'
expect_status 2 missing2 clean.c nowhere/
expect_single_error missing2.err 'nowhere/: No such file or directory'

expect_status 2 notsource "$INPUTS/tree/sub/notes.txt"
expect_single_error notsource.err 'notes.txt: not a C, C\+\+ or Go source file'

mkdir empty
expect_status 2 nosources empty
expect_single_error nosources.err 'no C, C\+\+ or Go sources found'

# A Go directory whose every file no build compiles (//go:build ignore):
# nothing to lint, and the error says why instead of "no sources".
mkdir generators
printf '//go:build ignore\n\npackage main\n\nfunc main() {}\n' >generators/gen.go
expect_status 2 onlyignored generators
expect_single_error onlyignored.err 'every Go file found is excluded from all builds by its build constraint'

# -p: missing directory, directory without a database, malformed JSON
# (with line:column), wrong shape.
expect_status 2 nodbdir -p no-such-build
expect_single_error nodbdir.err 'no-such-build: no such directory'
mkdir build-empty
expect_status 2 nodb -p build-empty
expect_single_error nodb.err 'build-empty/compile_commands.json: No such file or directory'
mkdir build-broken
printf '[\n  {"directory": "/tmp", "file": "a.c",\n   "command": "cc -c a.c"\n  ,,\n]\n' \
  >build-broken/compile_commands.json
expect_status 2 brokendb -p build-broken
expect_single_error brokendb.err 'build-broken/compile_commands.json:4:[0-9]+: '
mkdir build-shape
echo '{"file": "a.c"}' >build-shape/compile_commands.json
expect_status 2 shapedb -p build-shape
expect_single_error shapedb.err 'compile_commands.json: expected a JSON array'
mkdir build-entry
echo '[{"file": "a.c", "command": "cc a.c"}]' >build-entry/compile_commands.json
expect_status 2 entrydb -p build-entry
expect_single_error entrydb.err 'entry 1 must have "directory"'

# A TU with syntax errors: clang's errors shown compiler-style, the other
# files still analysed, the summary counts it; exit reflects the findings.
expect_status 1 syntax syntax_error.c unwind.cpp clean.c
expect_grep '^syntax_error.c:[0-9]+:[0-9]+: error: ' syntax.err
expect_grep 'unwind.cpp:[0-9]+:[0-9]+: .*\[unwind-across-ffi\]' syntax.out
expect_grep '^ffi-lint: [0-9]+ findings? \([0-9]+ high, [0-9]+ medium, [0-9]+ low\) in 3 files, 1 (failed to parse|parsed with errors)(, [0-9]+ of 3 TUs/packages from the cache)?, [0-9.]+ s$' syntax.err
# clang's warnings: none for a TU that parsed cleanly (deprecated calls,
# unused variables are the build's business), and only once each where a
# TU has errors (a macro expanding the same warning at one place).
cat >warns.c <<'SRC'
__attribute__((deprecated)) void old_api(void);
#define TWICE(x) (x, x)
void use(void) { TWICE(old_api()); }
SRC
cat >warns_broken.c <<'SRC'
__attribute__((deprecated)) void old_api(void);
#define TWICE(x) (x, x)
void use(void) { TWICE(old_api()); }
int broken(void) { return missing_symbol; }
SRC
run_lint warnings warns.c
expect_no_grep "warning: 'old_api' is deprecated" warnings.err
run_lint warnings_broken warns_broken.c
expect_grep "^warns_broken.c:4:[0-9]+: error: use of undeclared identifier 'missing_symbol'" warnings_broken.err
[ "$(grep -c "warning: 'old_api' is deprecated" warnings_broken.err)" = 1 ] ||
  fail "a warning repeated at one place was printed more than once"
# Alone, a file that does not parse is still only reported, not fatal,
# unless nothing at all could be parsed.
run_lint syntax_only syntax_error.c
[ "$status" -ne 1 ] || fail "a syntax error alone produced findings"
expect_grep '^syntax_error.c:[0-9]+:[0-9]+: error: ' syntax_only.err

# A missing header makes clang report every use of what it declares: the
# first 5 errors and warnings of the file are shown, then a count of the
# rest; --all-diagnostics shows them all.
{
  echo '#include <not_installed/lib.h>'
  for i in 1 2 3 4 5 6 7 8; do echo "int use$i(void) { return lib_call$i(LIB_FLAG$i); }"; done
} >cascade.c
run_lint cascade cascade.c
expect_grep "^cascade.c:1:10: error: 'not_installed/lib.h' file not found" cascade.err
[ "$(grep -cE '^cascade.c:[0-9]+:[0-9]+: ' cascade.err)" = 5 ] ||
  fail "expected the first 5 diagnostics of cascade.c, got $(grep -cE '^cascade.c:[0-9]+:[0-9]+: ' cascade.err)"
expect_grep "^cascade.c: note: [0-9]+ more errors and warnings in this file not shown \(--all-diagnostics\)" cascade.err
run_lint cascade_all --all-diagnostics cascade.c
[ "$(grep -cE '^cascade.c:[0-9]+:[0-9]+: ' cascade_all.err)" -gt 5 ] || fail "--all-diagnostics showed 5 or fewer"
expect_no_grep "not shown" cascade_all.err

# A header that fails in every file including it is reported once, for
# the first, with a count of the others (however the path is spelled).
mkdir -p shared/inc shared/src
printf '#include <not_installed/base.h>\nbase_t shared_value(void);\n' >shared/inc/shared.h
printf '#include "../inc/shared.h"\nint a(void) { return 1; }\n' >shared/src/a.c
printf '#include "../src/../inc/shared.h"\nint b(void) { return 2; }\n' >shared/src/b.c
printf '#include "../inc/shared.h"\nint c(void) { return 3; }\n' >shared/src/c.c
run_lint shared shared/src/a.c shared/src/b.c shared/src/c.c
[ "$(grep -c "not_installed/base.h' file not found" shared.err)" = 1 ] ||
  fail "a header's error was printed more than once: $(cat shared.err)"
expect_grep "^shared/inc/shared.h:1:10: error: 'not_installed/base.h' file not found \(and in 2 more files including it\)" shared.err
[ "$(grep -c "unknown type name 'base_t'" shared.err)" = 1 ] || fail "a header's second error was repeated"

# Malformed configuration: file:line in the message.
mkdir cfg && cp clean.c cfg/
printf 'exclude: [vendor\nrules: {}\n' >cfg/.ffi-lint.yml
(cd cfg && expect_status 2 ../badyaml clean.c)
expect_single_error badyaml.err '\.ffi-lint\.yml:[0-9]+:[0-9]+: '
printf 'exclude: [vendor]\nfail_on: high\n' >cfg/.ffi-lint.yml
(cd cfg && expect_status 2 ../badkey clean.c)
expect_single_error badkey.err "\.ffi-lint\.yml:2: unknown key 'fail_on' \(expected exclude, rules, models, fail-on\)"
printf 'rules:\n  no-such-rule: {enabled: false}\n' >cfg/.ffi-lint.yml
(cd cfg && expect_status 2 ../badrule clean.c)
expect_single_error badrule.err "\.ffi-lint\.yml:2: unknown rule 'no-such-rule' \(valid: .*unwind-across-ffi"
printf 'rules:\n  unwind-across-ffi:\n    severity: extreme\n' >cfg/.ffi-lint.yml
(cd cfg && expect_status 2 ../badsev clean.c)
expect_single_error badsev.err "\.ffi-lint\.yml:3: 'severity' must be low, medium or high"
rm cfg/.ffi-lint.yml
expect_status 2 noconfig --config cfg/missing.yml cfg/clean.c
expect_single_error noconfig.err 'cfg/missing.yml: No such file or directory'

# Malformed user API models: file:line.
printf 'models: [ffi-models.yml]\n' >cfg/.ffi-lint.yml
printf 'models:\n  - name: my_free\n    role: free\n  - name: my_lock\n    role: grab\n' >cfg/ffi-models.yml
(cd cfg && expect_status 2 ../badmodel clean.c)
expect_single_error badmodel.err "ffi-models.yml:5: unknown role 'grab' \(valid: free, lock"
printf 'models:\n  - name: my_free\n    role: free\n    argument: 0\n' >cfg/ffi-models.yml
(cd cfg && expect_status 2 ../badmodelkey clean.c)
expect_single_error badmodelkey.err "ffi-models.yml:4: unknown key 'argument'"
printf 'models:\n  - {name: my_free, role: free\n' >cfg/ffi-models.yml
(cd cfg && expect_status 2 ../badmodelyaml clean.c)
expect_single_error badmodelyaml.err 'ffi-models.yml:[0-9]+:[0-9]+: '
rm cfg/ffi-models.yml
(cd cfg && expect_status 2 ../nomodel clean.c)
expect_single_error nomodel.err 'error: ffi-models.yml: No such file or directory'
# A valid user model loads.
printf 'models:\n  - name: my_free\n    role: free\n    arg: 0\n' >cfg/ffi-models.yml
(cd cfg && expect_status 0 ../goodmodel clean.c)

# A compile database that is a FIFO must not block, nor one too large to
# parse be read whole (both found by fuzzing the loader).
mkdir fifo_db && mkfifo fifo_db/compile_commands.json
expect_status 2 fifo_db -p fifo_db
expect_single_error fifo_db.err 'compile_commands.json: not a regular file'
mkdir big_db && truncate -s 200M big_db/compile_commands.json
expect_status 2 big_db -p big_db
expect_single_error big_db.err 'compile_commands.json: [0-9]+ bytes is more than the 128 MiB'
