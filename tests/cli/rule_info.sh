# --list-rules, --explain, --help and --version.
. "$(dirname "$0")/lib.sh"

expect_status 0 list --list-rules
expect_grep '^ID +SEVERITY +LANGUAGES +TITLE' list.out
expect_grep '^unwind-across-ffi +(high|medium|low) +[a-z+,]+ +[A-Z]' list.out
# Every registered rule has a row with a title from its YAML.
expect_no_grep 'no rules/<id>.yml' list.out

expect_status 0 explain --explain unwind-across-ffi
expect_grep '^unwind-across-ffi: ' explain.out
expect_grep '^What it finds$' explain.out
expect_grep '^Why it matters$' explain.out
expect_grep '^How to fix$' explain.out
expect_grep '^  Severity: +(high|medium|low)$' explain.out
# Wrapped to the terminal width.
awk 'length > 78 && !/^  - / { bad = 1 } END { exit bad }' explain.out ||
  fail "--explain printed a line longer than 78 columns"

expect_status 2 explain_bad --explain no-such-rule
expect_single_error explain_bad.err "unknown rule 'no-such-rule' \(valid: .*unwind-across-ffi"

expect_status 0 help --help
for option in --compile-db --format --output --rules --fail-on --config --jobs \
              --list-rules --explain --dump-model --version --quiet --no-color --db; do
  expect_grep "$option" help.out
done
expect_grep 'Exit status' help.out

expect_status 0 version --version
expect_grep '^ffi-lint [0-9]+\.[0-9]+\.[0-9]+$' version.out
