// Regression: member access in template bodies, in a TU whose headers are
// missing (go-sqlite3's picojson.h, libexif's C++ module), crashed libclang
// 14's type queries inside the frontend. The run must finish; nothing here
// can unwind into C.
#include "header_that_is_not_there.h"

template <class Value, class Iter>
struct json_reader {
  Iter cur;
  Value parse() {
    if (!cur.valid()) undeclared_helper(cur.pos);
    return Value(cur.value->child.first);
  }
};

template <class T>
struct holder {
  T *item;
  int size() const { return item->size + item->extra.count; }
};

extern "C" int json_count(void) noexcept { return 0; } // no-finding
