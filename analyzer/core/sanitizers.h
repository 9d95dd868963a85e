/* FL_SANITIZED: defined when ASan or TSan instruments this build (clang's
 * __has_feature, gcc's __SANITIZE_*__). Their runtimes own malloc and the
 * fault signals, so code that tunes or hooks those stands down. */
#ifndef FL_SANITIZERS_H
#define FL_SANITIZERS_H

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define FL_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define FL_SANITIZED 1
#endif

#endif
