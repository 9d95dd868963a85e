// Two roots reach the same origin, one of them through a virtual call with
// several overrides. The virtual call is reported through the override
// that lets the worst out; the origin it does not report through stays
// the other root's to report (it is counted only over the sites reported).
#include <stdexcept>

namespace lib {
int lookup(int key);  // elsewhere: an unknown C++ callee
}

class Store {
 public:
  virtual ~Store() {}
  virtual int get(int key) = 0;
};

class StrictStore : public Store {
 public:
  int get(int key) override {
    if (key < 0) throw std::out_of_range("negative key");
    return key;
  }
};

class RemoteStore : public Store {
 public:
  int get(int key) override { return lib::lookup(key); }
};

extern "C" int a_get(Store *store, int key) {
  return store->get(key); // expect: unwind-across-ffi severity=high
}

extern "C" int b_get(RemoteStore *store, int key) {
  return store->RemoteStore::get(key); // expect: unwind-across-ffi severity=medium
}
