/* Strings, locations, tokens and declaration names for the libclang
 * frontend. Everything returned lives in the unit arena. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cx_internal.h"

/* Copies a CXString into the arena and disposes it; never NULL. */
const char *cx_take(cx_lower *cx, CXString s) {
  const char *text = clang_getCString(s);
  const char *copy = fl_arena_strdup(cx->arena, text ? text : "");
  clang_disposeString(s);
  return copy;
}

const char *cx_basename(const char *path) {
  const char *slash = path ? strrchr(path, '/') : NULL;
  return slash ? slash + 1 : path;
}

/* The path of `file` as the unit names it: the main file keeps the path the
 * caller gave; headers use clang's spelling. Cached per file. */
static const char *file_path(cx_lower *cx, CXFile file) {
  if (!file) return NULL;
  if (cx->main_file && clang_File_isEqual(file, cx->main_file)) return cx->unit->path;
  const char *path = cx_ptrmap_get(&cx->files, file);
  if (!path) {
    path = cx_take(cx, clang_getFileName(file));
    if (path && path[0] != '/' && cx->working_dir)
      path = fl_arena_printf(cx->arena, "%s/%s", cx->working_dir, path);
    cx_ptrmap_put(&cx->files, file, (void *)path);
  }
  return path;
}

fl_loc cx_loc_at(cx_lower *cx, CXSourceLocation start, CXSourceLocation end) {
  fl_loc loc = {0};
  CXFile file = NULL, end_file = NULL;
  unsigned line = 0, col = 0, end_line = 0, end_col = 0;
  clang_getExpansionLocation(start, &file, &line, &col, NULL);
  clang_getExpansionLocation(end, &end_file, &end_line, &end_col, NULL);
  loc.file = file_path(cx, file);
  loc.line = line;
  loc.col = col;
  if (end_file == file) {
    loc.end_line = end_line;
    loc.end_col = end_col;
  }
  return loc;
}

fl_loc cx_loc(cx_lower *cx, CXCursor c) {
  CXSourceRange range = clang_getCursorExtent(c);
  return cx_loc_at(cx, clang_getRangeStart(range), clang_getRangeEnd(range));
}

/* Where an expression starts, without its end: measuring a cursor's extent
 * makes libclang re-lex its last token, too slow for every expression. */
fl_loc cx_point(cx_lower *cx, CXCursor c) {
  CXSourceLocation at = clang_getCursorLocation(c);
  fl_loc loc = cx_loc_at(cx, at, at);
  loc.end_line = loc.end_col = 0;
  return loc;
}

bool cx_in_system_header(CXCursor c) {
  return clang_Location_isInSystemHeader(clang_getCursorLocation(c)) != 0;
}

/* Whether cursor c is written by a macro a system header defines
 * (PYBIND11_MODULE(name, m) writing `extern "C" PyObject *PyInit_name()`):
 * its location is a macro expansion in the preprocessing record whose
 * macro is defined in a system header. libclang 14 cannot tell a macro
 * body's tokens from its arguments' by location, so a call is asked this
 * only inside a function the macro writes (cx_fn.library_macro), where the
 * calls it writes itself are the library's and the body the user writes
 * after the macro is ordinary source. */
bool cx_defined_by_system_macro(cx_lower *cx, CXCursor c) {
  CXFile file = NULL;
  unsigned offset = 0;
  clang_getExpansionLocation(clang_getCursorLocation(c), &file, NULL, NULL, &offset);
  if (!file) return false;
  CXCursor *expansion = cx_ptrmap_get(&cx->macro_expansions, cx_expansion_key(cx, file, offset));
  if (!expansion) return false;
  CXCursor macro = clang_getCursorReferenced(*expansion);
  return !clang_Cursor_isNull(macro) && clang_Location_isInSystemHeader(clang_getCursorLocation(macro)) != 0;
}

/* Compiler-made nodes (default arguments, the dummy int of a postfix
 * operator++ call) have no location. */
bool cx_loc_valid(CXCursor c) {
  CXFile file = NULL;
  unsigned line = 0;
  clang_getExpansionLocation(clang_getCursorLocation(c), &file, &line, NULL, NULL);
  return line != 0;
}

