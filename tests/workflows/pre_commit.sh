# shellcheck shell=bash
# docs/examples/pre-commit-hook: as a git hook, it lints the staged C/C++/Go
# files and blocks a commit only for findings outside the baseline.
source "$(dirname "$0")/lib.sh" "$@"
command -v git >/dev/null || skip "git not found"
example_project "$SCRATCH/project"
cd "$SCRATCH/project"
export FFI_LINT_HOME=$ROOT PATH=$BIN:$PATH
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org
git init -q .
cp "$ROOT/docs/examples/pre-commit-hook" .git/hooks/pre-commit
"$ROOT/scripts/ci-lint" --update-baseline >baseline.log 2>&1 || { cat baseline.log >&2; fail "baseline"; }
git add -A
expect 0 first-commit.log git commit -q -m "known findings, baselined"

# A commit touching no C/C++/Go file does not run ffi-lint at all.
rm -f .git/ffi-lint-hook.db
echo notes >README
git add README
expect 0 readme-commit.log git commit -q -m readme
[ ! -e .git/ffi-lint-hook.db ] || fail "the hook linted a commit without sources"

# A new finding in a staged file blocks the commit.
add_new_finding stream.c
git add stream.c
expect 1 blocked.log git commit -q -m "new bug"
contains blocked.log "unguarded-length"
git diff --cached --quiet && fail "the blocked commit went through"

# Fixed (the length bounded), it goes through.
sed -i 's/memcpy(tag, src, n);/if (n > sizeof tag) return;\n  memcpy(tag, src, n);/' stream.c
git add stream.c
expect 0 fixed.log git commit -q -m "bounded"
echo "PASS"
