/* Fixture for the output tests: a handle API with a check-then-use race. */
#include <stdlib.h>

struct stream {
	int closed;
	void *inner;
};

void inner_recv(void *inner, char *buf, int len);

void stream_recv(struct stream *s, char *buf, int len) {
	if (!s->closed)
		inner_recv(s->inner, buf, len); /* é: UTF-8 after the range */
}

void stream_free(struct stream *s) {
	s->closed = 1;
	free(s->inner);
}

extern "C" int export_parse(const char *text) {
  return std::stoi(text); // ffi-lint: ignore[unwind-across-ffi] caller validates digits first
}

extern "C" void export_copy(char *dst, const char *src, size_t n) {
  // ffi-lint: ignore[*]
  memcpy(dst, src, n);
}
