# shellcheck shell=bash
# .clusterfuzzlite/build.sh as ClusterFuzzLite runs it: OUT, CC, CFLAGS,
# LIB_FUZZING_ENGINE and SANITIZER set by us the way the base-builder image
# sets them; every harness it builds must then run on its seed corpus.
source "$(dirname "$0")/lib.sh" "$@"
command -v clang >/dev/null || skip "clang not found"
command -v zip >/dev/null && command -v unzip >/dev/null || skip "zip/unzip not found"
export OUT=$SCRATCH/out SRC=$SCRATCH CC=clang SANITIZER=address
export CFLAGS="-O1 -fno-omit-frame-pointer -gline-tables-only -fsanitize=address -fsanitize-address-use-after-scope -fsanitize=fuzzer-no-link"
export LIB_FUZZING_ENGINE=-fsanitize=fuzzer
export WORK=$SCRATCH.work    # kept between runs: the race build is incremental
expect 0 build.log "$ROOT/.clusterfuzzlite/build.sh"
grep -q '^language: c$' "$ROOT/.clusterfuzzlite/project.yaml" || fail "project.yaml: language: c"
grep -q '^FROM gcr.io/oss-fuzz-base/base-builder' "$ROOT/.clusterfuzzlite/Dockerfile" || fail "Dockerfile base image"

export TMPDIR=$SCRATCH ASAN_OPTIONS=detect_leaks=1
harnesses=0
for fuzzer in "$OUT"/*; do
  [ -x "$fuzzer" ] && [ -f "$fuzzer" ] || continue
  name=$(basename "$fuzzer")
  [ -f "$OUT/${name}_seed_corpus.zip" ] || fail "$name has no seed corpus"
  mkdir -p "$SCRATCH/corpus-$name"
  unzip -q -o "$OUT/${name}_seed_corpus.zip" -d "$SCRATCH/corpus-$name"
  expect 0 "$SCRATCH/run-$name.log" "$fuzzer" -max_total_time=2 "$SCRATCH/corpus-$name"
  harnesses=$((harnesses + 1))
done
[ "$harnesses" -ge 3 ] || fail "expected the race and cached-file harnesses in $OUT, found $harnesses"
echo "PASS: $harnesses harnesses built and run"
