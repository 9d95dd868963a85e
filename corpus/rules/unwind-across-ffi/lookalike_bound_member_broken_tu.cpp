// Regression: a TU broken by what a missing header leaves behind (golibsass
// linted without its cgo CFLAGS; reduced from its position.hpp, the stray
// backslash included) left `str.erase` with the placeholder
// `<bound member function type>`, whose layout libclang 14 crashed
// computing. The run must finish; nothing here can unwind into C.
extern "C" int token_count(void) noexcept { return 0; } // no-finding
#include <iostream>
namespace Sass {
  template <typename T> using Allocator = std::allocator<T>;
    pointer allocate(size_type count, const_pointer /* hint */ = 0)
    {
      return (pointer)(Sass::allocateMem(count * sizeof(T)));
    }
#endif
  namespace sass {
    template <typename T> using vector = std::vector<T, Sass::Allocator<T>>;
    using string = std::basic_string<char, std::char_traits<char>, Sass::Allocator<char>>;
  template<> const T* Cast(const AST_Node* ptr); \
    size_t length()    const { return end - begin; }
    sass::string ws_before() const { return sass::string(prefix, begin); }
    sass::string to_string() const { return sass::string(begin, end); }
    sass::string time_wspace() const {
      sass::string str(to_string());
      sass::string whitespaces(" \t\f\v\n\r");
      return str.erase(str.find_last_not_of(whitespaces)+1);
