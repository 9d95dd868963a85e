# Speed on macro-dense generated code (Cython's modules, a module init
# function of thousands of statements each expanding several macros). The
# frontend read operator tokens and found macro expansions through libclang
# calls whose cost grows with the distance to the next expansion and with
# the enclosing function's size: 125 s on this input (4,000 lines) in a
# release build, against 0.3 s for clang -fsyntax-only. The time limit
# leaves room for the sanitizers and a loaded machine, and none for that.
. "$(dirname "$0")/lib.sh"

lines=4000
{
  echo '#include <stddef.h>'
  echo '#define unlikely(x) __builtin_expect(!!(x), 0)'
  echo '#define INCREF(o) ((o)->refs++)'
  echo '#define DECREF(o) do { if (--(o)->refs == 0) release(o); } while (0)'
  echo '#define SLOT(t, j) ((j) & ((t)->cap - 1))'
  echo 'struct obj { long refs; size_t cap; };'
  echo 'void release(struct obj *o);'
  echo 'struct obj *make(size_t i);'
  echo 'int module_init(struct obj *t) {'
  echo '  struct obj *o;'
  echo '  size_t s = 0;'
  i=0
  while [ $i -lt $lines ]; do
    echo "  o = make($i); if (unlikely(o == NULL)) goto bad; INCREF(o); s += SLOT(t, ${i}u); DECREF(o);"
    i=$((i + 1))
  done
  echo '  return (int)s;'
  echo 'bad:'
  echo '  return -1;'
  echo '}'
} >dense.c

started=$(date +%s)
set +e
timeout 60 "$FFI_LINT" -q -j1 --no-cache --fail-on none --dump-model dense.model dense.c >dense.out 2>dense.err
status=$?
set -e
elapsed=$(( $(date +%s) - started ))
[ "$status" -ne 124 ] || fail "ffi-lint took over 60 s on $lines lines of macro-dense code"
[ "$status" -eq 0 ] || { cat dense.err >&2; fail "ffi-lint exited $status"; }
# The macros' operators were read, not guessed: every `o == NULL` in
# unlikely()'s argument is a comparison, every SLOT() a mask.
compares=$(grep -c 'op===' dense.model || true)
[ "$compares" -ge "$lines" ] || fail "$compares comparisons of o == NULL lowered, expected $lines"
masks=$(grep -c '(binary & (int ' dense.model || true)
[ "$masks" -eq "$lines" ] || fail "$masks masks of SLOT() lowered, expected $lines"
echo "macro_dense: $lines lines in ${elapsed} s, $compares comparisons, $masks masks"
