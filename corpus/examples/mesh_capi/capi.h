/* The C API a Go or Python binding would call. */
#ifndef MESH_CAPI_H
#define MESH_CAPI_H
#include <stddef.h>
#ifdef __cplusplus
extern "C" {
#endif

typedef struct mesh mesh;
typedef int (*mesh_parse_fn)(const char *text, void *user);

mesh *mesh_new(void);
void mesh_free(mesh *m);
const char *mesh_peer_name(mesh *m, size_t index);
const char *mesh_peer_name_safe(mesh *m, size_t index);
int mesh_on_config(mesh *m, mesh_parse_fn parse, void *user);
int mesh_register_port_parser(mesh *m);
int *mesh_alloc_table(size_t count);

#ifdef __cplusplus
}
#endif
#endif
