# Finding messages give advice that fits the code: handle-check-then-use
# names the free path's lock only when the free takes one.
. "$(dirname "$0")/lib.sh"
fixture=$(cd "$INPUTS/../../../corpus/rules/handle-check-then-use/go_rwmutex_int32" && pwd)
cp -r "$fixture" conn
expect_status 1 hctu --no-cache conn
expect_grep "'Conn.QueryDropped' .*read under a lock that is released before the use; hold 'mu' \(the lock 'Conn.Close' frees under\) across the use" hctu.out
expect_grep "'Pool.Query' .*'Pool.Close' frees holding no lock: hold one lock in both across the use and the free, or open a claim that 'Pool.Close' drains before it frees" hctu.out
expect_no_grep "hold the lock 'Pool.Close' takes" hctu.out

# missing-keepalive says "memory returned by ... belongs to" only for memory
# lent out of the object; a result the caller owns (freed by it, or a
# new/dup object by name) gets the plain last-use message (ostree-go's
# OriginRelpath, OriginNewFromRefspec). A Go view over lent memory that
# leaves the function asks for a copy instead of runtime.KeepAlive.
fixture=$(cd "$INPUTS/../../../corpus/rules/missing-keepalive/go_owned_result" && pwd)
cp -r "$fixture" deploy
expect_status 1 mk --no-cache -f json deploy
python3 - mk.out <<'PY'
import json, sys
messages = {f["line"]: f["message"] for f in json.load(open(sys.argv[1]))["findings"]}
borrowed = {line for line, m in messages.items() if "memory returned by" in m}
plain = {line for line, m in messages.items() if "is last used to pass" in m}
view = {line for line, m in messages.items() if "a Go string made over memory" in m and "copy the bytes" in m}
assert borrowed == {43}, messages
assert plain == {48, 55, 60}, messages
assert view == {81}, messages
PY

# A type defined over another struct (go.notmuch's `type DB cStruct`) is
# named by its own name, with its own finalizer's registration, not the
# shared struct's.
fixture=$(cd "$INPUTS/../../../corpus/rules/missing-keepalive/go_defined_types" && pwd)
cp -r "$fixture" mail
expect_status 1 defined --no-cache mail
expect_grep "db.go:49:13: error: 'db' is last used to pass 'db.toC\(\)' to 'C.db_version': its type 'DB' has a finalizer" defined.out
expect_grep "db.go:37:2: note: finalizer registered here" defined.out
expect_no_grep "cStruct" defined.out

# unwind-across-ffi traces a finding to the origin of its worst exception:
# a helper's `new` (bad_alloc) before a std::thread (system_error) is not
# the origin of the high finding.
cp "$INPUTS/../../../corpus/rules/unwind-across-ffi/worst_origin.cpp" worst_origin.cpp
expect_status 1 worst --no-cache worst_origin.cpp
expect_grep "worst_origin.cpp:22:13: error: exception from 'std::thread::thread' can escape callback 'on_open'" worst.out
expect_grep "worst_origin.cpp:14:15: note: 'std::thread::thread' may throw std::system_error" worst.out
expect_no_grep "worst_origin.cpp:13:.*note" worst.out

# unguarded-length names the data a JNI length came from, not the JNI
# environment it was read through.
cat >jni_len.c <<'SRC'
#include <stdlib.h>
typedef int jint;
typedef int jsize;
typedef struct _jobject *jobject;
typedef jobject jarray;
struct JNINativeInterface_;
typedef const struct JNINativeInterface_ *JNIEnv;
struct JNINativeInterface_ {
  jsize (*GetArrayLength)(JNIEnv *env, jarray array);
};
jint Java_demo_copy(JNIEnv *env, jobject self, jarray items, jint width) {
  jsize n = (*env)->GetArrayLength(env, items);
  char *rows = malloc((size_t)n * (size_t)width);
  jint ok = rows != NULL;
  free(rows);
  return ok;
}
SRC
expect_status 1 jnilen --no-cache --rules unguarded-length jni_len.c
expect_grep "both factors come from outside \(parameter 'items' of externally visible function 'Java_demo_copy'\)" jnilen.out
expect_no_grep "parameter 'env'" jnilen.out
