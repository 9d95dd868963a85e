// Look-alike (better-sqlite3): a Node addon's JavaScript methods check
// `open` and use the database handle, while `close` and the environment's
// cleanup hook free it. Node calls all three one at a time on the
// JavaScript thread (a method takes the engine's callback info; the hook
// is registered with node::AddEnvironmentCleanupHook): no race. The work
// callback of an async job runs on the thread pool, so its check-then-use
// races the JavaScript-thread close and stays reported. (The declarations
// are v8.h's, node.h's and uv.h's, reduced.)
#include <cstddef>

namespace v8 {
class Value;
class Isolate;
template <typename T>
class FunctionCallbackInfo {
 public:
  int Length() const;
  Isolate *GetIsolate() const;
};
}  // namespace v8
namespace node {
void AddEnvironmentCleanupHook(v8::Isolate *isolate, void (*fun)(void *arg), void *arg);
}
extern "C" {
struct sqlite3;
int sqlite3_exec(sqlite3 *db, const char *sql);
int sqlite3_close(sqlite3 *db);
typedef struct uv_work_s {
  void *data;
} uv_work_t;
int uv_queue_work(void *loop, uv_work_t *req, void (*work_cb)(uv_work_t *req),
                  void (*after_work_cb)(uv_work_t *req, int status));
}

class Database {
 public:
  static void JS_exec(const v8::FunctionCallbackInfo<v8::Value> &info);
  static void JS_close(const v8::FunctionCallbackInfo<v8::Value> &info);
  static void JS_execAsync(const v8::FunctionCallbackInfo<v8::Value> &info);
  static void Cleanup(void *arg);
  void CloseHandles() {
    if (open) {
      open = false;
      sqlite3_close(db_handle);
    }
  }
  bool open = true;
  sqlite3 *db_handle = nullptr;
  uv_work_t work;
};

static Database *current;

void Database::JS_exec(const v8::FunctionCallbackInfo<v8::Value> &info) {
  (void)info;
  Database *db = current;
  if (!db->open) return;
  sqlite3_exec(db->db_handle, "select 1"); // no-finding
}

void Database::JS_close(const v8::FunctionCallbackInfo<v8::Value> &info) {
  (void)info;
  current->CloseHandles();
}

void Database::Cleanup(void *arg) { static_cast<Database *>(arg)->CloseHandles(); }

static void exec_work(uv_work_t *req) {
  Database *db = static_cast<Database *>(req->data);
  if (!db->open) return;
  sqlite3_exec(db->db_handle, "vacuum"); // expect: handle-check-then-use
}

static void exec_done(uv_work_t *req, int status) {
  (void)req;
  (void)status;
}

void Database::JS_execAsync(const v8::FunctionCallbackInfo<v8::Value> &info) {
  Database *db = current;
  db->work.data = db;
  node::AddEnvironmentCleanupHook(info.GetIsolate(), Cleanup, db);
  uv_queue_work(nullptr, &db->work, exec_work, exec_done);
}
