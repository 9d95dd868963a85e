/* The fixed twins of jni_cxx.cpp: release on every path, the length read
 * before the critical region. jni.h-style inline wrappers stay silent. */
#include <cstddef>

typedef unsigned char jboolean;
typedef signed char jbyte;
typedef int jint;
typedef int jsize;
class _jobject {};
typedef _jobject *jobject;
typedef jobject jarray;
typedef jobject jbyteArray;
typedef jobject jstring;
struct JNIEnv_;
struct JNINativeInterface_ {
  jbyte *(*GetByteArrayElements)(JNIEnv_ *env, jbyteArray array, jboolean *isCopy);
  void (*ReleaseByteArrayElements)(JNIEnv_ *env, jbyteArray array, jbyte *elems, jint mode);
  const char *(*GetStringUTFChars)(JNIEnv_ *env, jstring str, jboolean *isCopy);
  void (*ReleaseStringUTFChars)(JNIEnv_ *env, jstring str, const char *chars);
  void *(*GetPrimitiveArrayCritical)(JNIEnv_ *env, jarray array, jboolean *isCopy);
  void (*ReleasePrimitiveArrayCritical)(JNIEnv_ *env, jarray array, void *carray, jint mode);
  jsize (*GetArrayLength)(JNIEnv_ *env, jarray array);
};
/* As in jni.h: C++ wraps the table in inline members, which hand the borrow
 * to their caller (no finding inside them). */
struct JNIEnv_ {
  const JNINativeInterface_ *functions;
  jbyte *GetByteArrayElements(jbyteArray array, jboolean *isCopy) noexcept {
    return functions->GetByteArrayElements(this, array, isCopy);
  }
  void ReleaseByteArrayElements(jbyteArray array, jbyte *elems, jint mode) noexcept {
    functions->ReleaseByteArrayElements(this, array, elems, mode);
  }
  const char *GetStringUTFChars(jstring str, jboolean *isCopy) noexcept {
    return functions->GetStringUTFChars(this, str, isCopy);
  }
  void ReleaseStringUTFChars(jstring str, const char *chars) noexcept {
    functions->ReleaseStringUTFChars(this, str, chars);
  }
  void *GetPrimitiveArrayCritical(jarray array, jboolean *isCopy) noexcept {
    return functions->GetPrimitiveArrayCritical(this, array, isCopy);
  }
  void ReleasePrimitiveArrayCritical(jarray array, void *carray, jint mode) noexcept {
    functions->ReleasePrimitiveArrayCritical(this, array, carray, mode);
  }
  jsize GetArrayLength(jarray array) noexcept { return functions->GetArrayLength(this, array); }
};
typedef JNIEnv_ JNIEnv;

int work(const void *data, int len) noexcept;

extern "C" jint Java_demo_Native_open(JNIEnv *env, jobject self, jstring path) {
  const char *chars = env->GetStringUTFChars(path, nullptr);
  if (chars == nullptr) return -1; // no-finding
  int rc = work(chars, 0);
  env->ReleaseStringUTFChars(path, chars);
  return rc < 0 ? -2 : 0; // no-finding
}

extern "C" jint Java_demo_Native_sum(JNIEnv *env, jobject self, jbyteArray array) {
  jsize len = env->GetArrayLength(array); // no-finding
  jbyte *data = static_cast<jbyte *>(env->GetPrimitiveArrayCritical(array, nullptr));
  if (!data) return -1;
  jint rc = work(data, len);
  env->ReleasePrimitiveArrayCritical(array, data, 0);
  return rc;
}
