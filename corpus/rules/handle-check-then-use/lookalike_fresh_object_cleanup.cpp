// Look-alike (node-odbc's StatementData): the functions that make a
// statement set its options (`fetch_array`) and delete it on their error
// paths, before anyone else has it. A delete of an object the function just
// allocated is an init's cleanup, not a free path racing the object's ops,
// and the option it wrote signals nothing: the op's test of `fetch_array` is
// no state check. Silent. The real free entry below (statement_close: sets
// `closed`, frees the columns) still makes the op's test of `closed` a state
// check, reported.
#include <cstdlib>
#include <new>

struct Column {
  int type;
};

struct StatementData {
  bool fetch_array = false;
  bool closed = false;
  Column **columns = nullptr;
  int column_count = 0;
  char *sql = nullptr;
  void deleteColumns() {
    for (int i = 0; i < column_count; i++) delete columns[i];
    delete[] columns;
    columns = nullptr;
    column_count = 0;
  }
  ~StatementData() {
    deleteColumns();
    delete[] sql;
  }
};

int statement_rows(StatementData *data) {
  int sum = 0;
  if (data->fetch_array == true) sum = 1;
  for (int j = 0; j < data->column_count; j++) sum += data->columns[j]->type; // no-finding
  return sum;
}

extern "C" StatementData *statement_new(bool fetch_array, const char *sql) {
  StatementData *data = new (std::nothrow) StatementData();
  data->fetch_array = fetch_array;
  if (!sql) {
    delete data;
    return nullptr;
  }
  return data;
}

/* The same in C: calloc'd, an option written, torn down when the option
 * is refused; its names come later, from cursor_fetch. */
struct cursor {
  bool want_names;
  char *names;
};

extern "C" void cursor_destroy(cursor *c) {
  std::free(c->names);
  std::free(c);
}

extern "C" cursor *cursor_new(int flags) {
  cursor *c = static_cast<cursor *>(std::calloc(1, sizeof *c));
  if (!c) return nullptr;
  c->want_names = (flags & 1) != 0;
  if (flags & ~1) {
    cursor_destroy(c);
    return nullptr;
  }
  return c;
}

extern "C" int cursor_fetch(cursor *c) {
  c->names = static_cast<char *>(std::malloc(64));
  return c->names ? 0 : -1;
}

extern "C" int cursor_first_name(cursor *c) {
  if (!c->want_names) return -1;
  return c->names[0]; // no-finding
}

extern "C" int statement_first_type(StatementData *data) {
  if (data->closed) return -1;
  return data->columns[0]->type; // expect: handle-check-then-use
}

extern "C" void statement_close(StatementData *data) {
  data->closed = true;
  data->deleteColumns();
}
