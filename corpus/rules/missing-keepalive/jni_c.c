/* JNI in C, through the function table: (*env)->Get...(env, ...). Array
 * elements and UTF chars not released on an error path, and JNI calls
 * inside a critical region. The API is declared as the fixture needs it. */
#include <stddef.h>

typedef unsigned char jboolean;
typedef signed char jbyte;
typedef int jint;
typedef int jsize;
typedef struct _jobject *jobject;
typedef jobject jarray;
typedef jobject jbyteArray;
typedef jobject jintArray;
typedef jobject jstring;
struct JNINativeInterface_;
typedef const struct JNINativeInterface_ *JNIEnv;
struct JNINativeInterface_ {
  jbyte *(*GetByteArrayElements)(JNIEnv *env, jbyteArray array, jboolean *isCopy);
  void (*ReleaseByteArrayElements)(JNIEnv *env, jbyteArray array, jbyte *elems, jint mode);
  jint *(*GetIntArrayElements)(JNIEnv *env, jintArray array, jboolean *isCopy);
  void (*ReleaseIntArrayElements)(JNIEnv *env, jintArray array, jint *elems, jint mode);
  const char *(*GetStringUTFChars)(JNIEnv *env, jstring str, jboolean *isCopy);
  void (*ReleaseStringUTFChars)(JNIEnv *env, jstring str, const char *chars);
  void *(*GetPrimitiveArrayCritical)(JNIEnv *env, jarray array, jboolean *isCopy);
  void (*ReleasePrimitiveArrayCritical)(JNIEnv *env, jarray array, void *carray, jint mode);
  jsize (*GetArrayLength)(JNIEnv *env, jarray array);
  jint (*ThrowNew)(JNIEnv *env, jobject cls, const char *msg);
  jboolean (*ExceptionCheck)(JNIEnv *env);
  void (*ExceptionClear)(JNIEnv *env);
};

int work(const void *data, int len);

jint sum_bytes(JNIEnv *env, jobject self, jbyteArray array, jint len) {
  jbyte *elems = (*env)->GetByteArrayElements(env, array, NULL);
  if (elems == NULL) return -1;
  if (len < 0) return -2; // expect: missing-keepalive
  jint rc = work(elems, len);
  (*env)->ReleaseByteArrayElements(env, array, elems, 0);
  return rc;
}

jint open_path(JNIEnv *env, jobject self, jstring path) {
  const char *chars = (*env)->GetStringUTFChars(env, path, NULL);
  if (!chars) return -1;
  jint rc = work(chars, 0);
  if (rc < 0) {
    (*env)->ThrowNew(env, self, "open failed");
    return rc; // expect: missing-keepalive
  }
  (*env)->ReleaseStringUTFChars(env, path, chars);
  return rc;
}

void fill_ints(JNIEnv *env, jobject self, jintArray array) {
  jint *ints = (*env)->GetIntArrayElements(env, array, NULL);
  if (ints != NULL) {
    work(ints, 4);
  }
} // expect: missing-keepalive

jint critical_length(JNIEnv *env, jobject self, jbyteArray array) {
  void *data = (*env)->GetPrimitiveArrayCritical(env, array, NULL);
  if (!data) return -1;
  jsize len = (*env)->GetArrayLength(env, array); // expect: missing-keepalive
  jint rc = work(data, len);
  (*env)->ReleasePrimitiveArrayCritical(env, array, data, 0);
  return rc;
}

/* hdf5's JNI style: the borrow assigned inside the test of a macro whose
 * argument names the variable, a flag choosing the critical pin, and an
 * error path that raises a Java exception while the region is open. */
void raise_library_error(JNIEnv *env);
int h5_read(long id, void *buf);

#define PIN_CRITICAL(envp, array, out)                                              \
  do {                                                                              \
    if (NULL == (out = (jbyte *)(*envp)->GetPrimitiveArrayCritical(envp, array, NULL))) { \
      if ((*envp)->ExceptionCheck(envp)) (*envp)->ExceptionClear(envp);            \
      goto done;                                                                    \
    }                                                                               \
  } while (0)