/* The tokens of the range that starts and ends at `loc`: the one token
 * spelled there. Not clang_getToken: it lexes from the spelling location of
 * `loc` to that of (loc + the token's length), and inside a macro expansion
 * the second can belong to the next expansion and be spelled anywhere in
 * the file; libclang then lexes everything in between (98% of a run on
 * Cython's 11 MB lxml etree.c: 174 s against 2.4 s for clang
 * -fsyntax-only). Free with clang_disposeTokens. */
static unsigned tokens_at(cx_lower *cx, CXSourceLocation loc, CXToken **tokens) {
  unsigned ntokens = 0;
  *tokens = NULL;
  clang_tokenize(cx->tu, clang_getRange(loc, loc), tokens, &ntokens);
  return ntokens;
}

/* Copies the token's spelling into buf (truncated). */
static void spell_token(cx_lower *cx, CXToken token, char *buf, size_t size) {
  CXString s = clang_getTokenSpelling(cx->tu, token);
  const char *text = clang_getCString(s);
  snprintf(buf, size, "%s", text ? text : "");
  clang_disposeString(s);
}

const char *cx_token_at(cx_lower *cx, CXSourceLocation loc, char *buf, size_t size) {
  buf[0] = '\0';
  CXToken *tokens;
  unsigned ntokens = tokens_at(cx, loc, &tokens);
  if (ntokens && clang_getTokenKind(tokens[0]) != CXToken_Comment) spell_token(cx, tokens[0], buf, size);
  if (tokens) clang_disposeTokens(cx->tu, tokens, ntokens);
  return buf;
}

/* Where the token at `loc` is spelled: the token lexed there carries a
 * file location (clang_getSpellingLocation would give the expansion point
 * for a token of a macro body). False when there is no token. */
static bool spelled_at(cx_lower *cx, CXSourceLocation loc, CXSourceLocation *token_loc,
                       CXFile *file, unsigned *offset) {
  CXToken *tokens;
  unsigned ntokens = tokens_at(cx, loc, &tokens);
  if (!ntokens) return false;
  *token_loc = clang_getTokenLocation(cx->tu, tokens[0]);
  clang_disposeTokens(cx->tu, tokens, ntokens);
  *file = NULL;
  clang_getFileLocation(*token_loc, file, NULL, NULL, offset);
  return *file != NULL;
}

static bool is_word_char(char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
         ch == '_';
}

/* Farther apart than this, `from` and `to` are not one expression's
 * operands, and lexing between them is not worth it. */
#define TOKEN_BEFORE_MAX_BYTES 512

const char *cx_token_before(cx_lower *cx, CXSourceLocation from, CXSourceLocation to, char *buf,
                            size_t size, unsigned *offset_out) {
  buf[0] = '\0';
  CXSourceLocation from_token, to_token;
  CXFile from_file, to_file;
  unsigned from_offset, to_offset;
  if (!spelled_at(cx, from, &from_token, &from_file, &from_offset) ||
      !spelled_at(cx, to, &to_token, &to_file, &to_offset) ||
      !clang_File_isEqual(from_file, to_file) || to_offset <= from_offset ||
      to_offset - from_offset > TOKEN_BEFORE_MAX_BYTES)
    return buf;
  CXToken *tokens = NULL;
  unsigned ntokens = 0;
  clang_tokenize(cx->tu, clang_getRange(from_token, to_token), &tokens, &ntokens);
  for (unsigned i = ntokens; i-- > 0;) {
    unsigned offset = 0;
    clang_getFileLocation(clang_getTokenLocation(cx->tu, tokens[i]), NULL, NULL, NULL, &offset);
    if (offset >= to_offset) continue;
    if (clang_getTokenKind(tokens[i]) == CXToken_Punctuation) {
      spell_token(cx, tokens[i], buf, size);
      if (offset_out) *offset_out = offset;
    }
    break;
  }
  clang_disposeTokens(cx->tu, tokens, ntokens);
  return buf;
}

/* Operator characters, and how far back an operator written before an
 * operand is looked for. */
#define OPERATOR_CHARS "=<>!&|+-*/%^,"
#define OPERATOR_MAX_LEN 3

/* The text of the file the token at `loc` is spelled in (libclang's
 * buffer: no copy, no I/O), with the token's offset in it; NULL when there
 * is no token or text. */
