struct h_error {};

extern "C" void hidden(void) { throw h_error{}; }
