# The driver under ThreadSanitizer: builds ffi-lint with -DFL_SANITIZE=thread
# in its own tree (incremental after the first run) and analyses several
# TUs at -j2 twice, in all three formats. Any TSan report fails the test.
#   bash tests/cli/tsan.sh SOURCE_ROOT BUILD_DIR C_COMPILER [GO_GRAMMAR_TGZ]
# GO_GRAMMAR_TGZ is the tarball the main build fetched, so this build needs
# no network; without it the Go frontend is left out.
set -euo pipefail
src=${1:?} build=${2:?} cc=${3:-clang} go_tgz=${4:-}
case "$cc" in *clang*) cxx=${cc/clang/clang++} ;; *) cc=clang cxx=clang++ ;; esac
go_option=-DFL_GO_FRONTEND=OFF
[ -n "$go_tgz" ] && [ -f "$go_tgz" ] && go_option=-DFL_TREE_SITTER_GO_TGZ=$go_tgz
if [ ! -f "$build/build.ninja" ]; then
  CC=$cc CXX=$cxx cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
    -DFL_SANITIZE=thread -DFL_BUILD_TESTS=OFF -DFL_BUILD_FUZZ=OFF "$go_option" >"$build.cmake.log" 2>&1 ||
    { cat "$build.cmake.log" >&2; echo "FAIL: configuring the TSan build" >&2; exit 1; }
fi
ninja -C "$build" -j2 ffi-lint >"$build.ninja.log" 2>&1 ||
  { tail -40 "$build.ninja.log" >&2; echo "FAIL: building ffi-lint with TSan" >&2; exit 1; }
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:exitcode=66:suppressions=$src/tests/cli/tsan.supp"
scratch=$build/scratch
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
: >.ffi-lint.yml
cp -r "$src/tests/cli/inputs/tree" "$src/tests/cli/inputs/unwind.cpp" "$src/tests/cli/inputs/clean.c" .
# Go packages too, and everything through the unit cache: the first run of
# each format parses and stores from two threads, the second reads back.
mkdir -p go
cp -r "$src/corpus/rules/missing-keepalive/go_stream" "$src/tests/go/fixtures/preambles" \
      "$src/tests/go/fixtures/handle" go/
touch -d '10 minutes ago' $(find go tree unwind.cpp clean.c -type f) # older than the cache's racy window
rm -rf cache
for format in text json sarif; do
  for run in 1 2; do
    set +e
    "$build/bin/ffi-lint" -j2 --cache-dir cache --format "$format" tree unwind.cpp clean.c go \
      >"$format.$run.out" 2>"$format.$run.err"
    status=$?
    set -e
    if [ "$status" -ne 1 ] || grep -q "ThreadSanitizer" "$format.$run.err"; then
      cat "$format.$run.err" >&2
      echo "FAIL: ffi-lint -j2 --format $format under TSan exited $status" >&2
      exit 1
    fi
  done
done
cmp -s text.1.out text.2.out || { echo "FAIL: two -j2 runs differ" >&2; exit 1; }
grep -q "9 of 9 TUs/packages from the cache" text.2.err || { cat text.2.err >&2; echo "FAIL: no cache hits" >&2; exit 1; }
echo "tsan: ok"
