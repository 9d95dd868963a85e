#!/bin/bash -eu
# ClusterFuzzLite / OSS-Fuzz build (docs/fuzzing-distributed.md): builds the
# libFuzzer harnesses into $OUT with the compiler, flags and engine the
# infrastructure hands us ($CC, $CFLAGS, $LIB_FUZZING_ENGINE, $SANITIZER),
# plus a seed corpus per harness from corpus/fuzz/.
#
# Only harnesses of correct code are built: the buggy examples
# (race_hl_flag, cache_loader_buggy, ...) crash within seconds by design and
# would fail every CI run. List your own in FL_RACE_TARGETS / add a
# file_harness line below.
#
# Local test (no docker):
#   OUT=/tmp/cfl-out CC=clang CFLAGS="-fsanitize=address,fuzzer-no-link" \
#     LIB_FUZZING_ENGINE=-fsanitize=fuzzer SRC=/tmp .clusterfuzzlite/build.sh
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ -f "$root/fuzz/race/race.h" ] || root=$SRC/ffi-lint   # copied to $SRC/build.sh in docker
: "${OUT:?set OUT}" "${CC:=clang}" "${CFLAGS:=}" "${LIB_FUZZING_ENGINE:=-fsanitize=fuzzer}"
: "${SANITIZER:=address}" "${WORK:=${TMPDIR:-/tmp}/ffi-lint-cfl-work}"
race_targets=${FL_RACE_TARGETS:-race_hl_guard race_hl_guard_wait}
mkdir -p "$OUT" "$WORK"

# The harness code is ours but the compiler is the infrastructure's (often
# newer than ours): warnings stay warnings here.
case $SANITIZER in
  address) race_sanitize=address,undefined ;;
  undefined) race_sanitize=undefined ;;
  *) echo "build.sh: sanitizer $SANITIZER not supported by the race scheduler; skipping race harnesses" >&2
     race_targets="" ;;
esac

seed_corpus() { # NAME DIR: $OUT/NAME_seed_corpus.zip from the files of DIR
  local name=$1 dir=$2
  [ -d "$dir" ] || return 0
  rm -f "$OUT/${name}_seed_corpus.zip"
  (cd "$dir" && find . -maxdepth 1 -type f ! -name 'buggy-*' -print0 |
     xargs -0 -r zip -q -j "$OUT/${name}_seed_corpus.zip")
}

# --- race harnesses (fuzz/race): its CMake project builds standalone --------
if [ -n "$race_targets" ]; then
  cmake -S "$root/fuzz/race" -B "$WORK/race" -G Ninja -DCMAKE_C_COMPILER="$CC" \
    -DCMAKE_C_FLAGS="$CFLAGS" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DFL_RACE_SANITIZE="$race_sanitize" -DFL_RACE_WARNINGS=-Wall >/dev/null
  for target in $race_targets; do
    cmake --build "$WORK/race" --target "$target-fuzzer"
    cp "$WORK/race/bin/$target-fuzzer" "$OUT/$target"
    # The race corpus also keeps the buggy versions' crash inputs (buggy-*):
    # they would only make the correct version look slow to start.
    seed_corpus "$target" "$root/corpus/fuzz/race-${target#race_}"
  done
fi

# --- cached-file harnesses (fuzz/files): runtime + adapter + loader --------
# The runtime is every fuzz/files/*.c but the replayer's (replay_*.c).
files_runtime=()
for src in "$root"/fuzz/files/*.c; do
  case $(basename "$src") in replay_*) ;; *) files_runtime+=("$src") ;; esac
done
file_harness() { # NAME INCLUDE_DIR SOURCES...
  local name=$1 include=$2
  shift 2
  # shellcheck disable=SC2086 # CFLAGS and LIB_FUZZING_ENGINE are flag lists
  $CC $CFLAGS -std=c11 -D_GNU_SOURCE -g -I"$root/fuzz/files" -I"$include" \
    "${files_runtime[@]}" "$@" $LIB_FUZZING_ENGINE -lpthread -ldl -o "$OUT/$name"
  seed_corpus "$name" "$root/corpus/fuzz/$name"
  # A hang is the harness's own finding (its watchdog, 2 s): give it time.
  printf '[libfuzzer]\ntimeout = 25\nrss_limit_mb = 4096\n' >"$OUT/$name.options"
}
loader=$root/fuzz/examples/cache_loader
file_harness cache_loader_hardened "$loader" "$loader/adapter_hardened.c" \
  "$loader/cache_common.c" "$loader/cache_loader_hardened.c"

echo "build.sh: built into $OUT: $(cd "$OUT" && echo *)"