static const char *spelled_text(cx_lower *cx, CXSourceLocation loc, CXFile *file, unsigned *offset,
                                size_t *length) {
  CXSourceLocation token;
  *length = 0;
  if (!spelled_at(cx, loc, &token, file, offset)) return NULL;
  const char *text = clang_getFileContents(cx->tu, *file, length);
  return text && *offset < *length ? text : NULL;
}

/* From the opening quote of a string or character literal at text[at],
 * the offset of its closing quote (or `end`): commas and parens in it are
 * text. */
static size_t skip_literal(const char *text, size_t at, size_t end) {
  char quote = text[at];
  for (at++; at < end && text[at] != quote; at++)
    if (text[at] == '\\') at++;
  return at;
}

/* Copies text[begin, end) into buf when it spells an operator. */
static bool copy_operator(const char *text, size_t begin, size_t end, char *buf, size_t size) {
  char candidate[OPERATOR_MAX_LEN + 1];
  if (end <= begin || end - begin > OPERATOR_MAX_LEN) return false;
  memcpy(candidate, text + begin, end - begin);
  candidate[end - begin] = '\0';
  if (!cx_is_operator(candidate)) return false;
  snprintf(buf, size, "%s", candidate);
  return true;
}

/* Back from `at` over blanks, line continuations and block comments; 0
 * when an unopened comment reaches the start (no operator there). */
static size_t skip_blanks_backward(const char *text, size_t at) {
  for (;;) {
    while (at > 0 && (text[at - 1] == ' ' || text[at - 1] == '\t' || text[at - 1] == '\n' ||
                      text[at - 1] == '\r' || text[at - 1] == '\\'))
      at--;
    if (at < 2 || text[at - 1] != '/' || text[at - 2] != '*') return at;
    size_t open = at - 2;
    while (open >= 2 && !(text[open - 2] == '/' && text[open - 1] == '*')) open--;
    if (open < 2) return 0;
    at = open - 2;
  }
}

const char *cx_operator_before(cx_lower *cx, CXSourceLocation loc, char *buf, size_t size) {
  buf[0] = '\0';
  CXFile file;
  unsigned offset;
  size_t length;
  const char *text = spelled_text(cx, loc, &file, &offset, &length);
  if (!text) return buf;
  size_t at = skip_blanks_backward(text, offset);
  size_t start = at;
  while (start > 0 && at - start < OPERATOR_MAX_LEN && strchr(OPERATOR_CHARS, text[start - 1])) start--;
  /* The longest operator that ends there ("a >= (b)": ">=", not "="). */
  for (size_t from = start; from < at; from++)
    if (copy_operator(text, from, at, buf, size)) break;
  return buf;
}

/* Past blanks, line continuations and block comments from `at`; a line
 * end that is no continuation ends a macro body (`in_macro`): it stops
 * there. */
static size_t skip_blanks_forward(const char *text, size_t length, size_t at, bool in_macro) {
  for (;;) {
    while (at < length && (text[at] == ' ' || text[at] == '\t' || text[at] == '\r' ||
                           (text[at] == '\n' && !in_macro) ||
                           (text[at] == '\\' && at + 1 < length &&
                            (text[at + 1] == '\n' || text[at + 1] == '\r'))))
      at += text[at] == '\\' ? 2 : 1;
    if (at + 1 < length && text[at] == '/' && text[at + 1] == '*') {
      size_t close = at + 2;
      while (close + 1 < length && !(text[close] == '*' && text[close + 1] == '/')) close++;
      if (close + 1 >= length) return length;
      at = close + 2;
      continue;
    }
    return at;
  }
}

const char *cx_operator_after(cx_lower *cx, CXSourceLocation loc, char *buf, size_t size) {
  buf[0] = '\0';
  CXFile file;
  unsigned offset;
  size_t length;
  const char *text = spelled_text(cx, loc, &file, &offset, &length);
  if (!text) return buf;
  CXFile expansion_file = NULL;
  unsigned expansion = 0;
  clang_getExpansionLocation(loc, &expansion_file, NULL, NULL, &expansion);
  bool in_macro = !clang_File_isEqual(expansion_file, file) || expansion != offset;
  size_t at = offset;
  if (text[at] == '(') { /* a parenthesized operand: to its matching ')' */
    int depth = 0;
    for (; at < length; at++) {
      char ch = text[at];
      if (ch == '"' || ch == '\'') {
        at = skip_literal(text, at, length);
      } else if (ch == '(') {
        depth++;
      } else if (ch == ')' && --depth == 0) {
        at++;
        break;
      }
    }
    if (depth != 0) return buf;
  } else if (is_word_char(text[at])) {
    while (at < length && is_word_char(text[at])) at++;
  } else {
    return buf;
  }
  at = skip_blanks_forward(text, length, at, in_macro);
  size_t end = at;
  while (end < length && end - at < OPERATOR_MAX_LEN && strchr(OPERATOR_CHARS, text[end])) end++;
  if (end - at >= 2 && ((text[at] == '-' && text[at + 1] == '>') || /* p->field: no operand end */
                        (text[at] == '/' && (text[at + 1] == '/' || text[at + 1] == '*'))))
    return buf;
  for (size_t stop = end; stop > at; stop--) /* the longest operator that starts there */
    if (copy_operator(text, at, stop, buf, size)) break;
  return buf;
}

