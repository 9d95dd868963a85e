void π_copy(char *dst, const char *src, unsigned n)
{
	/* ünïcödé */ memcpy(dst, src, n);
}