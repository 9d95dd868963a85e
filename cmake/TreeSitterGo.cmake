# tree-sitter-go grammar, fetched from the npm registry into the build tree at
# configure time (never committed), compiled as the static library target
# `tree_sitter_go` without our warning flags: it is generated third-party code.
#
#   FL_GO_FRONTEND=OFF          build without the Go frontend (no network)
#   FL_TREE_SITTER_GO_TGZ=path  use an already downloaded tree-sitter-go-*.tgz
#
# The grammar's ABI must be one the system runtime (Debian's libtree-sitter
# 0.20.7: ABI 13..14) can load; that is checked here and again at run time.
option(FL_GO_FRONTEND "Build the Go (cgo) frontend; fetches tree-sitter-go from npm" ON)
set(FL_TREE_SITTER_GO_VERSION 0.23.4)
set(FL_TREE_SITTER_GO_TGZ "" CACHE FILEPATH "Local tree-sitter-go npm tarball (offline builds)")

if(NOT FL_GO_FRONTEND)
  message(STATUS "Go frontend disabled (FL_GO_FRONTEND=OFF)")
  return()
endif()

set(_tsgo_dir ${CMAKE_BINARY_DIR}/_deps/tree-sitter-go-${FL_TREE_SITTER_GO_VERSION})
set(_tsgo_src ${_tsgo_dir}/package/src)
if(NOT EXISTS ${_tsgo_src}/parser.c OR NOT EXISTS ${_tsgo_src}/tree_sitter/parser.h)
  file(MAKE_DIRECTORY ${_tsgo_dir})
  set(_tsgo_tgz ${FL_TREE_SITTER_GO_TGZ})
  if(NOT _tsgo_tgz)
    find_program(FL_NPM npm)
    if(NOT FL_NPM)
      message(FATAL_ERROR "tree-sitter-go: npm not found (install npm, scripts/setup does), "
                          "or pass -DFL_TREE_SITTER_GO_TGZ=<tgz> or -DFL_GO_FRONTEND=OFF")
    endif()
    message(STATUS "Fetching tree-sitter-go@${FL_TREE_SITTER_GO_VERSION} with npm pack")
    execute_process(
      COMMAND ${FL_NPM} pack --silent tree-sitter-go@${FL_TREE_SITTER_GO_VERSION}
      WORKING_DIRECTORY ${_tsgo_dir}
      RESULT_VARIABLE _tsgo_rc OUTPUT_VARIABLE _tsgo_out ERROR_VARIABLE _tsgo_err
      OUTPUT_STRIP_TRAILING_WHITESPACE TIMEOUT 300)
    set(_tsgo_tgz ${_tsgo_dir}/tree-sitter-go-${FL_TREE_SITTER_GO_VERSION}.tgz)
    if(NOT _tsgo_rc EQUAL 0 OR NOT EXISTS ${_tsgo_tgz})
      message(FATAL_ERROR "tree-sitter-go: `npm pack tree-sitter-go@${FL_TREE_SITTER_GO_VERSION}` "
                          "failed (${_tsgo_rc}): ${_tsgo_err}\nPass -DFL_TREE_SITTER_GO_TGZ=<tgz> "
                          "or -DFL_GO_FRONTEND=OFF")
    endif()
  endif()
  execute_process(
    COMMAND ${CMAKE_COMMAND} -E tar xzf ${_tsgo_tgz} package/src/parser.c
            package/src/tree_sitter/parser.h package/src/tree_sitter/alloc.h
            package/src/tree_sitter/array.h
    WORKING_DIRECTORY ${_tsgo_dir} RESULT_VARIABLE _tsgo_rc)
  if(NOT _tsgo_rc EQUAL 0 OR NOT EXISTS ${_tsgo_src}/parser.c)
    message(FATAL_ERROR "tree-sitter-go: cannot extract src/parser.c from ${_tsgo_tgz}")
  endif()
endif()

# ABI check: the grammar's LANGUAGE_VERSION against the runtime's range.
file(STRINGS ${_tsgo_src}/parser.c _tsgo_abi_line REGEX "^#define LANGUAGE_VERSION [0-9]+")
string(REGEX REPLACE ".* ([0-9]+)$" "\\1" _tsgo_abi "${_tsgo_abi_line}")
find_file(FL_TREE_SITTER_API_H tree_sitter/api.h HINTS ${TREE_SITTER_INCLUDE_DIRS})
if(FL_TREE_SITTER_API_H)
  file(STRINGS ${FL_TREE_SITTER_API_H} _ts_max REGEX "#define TREE_SITTER_LANGUAGE_VERSION [0-9]+")
  file(STRINGS ${FL_TREE_SITTER_API_H} _ts_min REGEX "#define TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION [0-9]+")
  string(REGEX REPLACE ".* ([0-9]+)$" "\\1" _ts_max "${_ts_max}")
  string(REGEX REPLACE ".* ([0-9]+)$" "\\1" _ts_min "${_ts_min}")
  if(_tsgo_abi GREATER _ts_max OR _tsgo_abi LESS _ts_min)
    message(FATAL_ERROR "tree-sitter-go ${FL_TREE_SITTER_GO_VERSION} has grammar ABI ${_tsgo_abi}; "
                        "the installed tree-sitter runtime loads ABI ${_ts_min}..${_ts_max}")
  endif()
endif()

add_library(tree_sitter_go STATIC ${_tsgo_src}/parser.c)
target_include_directories(tree_sitter_go PRIVATE ${_tsgo_src})
set_target_properties(tree_sitter_go PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
target_compile_options(tree_sitter_go PRIVATE -w)
set(FL_TREE_SITTER_GO_ABI ${_tsgo_abi})