bool cx_separates_arguments(cx_lower *cx, CXSourceLocation loc, unsigned offset) {
  CXFile invocation_file = NULL, file = NULL;
  unsigned invocation = 0;
  clang_getExpansionLocation(loc, &invocation_file, NULL, NULL, &invocation);
  unsigned spelled = 0;
  size_t length;
  const char *text = invocation_file ? spelled_text(cx, loc, &file, &spelled, &length) : NULL;
  if (!text || !clang_File_isEqual(file, invocation_file) || spelled <= invocation || offset <= spelled ||
      offset >= length)
    return false; /* not a macro argument written where the macro is invoked */
  size_t at = invocation;
  while (at < length && is_word_char(text[at])) at++; /* the macro's name */
  at = skip_blanks_forward(text, length, at, false);
  if (at >= length || text[at] != '(') return false;
  int depth = 0;
  for (; at < offset; at++) {
    char ch = text[at];
    if (ch == '"' || ch == '\'') {
      at = skip_literal(text, at, offset);
    } else if (ch == '(' || ch == '[' || ch == '{') {
      depth++;
    } else if (ch == ')' || ch == ']' || ch == '}') {
      if (--depth <= 0) return false; /* the invocation ended before it */
    }
  }
  return depth == 1;
}

/* Wider than this, a file range is cut to its first token: no caller
 * wants more (an extent's text stops at max_tokens tokens anyway, a for
 * header or a lambda's introducer is short). */
#define FILE_RANGE_MAX_BYTES 4096

/* The extent as the file shows it: a macro argument where it is written, a
 * macro body's tokens as the invocation. Tokenizing the extent itself lexes
 * from where its start is spelled to where its end is, and for an
 * expression from a macro body those are the macro's #define and the
 * invocation: everything between them, as text and as time. Null when the
 * ends are in different files or out of order. */
CXSourceRange cx_file_range(cx_lower *cx, CXSourceRange extent, bool *cut) {
  CXFile begin_file = NULL, end_file = NULL;
  unsigned begin = 0, end = 0;
  clang_getFileLocation(clang_getRangeStart(extent), &begin_file, NULL, NULL, &begin);
  clang_getFileLocation(clang_getRangeEnd(extent), &end_file, NULL, NULL, &end);
  *cut = false;
  if (!begin_file || !clang_File_isEqual(begin_file, end_file) || end < begin)
    return clang_getNullRange();
  if (end - begin > FILE_RANGE_MAX_BYTES) {
    end = begin;
    *cut = true;
  }
  return clang_getRange(clang_getLocationForOffset(cx->tu, begin_file, begin),
                        clang_getLocationForOffset(cx->tu, end_file, end));
}

/* Joins the extent's tokens with a space only where two words would
 * otherwise run together, so the text does not depend on the source's
 * whitespace ("sizeof(struct foo)", "new int[n]"). */
