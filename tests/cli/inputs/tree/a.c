int tree_a(void) { return 1; }
