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