const char *cx_extent_text(cx_lower *cx, CXCursor c, unsigned max_tokens) {
  CXToken *tokens = NULL;
  unsigned ntokens = 0;
  bool cut = false;
  CXSourceRange range = cx_file_range(cx, clang_getCursorExtent(c), &cut);
  if (!clang_Range_isNull(range)) clang_tokenize(cx->tu, range, &tokens, &ntokens);
  fl_strbuf text = FL_STRBUF_INIT;
  for (unsigned i = 0; i < ntokens && i < max_tokens; i++) {
    CXString s = clang_getTokenSpelling(cx->tu, tokens[i]);
    const char *spelling = clang_getCString(s);
    if (spelling && *spelling) {
      if (text.len && is_word_char(text.data[text.len - 1]) && is_word_char(spelling[0]))
        fl_strbuf_append(&text, " ");
      fl_strbuf_append(&text, spelling);
    }
    clang_disposeString(s);
  }
  if (ntokens > max_tokens || cut) fl_strbuf_append(&text, "...");
  if (tokens) clang_disposeTokens(cx->tu, tokens, ntokens);
  const char *copy = fl_arena_strdup(cx->arena, text.data ? text.data : "");
  fl_strbuf_free(&text);
  return copy;
}

/* A declaration cursor carries its Decl* in data[0]; clang_equalCursors
 * compares exactly that for declarations, so it is the declaration's
 * identity for our caches. */
const void *cx_decl_key(CXCursor decl) { return decl.data[0]; }

_Static_assert(sizeof(uintptr_t) >= 8, "expansion keys pack a file number and an offset");

/* Files are numbered from 1 in the order first asked for, so that (number,
 * offset) packs into one pointer-sized key without collisions. */
const void *cx_expansion_key(cx_lower *cx, CXFile file, unsigned offset) {
  uintptr_t number = (uintptr_t)cx_ptrmap_get(&cx->file_numbers, file);
  if (!number) {
    number = cx->file_numbers.count + 1;
    cx_ptrmap_put(&cx->file_numbers, file, (void *)number);
  }
  return (const void *)((number << 32) | offset);
}

void cx_note_macro_expansion(cx_lower *cx, CXCursor expansion) {
  CXFile file;
  unsigned offset;
  clang_getExpansionLocation(clang_getCursorLocation(expansion), &file, NULL, NULL, &offset);
  if (!file) return;
  CXCursor *noted = FL_ARENA_NEW(cx->arena, CXCursor);
  *noted = expansion;
  cx_ptrmap_put(&cx->macro_expansions, cx_expansion_key(cx, file, offset), noted);
}

static bool is_record_kind(enum CXCursorKind kind) {
  return kind == CXCursor_StructDecl || kind == CXCursor_ClassDecl || kind == CXCursor_UnionDecl ||
         kind == CXCursor_ClassTemplate || kind == CXCursor_ClassTemplatePartialSpecialization;
}

static bool is_function_kind(enum CXCursorKind kind) {
  return kind == CXCursor_FunctionDecl || kind == CXCursor_CXXMethod ||
         kind == CXCursor_Constructor || kind == CXCursor_Destructor ||
         kind == CXCursor_ConversionFunction || kind == CXCursor_FunctionTemplate;
}

/* Appends one name component, dropping template arguments ("atomic<int>"
 * -> "atomic") except in operator names ("operator<"). */
static void append_component(fl_strbuf *name, const char *component) {
  size_t n = strlen(component);
  if (strncmp(component, "operator", 8) != 0) {
    const char *angle = strchr(component, '<');
    if (angle) n = (size_t)(angle - component);
  }
  fl_strbuf_appendn(name, component, n);
}

/* Fully qualified name of a declaration: namespaces and classes joined with
 * "::" (inline namespaces and linkage specs skipped, no parameters). */
const char *cx_qualified_name(cx_lower *cx, CXCursor decl) {
  CXCursor chain[32];
  unsigned depth = 0;
  for (CXCursor c = decl; depth < 32; c = clang_getCursorSemanticParent(c)) {
    enum CXCursorKind kind = clang_getCursorKind(c);
    if (kind == CXCursor_TranslationUnit || clang_Cursor_isNull(c) || clang_isInvalid(kind)) break;
    if (kind == CXCursor_LinkageSpec) continue;
    if (kind == CXCursor_Namespace && clang_Cursor_isInlineNamespace(c)) continue;
    if (depth > 0 && kind != CXCursor_Namespace && !is_record_kind(kind) && !is_function_kind(kind))
      continue;
    chain[depth++] = c;
  }
  fl_strbuf name = FL_STRBUF_INIT;
  for (unsigned i = depth; i-- > 0;) {
    CXString s = clang_getCursorSpelling(chain[i]);
    const char *spelling = clang_getCString(s);
    if (name.len) fl_strbuf_append(&name, "::");
    if (spelling && *spelling)
      append_component(&name, spelling);
    else
      fl_strbuf_append(&name, clang_getCursorKind(chain[i]) == CXCursor_Namespace
                                  ? "(anonymous namespace)"
                                  : "(anonymous)");
    clang_disposeString(s);
  }
  const char *copy = fl_arena_strdup(cx->arena, name.data ? name.data : "");
  fl_strbuf_free(&name);
  return copy;
}

