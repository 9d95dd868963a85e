# The example cache loader in both versions, as cached-file harnesses.
set(cache_dir ${CMAKE_CURRENT_LIST_DIR})
set(cache_sources ${cache_dir}/cache_common.c)
fl_add_file_harness(NAME cache_loader_buggy ADAPTER ${cache_dir}/adapter_buggy.c
                    SOURCES ${cache_sources} ${cache_dir}/cache_loader_buggy.c
                    INCLUDE_DIRS ${cache_dir})
fl_add_file_harness(NAME cache_loader_hardened ADAPTER ${cache_dir}/adapter_hardened.c
                    SOURCES ${cache_sources} ${cache_dir}/cache_loader_hardened.c
                    INCLUDE_DIRS ${cache_dir})
