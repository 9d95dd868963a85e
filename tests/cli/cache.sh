# The unit cache (--cache-dir, engine/unit_cache.h): a second run over
# unchanged Go packages and C/C++ TUs reads them from the cache and reports
# the same findings; a changed .go file, a changed header its preamble reads, a
# header that appears where a missing one was looked for, a different API
# model, and a corrupt entry are each a miss; an unusable cache directory
# is a warning, never a failure.
source "$(dirname "$0")/lib.sh"

# A cgo package: a handle whose finalizer frees it, used without KeepAlive.
mkdir -p pkg
cat >pkg/handle.h <<'EOF'
typedef struct handle handle;
handle *handle_new(void);
void handle_free(handle *h);
int handle_op(handle *h);
EOF
cat >pkg/handle.go <<'EOF'
package pkg

// #include "handle.h"
// #include "later.h"
import "C"
import "runtime"

type Handle struct{ ptr *C.handle }

func New() *Handle {
	h := &Handle{ptr: C.handle_new()}
	runtime.SetFinalizer(h, func(h *Handle) { C.handle_free(h.ptr) })
	return h
}

func (h *Handle) Op() int { return int(C.handle_op(h.ptr)) }
EOF
# Old enough that the cache trusts their mtimes (it does not store results
# read from files modified within the last seconds).
touch -d '10 minutes ago' pkg/handle.h pkg/handle.go

lint() { # PREFIX ARGS...: findings as JSON, summary on stderr
  local prefix=$1
  shift
  expect_status 1 "$prefix" --cache-dir cache -f json "$@" pkg
}
findings() { jq -c '[.findings[] | {rule, file, line, message}]' "$1.out"; }

lint cold
expect_no_grep 'from the cache' cold.err
[ -n "$(find cache -name '*.flc')" ] || fail "no cache entry written"
lint warm
expect_grep ', 1 of 1 TUs/packages from the cache' warm.err
[ "$(findings cold)" = "$(findings warm)" ] || fail "cached run differs: $(findings cold) vs $(findings warm)"
# The warning about the missing header comes back from the cache too.
expect_grep "later.h' file not found" warm.err

# --no-cache: parsed again.
expect_status 1 nocache --no-cache --cache-dir cache -f json pkg
expect_no_grep 'from the cache' nocache.err

# A changed .go file: a miss, with the new finding's line.
sed -i 's/^func (h \*Handle) Op/\n&/' pkg/handle.go
touch -d '10 minutes ago' pkg/handle.go
lint edited
expect_no_grep 'from the cache' edited.err
[ "$(findings cold)" != "$(findings edited)" ] || fail "edited run kept the old line numbers"
lint edited-warm
expect_grep 'from the cache' edited-warm.err

# A header the preamble read changes: a miss.
echo 'int handle_extra(void);' >>pkg/handle.h
touch -d '9 minutes ago' pkg/handle.h
lint header
expect_no_grep 'from the cache' header.err

# The missing header appears: a miss, and its warning goes away.
lint header-warm
expect_grep 'from the cache' header-warm.err
echo '/* now installed */' >pkg/later.h
touch -d '9 minutes ago' pkg/later.h
lint appeared
expect_no_grep 'from the cache' appeared.err
expect_no_grep "later.h' file not found" appeared.err

# Other API models (a user model file): a miss.
lint models-warm
expect_grep 'from the cache' models-warm.err
cat >models.yml <<'EOF'
models:
  - name: handle_op
    role: free
EOF
printf 'models: [models.yml]\n' >.ffi-lint.yml
run_lint models --cache-dir cache -f json pkg
expect_no_grep 'from the cache' models.err
: >.ffi-lint.yml

# A corrupt entry (truncated, then bytes overwritten) is a miss, replaced,
# no error.
lint before-corrupt
expect_grep 'from the cache' before-corrupt.err
for entry in $(find cache -name '*.flc'); do head -c 100 "$entry" >"$entry.cut" && mv "$entry.cut" "$entry"; done
lint truncated
expect_no_grep 'from the cache' truncated.err
expect_grep 'warning: corrupt cache entries were rebuilt' truncated.err
[ "$(findings truncated)" = "$(findings appeared)" ] || fail "run after a truncated entry differs"
for entry in $(find cache -name '*.flc'); do
  # 64 bytes of garbage in the middle, the length unchanged.
  size=$(stat -c %s "$entry")
  dd if=/dev/urandom of="$entry" bs=1 seek=$((size / 2)) count=64 conv=notrunc status=none
done
lint garbage
expect_no_grep 'from the cache' garbage.err
expect_grep 'warning: corrupt cache entries were rebuilt' garbage.err
[ "$(findings garbage)" = "$(findings appeared)" ] || fail "run after a corrupt entry differs"
lint repaired
expect_grep 'from the cache' repaired.err

# C and C++ translation units: the same, keyed by their compiler arguments
# too; one with a missing header is not stored.
mkdir -p ctu
cat >ctu/lib.h <<'EOF2'
#include <stddef.h>
size_t lib_len(const char *s);
EOF2
cp "$INPUTS/unwind.cpp" ctu/unwind.cpp
printf '#include "lib.h"\n#include <string.h>\nvoid copy(char *out, const char *in) { memcpy(out, in, lib_len(in)); }\n' >ctu/use.c
printf '#include "not_there.h"\nint f(void) { return 0; }\n' >ctu/missing.c
touch -d '10 minutes ago' ctu/*
ctu_lint() { # PREFIX ARGS...
  local prefix=$1
  shift
  run_lint "$prefix" --cache-dir ccache -f json "$@"
  [ "$status" -le 1 ] || { cat "$prefix.err" >&2; fail "ffi-lint $* exited $status"; }
}
ctu_lint c-cold ctu/unwind.cpp ctu/use.c
expect_no_grep 'from the cache' c-cold.err
ctu_lint c-warm ctu/unwind.cpp ctu/use.c
expect_grep ', 2 of 2 TUs/packages from the cache' c-warm.err
[ "$(findings c-cold)" = "$(findings c-warm)" ] || fail "cached C run differs"
ctu_lint c-flags ctu/unwind.cpp ctu/use.c -- -DSOMETHING=1
expect_no_grep 'from the cache' c-flags.err
echo 'size_t lib_other(void);' >>ctu/lib.h
touch -d '9 minutes ago' ctu/lib.h
ctu_lint c-header ctu/unwind.cpp ctu/use.c
expect_grep ', 1 of 2 TUs/packages from the cache' c-header.err
ctu_lint c-missing-1 ctu/missing.c
ctu_lint c-missing-2 ctu/missing.c
expect_no_grep 'from the cache' c-missing-2.err

# An unusable cache directory: a warning, and the run goes on.
: >not-a-dir
expect_status 1 unusable --cache-dir not-a-dir/cache -f json pkg
expect_grep 'warning: .*running without the cache' unusable.err
[ "$(findings unusable)" = "$(findings appeared)" ] || fail "run without a usable cache differs"

# FFI_LINT_CACHE_DIR is the default directory.
FFI_LINT_CACHE_DIR=$PWD/envcache "$FFI_LINT" -f json pkg >env.out 2>env.err || true
[ -n "$(find envcache -name '*.flc')" ] || fail "FFI_LINT_CACHE_DIR not used"
echo "cache: ok"
