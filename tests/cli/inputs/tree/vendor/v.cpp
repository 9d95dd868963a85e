struct v_error {};

extern "C" void vendored(void) { throw v_error{}; }
