/* The fixed twins of jni_c.c and look-alikes: a failed Get needs no
 * release, the release on every path (also through goto), elements handed
 * to the caller, JNI calls before and after the critical region. */
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

typedef struct pinned { jbyteArray array; jbyte *elems; } pinned;

jint sum_bytes(JNIEnv *env, jobject self, jbyteArray array, jint len) {
  jbyte *elems = (*env)->GetByteArrayElements(env, array, NULL);
  if (elems == NULL) return -1; // no-finding
  jint rc = -2;
  if (len < 0) goto done;
  rc = work(elems, len);
done:
  (*env)->ReleaseByteArrayElements(env, array, elems, 0);
  return rc; // no-finding
}

jint open_path(JNIEnv *env, jobject self, jstring path) {
  const char *chars = (*env)->GetStringUTFChars(env, path, NULL);
  if (!chars) return -1; // no-finding
  jint rc = work(chars, 0);
  (*env)->ReleaseStringUTFChars(env, path, chars);
  if (rc < 0) {
    (*env)->ThrowNew(env, self, "open failed");
    return rc; // no-finding
  }
  return rc;
}

void fill_ints(JNIEnv *env, jobject self, jintArray array) {
  jint *ints = (*env)->GetIntArrayElements(env, array, NULL);
  if (ints != NULL) {
    work(ints, 4);
    (*env)->ReleaseIntArrayElements(env, array, ints, 0);
  }
} // no-finding

jbyte *borrow_bytes(JNIEnv *env, jbyteArray array) {
  return (*env)->GetByteArrayElements(env, array, NULL); // no-finding (the caller releases)
}

void pin(JNIEnv *env, jbyteArray array, pinned *out) {
  out->array = array;
  out->elems = (*env)->GetByteArrayElements(env, array, NULL); // no-finding (released by unpin)
}

jint critical_length(JNIEnv *env, jobject self, jbyteArray array) {
  jsize len = (*env)->GetArrayLength(env, array); // no-finding
  void *data = (*env)->GetPrimitiveArrayCritical(env, array, NULL);
  if (!data) return -1;
  jint rc = work(data, len);
  (*env)->ReleasePrimitiveArrayCritical(env, array, data, 0);
  if (rc < 0) (*env)->ThrowNew(env, self, "failed"); // no-finding
  return rc;
}

/* hdf5's JNI style, released right: the borrow assigned inside the test of
 * a macro whose argument names the variable (its failure branch may call
 * JNI: nothing was pinned), and a flag choosing the critical pin and, on
 * the same unchanged flag, the matching release. */
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
#define CHECK_LEN(len, cap) do { if (len > cap) goto done; } while (0)

jint h5_read_pinned(JNIEnv *env, jobject self, long id, jbyteArray buf, jboolean critical, jint len) {
  jbyte *data = NULL;
  jint status = -1;
  CHECK_LEN(len, 4096);
  if (critical)
    PIN_CRITICAL(env, buf, data);
  else
    PIN_BYTES(env, buf, data);
  status = h5_read(id, data);
done:
  if (data) {
    if (critical)
      (*env)->ReleasePrimitiveArrayCritical(env, buf, data, 0);
    else
      (*env)->ReleaseByteArrayElements(env, buf, data, 0);
  }
  if (status < 0) raise_library_error(env);
  return status;
}

jint h5_read_unpinned_flag(JNIEnv *env, jobject self, long id, jbyteArray buf, jboolean copy) {
  jbyte *data = NULL;
  jint status = -1;
  if (!copy)
    PIN_BYTES(env, buf, data);
  status = h5_read(id, data);
  if (copy == 0) {
    if (data) (*env)->ReleaseByteArrayElements(env, buf, data, 0);
  }
done:
  return status;
}

/* libjpeg-turbo's JNI style: critical regions nested (the JNI spec allows
 * it), released through a macro that tests the array and the pointer
 * before throwing, and a borrow made last in a chain of `&&` tests. */
#define SAFE_RELEASE(javaArray, cArray)                                        \
  {                                                                            \
    if (javaArray && cArray)                                                   \
      (*env)->ReleasePrimitiveArrayCritical(env, javaArray, (void *)cArray, 0); \
    cArray = NULL;                                                             \
  }
#define BAIL_IF_NULL(f) \
  {                     \
    if (!(f)) goto bailout; \
  }

jint compress_nested(JNIEnv *env, jobject self, jbyteArray src, jbyteArray dst) {
  unsigned char *srcBuf = NULL, *dstBuf = NULL;
  jint size = -1;
  BAIL_IF_NULL(srcBuf = (*env)->GetPrimitiveArrayCritical(env, src, 0));
  BAIL_IF_NULL(dstBuf = (*env)->GetPrimitiveArrayCritical(env, dst, 0)); // no-finding
  if (work(srcBuf, 4) < 0) {
    SAFE_RELEASE(dst, dstBuf);
    SAFE_RELEASE(src, srcBuf);
    (*env)->ThrowNew(env, self, "compress failed"); // no-finding
    goto bailout;
  }
  size = work(dstBuf, 4);
bailout:
  SAFE_RELEASE(dst, dstBuf);
  SAFE_RELEASE(src, srcBuf);
  return size; // no-finding
}

jint property_value(JNIEnv *env, jobject self, jstring value_string, jboolean exception) {
  const char *value;
  jint rc = 0;
  if (value_string && !exception && (value = (*env)->GetStringUTFChars(env, value_string, 0)) != NULL) {
    rc = work(value, 0);
    (*env)->ReleaseStringUTFChars(env, value_string, value);
  }
  return rc; // no-finding
}

/* rocksdb's JNI style: the Get's failure seen through ExceptionCheck right
 * after it (a failed Get*Elements throws OutOfMemoryError). */
jint get_then_check(JNIEnv *env, jobject self, jbyteArray array) {
  jbyte *elems = (*env)->GetByteArrayElements(env, array, NULL);
  if ((*env)->ExceptionCheck(env)) return -1; // no-finding
  jint rc = work(elems, 4);
  (*env)->ReleaseByteArrayElements(env, array, elems, 0);
  return rc;
}

/* The elements handed, with their array, to something that releases them
 * later (rocksdb keeps (array, elems) tuples and frees them in one place). */
struct pinned { jbyteArray array; jbyte *elems; };
void release_later(struct pinned *list, int n, jbyteArray array, jbyte *elems);

jint pin_for_later(JNIEnv *env, jobject self, jbyteArray array, struct pinned *list) {
  jbyte *elems = (*env)->GetByteArrayElements(env, array, NULL);
  if (!elems) return -1;
  release_later(list, 0, array, elems);
  return work(elems, 4); // no-finding
}

/* The flag and the pointer tested in one `&&`: its false side is either
 * `copy` set (nothing was pinned) or `data` NULL (the pin failed). */
jint read_compound_release(JNIEnv *env, jobject self, long id, jbyteArray buf, jboolean copy) {
  jbyte *data = NULL;
  jint status = -1;
  if (!copy)
    PIN_BYTES(env, buf, data);
  status = h5_read(id, data);
  if (copy == 0 && data) (*env)->ReleaseByteArrayElements(env, buf, data, 0);
done:
  return status; // no-finding
}
