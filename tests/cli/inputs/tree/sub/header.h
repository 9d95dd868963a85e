/* Headers are not translation units: a directory walk skips them. */
int tree_header(void);
