// A callback that C calls dispatches through a virtual method (node-addon-
// api's AsyncWorker: the static OnAsyncWorkExecute C calls runs the
// Execute each worker class overrides). Every override in the program may
// run: one that throws is reported, through the chain to its throw. A pure
// virtual method that nothing in the program implements, called by its own
// class on `this`, cannot run (no object of the abstract class exists), so
// it is not an unknown callee; called on another object (an interface
// implemented in code not analysed) it still is.
#include <stdexcept>

extern "C" int queue_work(void (*execute)(void *data), void *data);

class Worker {
 public:
  virtual ~Worker() {}
  void Queue() { queue_work(OnWorkExecute, this); }

 protected:
  virtual void Execute() = 0;

 private:
  static void OnWorkExecute(void *data) {
    static_cast<Worker *>(data)->Execute(); // expect: unwind-across-ffi severity=high
  }
};

class ResizeWorker : public Worker {
  void Execute() override {
    if (width_ < 0) throw std::invalid_argument("negative width");
  }
  int width_ = 0;
};

// A second throwing override: still one finding for the call.
class FailWorker : public Worker {
  void Execute() override { throw std::logic_error("not implemented"); }
};

class CountWorker : public Worker {
  void Execute() override { count_++; }
  int count_ = 0;
};

// A base with a default body: both it and the override may run.
class Probe {
 public:
  virtual ~Probe() {}
  virtual int Measure() { return 0; }
  static void Tick(void *data) {
    static_cast<Probe *>(data)->Measure(); // expect: unwind-across-ffi severity=high
  }
};

class StrictProbe : public Probe {
  int Measure() override { throw std::runtime_error("probe failed"); }
};

extern "C" int register_tick(void (*tick)(void *data), void *data);
int start_tick(Probe *p) { return register_tick(Probe::Tick, p); }

// Look-alike: an abstract task type this program never implements, whose
// own code calls the pure method (node-addon-api's AsyncWorker when no
// worker class derives from it).
class Task {
 public:
  virtual ~Task() {}
  virtual void Run() = 0;
  void Start() {
    Run(); // no-finding
  }
  static void Trampoline(void *data) {
    static_cast<Task *>(data)->Start(); // no-finding
  }
};

extern "C" int schedule(void (*fn)(void *data), void *data);
int start_task(Task *t) { return schedule(Task::Trampoline, t); }

// An interface implemented outside the analysed code: unknown, as before.
class Store {
 public:
  virtual ~Store() {}
  virtual int Put(const char *key) = 0;
};

extern "C" int store_put(Store *store, const char *key) {
  return store->Put(key); // expect: unwind-across-ffi severity=medium
}

// An abstract iterator implemented by a class template over a dependent
// base (SWIG's SwigPyIterator_T): libclang cannot name the template's
// overrides, but the class has a subclass, so the call stays unknown.
class Iter {
 public:
  virtual ~Iter() {}
  virtual int value() const = 0;
  int next() { return value(); }
  static void Step(void *data) {
    static_cast<Iter *>(data)->next(); // expect: unwind-across-ffi severity=medium
  }
};

template <class T>
class IterBase : public Iter {};

template <class T>
class IterImpl : public IterBase<T> {
 public:
  int value() const override { return 1; }
};

extern "C" int register_step(void (*step)(void *data), void *data);
int start_iter(Iter *it) { return register_step(Iter::Step, it); }
