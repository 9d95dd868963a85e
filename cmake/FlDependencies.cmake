# Locates the system libraries ffi-lint builds on (Debian 12 packages; see
# scripts/setup) and fetches the tree-sitter Go grammar from the npm registry
# into the build tree. Nothing fetched is ever committed.
find_package(PkgConfig REQUIRED)
pkg_check_modules(YAML REQUIRED IMPORTED_TARGET yaml-0.1)
pkg_check_modules(JANSSON REQUIRED IMPORTED_TARGET jansson)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(TREE_SITTER REQUIRED IMPORTED_TARGET tree-sitter)
find_package(Threads REQUIRED)

# libclang: Debian's libclang-dev installs llvm-config-14 and the headers
# under /usr/lib/llvm-14.
find_program(LLVM_CONFIG NAMES llvm-config llvm-config-14 llvm-config-15 llvm-config-16
             PATHS /usr/lib/llvm-14/bin)
if(LLVM_CONFIG)
  execute_process(COMMAND ${LLVM_CONFIG} --includedir OUTPUT_VARIABLE LLVM_INCLUDE_DIR OUTPUT_STRIP_TRAILING_WHITESPACE)
  execute_process(COMMAND ${LLVM_CONFIG} --libdir OUTPUT_VARIABLE LLVM_LIB_DIR OUTPUT_STRIP_TRAILING_WHITESPACE)
endif()
find_path(LIBCLANG_INCLUDE_DIR clang-c/Index.h HINTS ${LLVM_INCLUDE_DIR} /usr/lib/llvm-14/include)
find_library(LIBCLANG_LIBRARY NAMES clang clang-14 HINTS ${LLVM_LIB_DIR} /usr/lib/llvm-14/lib)
if(NOT LIBCLANG_INCLUDE_DIR OR NOT LIBCLANG_LIBRARY)
  message(FATAL_ERROR "libclang not found: install libclang-dev (scripts/setup does)")
endif()
add_library(fl_libclang INTERFACE)
target_include_directories(fl_libclang SYSTEM INTERFACE ${LIBCLANG_INCLUDE_DIR})
target_link_libraries(fl_libclang INTERFACE ${LIBCLANG_LIBRARY})
# The resource dir lets libclang find its builtin headers (stddef.h, ...).
execute_process(COMMAND clang -print-resource-dir OUTPUT_VARIABLE FL_CLANG_RESOURCE_DIR
                OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)

include(TreeSitterGo OPTIONAL)
