# --db FILE stores each run (rule set, config hash, command line) in the
# audit database; a file that is not one is an input error, left untouched.
. "$(dirname "$0")/lib.sh"
cp "$INPUTS/clean.c" .

expect_status 0 first -q --db audit.db clean.c
expect_status 0 second -q --db audit.db clean.c
[ "$(sqlite3 audit.db 'select count(*) from runs')" = 2 ] || fail "expected 2 runs in audit.db"
sqlite3 audit.db 'select rule_set from runs' | grep -q 'unwind-across-ffi' ||
  fail "rule set not stored"

echo "not a database" >bad.db
expect_status 2 bad -q --db bad.db clean.c
expect_single_error bad.err 'bad.db: '
[ "$(cat bad.db)" = "not a database" ] || fail "--db modified a foreign file"

# In a git work tree the run records HEAD (the scratch dir may itself sit in
# the project's clone: the nested repository is the one git finds).
if command -v git >/dev/null 2>&1; then
  mkdir repo && cp clean.c repo/ && (
    cd repo &&
      git init -q && git add clean.c &&
      git -c user.name=t -c user.email=t@t commit -qm init &&
      expect_status 0 ../in_repo -q --db ../audit.db clean.c &&
      head=$(git rev-parse HEAD) &&
      [ "$(sqlite3 ../audit.db 'select git_commit from runs order by id desc limit 1')" = "$head" ]
  ) || fail "the run in a git work tree did not record HEAD"
fi
