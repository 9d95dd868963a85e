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