static bool in_linkage_spec(CXCursor c) {
  for (int depth = 0; depth < 16; depth++) {
    c = clang_getCursorLexicalParent(c);
    enum CXCursorKind kind = clang_getCursorKind(c);
    /* libclang 14 reports `extern "C" { }` as an unexposed declaration */
    if (kind == CXCursor_LinkageSpec || kind == CXCursor_UnexposedDecl) return true;
    if (kind == CXCursor_TranslationUnit || clang_Cursor_isNull(c) || clang_isInvalid(kind))
      return false;
  }
  return false;
}

/* C language linkage: every function of a C unit; in C++ a non-member
 * declared inside `extern "C"` (in this or its first declaration), and the
 * compiler's builtins. */
static bool has_c_language_linkage(cx_lower *cx, CXCursor decl, const char *name) {
  if (clang_getCursorKind(decl) != CXCursor_FunctionDecl) return false; /* members: never */
  if (!cx->is_cxx) return true;
  if (strncmp(name, "__builtin", 9) == 0 || strncmp(name, "__sync_", 7) == 0 ||
      strncmp(name, "__atomic_", 9) == 0)
    return true;
  return in_linkage_spec(decl) || in_linkage_spec(clang_getCanonicalCursor(decl));
}

/* noexcept, noexcept(true), throw() and implicit destructors; a computed
 * spec is noexcept unless the type spells noexcept(false). */
static bool is_noexcept(cx_lower *cx, CXCursor decl) {
  switch (clang_getCursorExceptionSpecificationType(decl)) {
    case CXCursor_ExceptionSpecificationKind_BasicNoexcept:
    case CXCursor_ExceptionSpecificationKind_DynamicNone:
    case CXCursor_ExceptionSpecificationKind_NoThrow:
      return true;
    case CXCursor_ExceptionSpecificationKind_Unevaluated:
      return clang_getCursorKind(decl) == CXCursor_Destructor;
    case CXCursor_ExceptionSpecificationKind_ComputedNoexcept: {
      CXString s = clang_getTypeSpelling(clang_getCursorType(decl));
      bool is_false = strstr(clang_getCString(s), "noexcept(false)") != NULL;
      clang_disposeString(s);
      return !is_false;
    }
    default:
      return false;
  }
}

/* Describes a declaration once per unit: qualified name, USR and, for
 * functions, the FL_FN_* flags. The result is arena-owned and cached. */
const cx_decl_info *cx_decl(cx_lower *cx, CXCursor decl) {
  const void *key = cx_decl_key(decl);
  cx_decl_info *info = cx_ptrmap_get(&cx->decls, key);
  if (info) return info;
  info = FL_ARENA_NEW(cx->arena, cx_decl_info);
  info->name = cx_qualified_name(cx, decl);
  info->usr = cx_take(cx, clang_getCursorUSR(decl));
  enum CXCursorKind kind = clang_getCursorKind(decl);
  if (is_function_kind(kind)) {
    info->c_language = has_c_language_linkage(cx, decl, info->name);
    if (clang_getCursorLinkage(decl) == CXLinkage_Internal) info->fn_flags |= FL_FN_STATIC;
    else if (info->c_language) info->fn_flags |= FL_FN_C_LINKAGE;
    if (cx->is_cxx && is_noexcept(cx, decl)) info->fn_flags |= FL_FN_NOEXCEPT;
    if (kind != CXCursor_FunctionDecl && kind != CXCursor_FunctionTemplate)
      info->fn_flags |= FL_FN_METHOD;
    if (kind == CXCursor_CXXMethod && clang_CXXMethod_isStatic(decl))
      info->fn_flags &= ~FL_FN_METHOD;
    if (kind == CXCursor_Destructor) info->fn_flags |= FL_FN_DESTRUCTOR;
    if (clang_Cursor_isVariadic(decl)) info->fn_flags |= FL_FN_VARIADIC;
  }
  cx_ptrmap_put(&cx->decls, key, info);
  return info;
}
