// The C++ core behind the C API.
#pragma once
#include <string>
#include <vector>

namespace mesh_core {

class Mesh {
 public:
  const std::string &peer(std::size_t index) const { return peers_.at(index); }
  void add_peer(const std::string &name) { peers_.push_back(name); }

 private:
  std::vector<std::string> peers_;
};

}  // namespace mesh_core
