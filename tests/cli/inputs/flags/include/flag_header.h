struct flag_error {};