#define PIN_BYTES(envp, array, out)                                                 \
  do {                                                                              \
    if (NULL == (out = (*envp)->GetByteArrayElements(envp, array, NULL))) goto done; \
  } while (0)

jint h5_read_pinned(JNIEnv *env, jobject self, long id, jbyteArray buf, jboolean critical) {
  jbyte *data = NULL;
  jint status = -1;
  if (critical)
    PIN_CRITICAL(env, buf, data);
  else
    PIN_BYTES(env, buf, data);
  if ((status = h5_read(id, data)) < 0)
    raise_library_error(env); // expect: missing-keepalive -- throws inside the critical region
done:
  if (data) {
    if (critical)
      (*env)->ReleasePrimitiveArrayCritical(env, buf, data, 0);
    else
      (*env)->ReleaseByteArrayElements(env, buf, data, 0);
  }
  return status;
}

jint h5_read_flag_changed(JNIEnv *env, jobject self, long id, jbyteArray buf, jboolean critical) {
  jbyte *data = NULL;
  if (critical)
    PIN_CRITICAL(env, buf, data);
  critical = 0;
  jint status = h5_read(id, data);
  if (critical && data) (*env)->ReleasePrimitiveArrayCritical(env, buf, data, 0);
done:
  return status; // expect: missing-keepalive -- the flag was cleared: the region stays open
}

/* A release guarded by a flag that says nothing of the borrow (not the
 * array it came from, not the pointer): on the flag's false side the
 * elements stay pinned. A JNI call between nested critical regions is
 * still one inside a region. */
jint release_if_verbose(JNIEnv *env, jobject self, jbyteArray src, jboolean verbose) {
  unsigned char *srcBuf = (*env)->GetPrimitiveArrayCritical(env, src, 0);
  if (!srcBuf) return -1;
  jint rc = work(srcBuf, 4);
  if (verbose && srcBuf) (*env)->ReleasePrimitiveArrayCritical(env, src, srcBuf, 0);
  return rc; // expect: missing-keepalive
}

jint length_between(JNIEnv *env, jobject self, jbyteArray src, jbyteArray dst) {
  unsigned char *srcBuf = (*env)->GetPrimitiveArrayCritical(env, src, 0);
  if (!srcBuf) return -1;
  unsigned char *dstBuf = (*env)->GetPrimitiveArrayCritical(env, dst, 0);
  jsize n = (*env)->GetArrayLength(env, dst); // expect: missing-keepalive count=1
  if (dstBuf) (*env)->ReleasePrimitiveArrayCritical(env, dst, dstBuf, 0);
  (*env)->ReleasePrimitiveArrayCritical(env, src, srcBuf, 0);
  return n;
}

/* ExceptionCheck after another JNI call asks about that call: the elements
 * pinned before it are still pinned (rocksdb's keys_from_bytebuffers). */
jint check_after_other_call(JNIEnv *env, jobject self, jbyteArray array) {
  jbyte *elems = (*env)->GetByteArrayElements(env, array, NULL);
  if ((*env)->ExceptionCheck(env)) return -1;
  jsize n = (*env)->GetArrayLength(env, array);
  if ((*env)->ExceptionCheck(env)) return -2; // expect: missing-keepalive
  jint rc = work(elems, n);
  (*env)->ReleaseByteArrayElements(env, array, elems, 0);
  return rc;
}

/* The flag and an unrelated test in one `&&`: with `copy` clear and
 * `verbose` clear the elements stay pinned. */
jint read_release_if_verbose(JNIEnv *env, jobject self, jbyteArray buf, jboolean copy, jboolean verbose) {
  jbyte *data = NULL;
  jint status = -1;
  if (!copy)
    PIN_BYTES(env, buf, data);
  status = work(data, 4);
  if (copy == 0 && verbose) (*env)->ReleaseByteArrayElements(env, buf, data, 0);
done:
  return status; // expect: missing-keepalive
}
