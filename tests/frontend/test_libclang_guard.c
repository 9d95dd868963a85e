/* The libclang crash guard (frontend/libclang_guard.h) turns a fault inside
 * libclang into a return to the guarded region, and leaves every other
 * fault alone. The crash is a real libclang 14 one: the layout of the
 * `<bound member function type>` of a method call in a TU broken by a
 * missing header (golibsass). Built without sanitizers: theirs own the
 * fault signals, and the guard is off under them. Exit 77 (skip) when this
 * libclang does not crash there (a fixed libclang) or the guard cannot be
 * installed. */
#include <clang-c/Index.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "frontend/libclang_guard.h"
#include "output/check.h"

static const char broken_tu[] =
    "#include <string>\n"
    "namespace Sass {\n"
    "  template <typename T> using Allocator = std::allocator<T>;\n"
    "    pointer allocate(size_type count, const_pointer hint = 0)\n"
    "    {\n"
    "      return (pointer)(Sass::allocateMem(count * sizeof(T)));\n"
    "    }\n"
    "#endif\n"
    "  namespace sass {\n"
    "    using string = std::basic_string<char, std::char_traits<char>, Sass::Allocator<char>>;\n"
    "  template<> const T* Cast(const AST_Node* ptr); \\\n"
    "    size_t length()    const { return end - begin; }\n"
    "    sass::string to_string() const { return sass::string(begin, end); }\n"
    "    sass::string time_wspace() const {\n"
    "      sass::string str(to_string());\n"
    "      sass::string whitespaces(\" \\t\");\n"
    "      return str.erase(str.find_last_not_of(whitespaces)+1);\n";

int fl_test_failures;

static CXCursor found;
static enum CXChildVisitResult find_erase(CXCursor cursor, CXCursor parent, CXClientData data) {
  (void)parent;
  (void)data;
  if (clang_getCursorKind(cursor) == CXCursor_MemberRefExpr) {
    CXString name = clang_getCursorSpelling(cursor);
    bool is_erase = strcmp(clang_getCString(name), "erase") == 0;
    clang_disposeString(name);
    if (is_erase) {
      found = cursor;
      return CXChildVisit_Break;
    }
  }
  return CXChildVisit_Recurse;
}

static CXTranslationUnit parse(CXIndex index, const char *text) {
  const char *args[] = {"-xc++", "-resource-dir", FL_CLANG_RESOURCE_DIR};
  struct CXUnsavedFile file = {"/tmp/fl_guard_test.cpp", text, (unsigned long)strlen(text)};
  CXTranslationUnit tu = NULL;
  clang_parseTranslationUnit2(index, file.Filename, args, FL_CLANG_RESOURCE_DIR[0] ? 3 : 1, &file, 1,
                              CXTranslationUnit_KeepGoing, &tu);
  return tu;
}

static long long size_of(CXCursor cursor) {
  return clang_Type_getSizeOf(clang_getCanonicalType(clang_getCursorType(cursor)));
}

/* The query that crashes, in the guard: its own function (no local lives
 * across the jump). Returns the signal, or 0 when it did not crash. */
static int guarded_size(CXCursor cursor) {
  sigjmp_buf jump;
  if (sigsetjmp(jump, 1)) return fl_libclang_guard_crashed();
  fl_libclang_guard_enter(&jump);
  (void)size_of(cursor);
  fl_libclang_guard_leave();
  return 0;
}

/* A fault in our own code, inside a guarded region, is no libclang crash:
 * it must still kill the process. */
static int guarded_own_fault(void) {
  sigjmp_buf jump;
  if (sigsetjmp(jump, 1)) return fl_libclang_guard_crashed();
  fl_libclang_guard_enter(&jump);
  volatile int *null_pointer = NULL;
  *null_pointer = 1;
  fl_libclang_guard_leave();
  return 0;
}

int main(void) {
  unsetenv("LIBCLANG_NOTHREADS");
  unsetenv("LIBCLANG_DISABLE_CRASH_RECOVERY");
  fl_libclang_process_init(); /* as ffi-lint runs libclang: parses on this thread */
  if (!fl_libclang_guard_active()) {
    fprintf(stderr, "skip: the crash guard is not active in this build\n");
    return 77;
  }
  /* With the guard active (and the usual 8 MiB stack), libclang parses on
   * the calling thread and leaves crash recovery to the guard. */
  struct rlimit stack;
  if (getrlimit(RLIMIT_STACK, &stack) == 0 &&
      (stack.rlim_cur == RLIM_INFINITY || stack.rlim_cur >= ((rlim_t)8 << 20))) {
    CHECK(getenv("LIBCLANG_NOTHREADS") != NULL);
    CHECK(getenv("LIBCLANG_DISABLE_CRASH_RECOVERY") != NULL);
  }
  CXIndex index = clang_createIndex(0, 0);
  CXTranslationUnit tu = parse(index, broken_tu);
  CHECK(tu != NULL);
  if (!tu) return 1;
  clang_visitChildren(clang_getTranslationUnitCursor(tu), find_erase, NULL);
  CHECK(!clang_Cursor_isNull(found));

  /* Does this libclang crash there at all? Ask in a child. */
  fflush(NULL);
  pid_t child = fork();
  if (child == 0) {
    signal(SIGSEGV, SIG_DFL);
    signal(SIGBUS, SIG_DFL);
    (void)size_of(found);
    _exit(0);
  }
  int status = 0;
  waitpid(child, &status, 0);
  if (!WIFSIGNALED(status)) {
    fprintf(stderr, "skip: this libclang does not crash on the test's query\n");
    return 77;
  }

  /* The guard catches it, twice in a row (the handler stays installed). */
  CHECK(guarded_size(found) == WTERMSIG(status));
  CHECK(guarded_size(found) == WTERMSIG(status));
  /* libclang still parses after the crash. */
  CXTranslationUnit clean = parse(index, "int add(int a, int b) { return a + b; }\n");
  CHECK(clean != NULL);
  if (clean) CHECK(clang_getNumDiagnostics(clean) == 0);

  /* Our own fault is not swallowed: the child dies of it. */
  fflush(NULL);
  child = fork();
  if (child == 0) _exit(guarded_own_fault() == 0 ? 0 : 3);
  waitpid(child, &status, 0);
  CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);

  if (fl_test_failures) fprintf(stderr, "%d check(s) failed\n", fl_test_failures);
  else printf("libclang guard: ok\n");
  return fl_test_failures ? 1 : 0;
}
