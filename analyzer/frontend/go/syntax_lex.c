/* The Go lexer of gs_parse: tree-sitter-go 0.23.4's tokens (grammar.js).
 * Anything it is not sure to split as tree-sitter does (non-ASCII outside
 * strings and comments, NUL bytes, malformed numbers) is an ERROR token,
 * which makes the parser refuse. */
#include <stdlib.h>
#include <string.h>

#include "frontend/go/syntax_lex.h"

static bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

typedef struct keyword {
  const char *spelling;
  uint8_t length;
  uint16_t kind;
} keyword;

#define KW(spelling, kind) {spelling, sizeof spelling - 1, kind}

/* Keywords, and the words tree-sitter lexes as keyword tokens where an
 * expression may start (nil, true, false, iota: their node kinds; new and
 * make: TOK_LPAREN, as they take a type argument) -- by first letter. */
static const keyword words_b[] = {KW("break", GS_KIND_TOK_break)};
static const keyword words_c[] = {KW("case", GS_KIND_TOK_case), KW("chan", GS_KIND_TOK_chan),
                                  KW("const", GS_KIND_TOK_const), KW("continue", GS_KIND_TOK_continue)};
static const keyword words_d[] = {KW("default", GS_KIND_TOK_default), KW("defer", GS_KIND_TOK_defer)};
static const keyword words_e[] = {KW("else", GS_KIND_TOK_else)};
static const keyword words_f[] = {KW("fallthrough", GS_KIND_TOK_fallthrough), KW("for", GS_KIND_TOK_for),
                                  KW("func", GS_KIND_TOK_func), KW("false", GS_KIND_false)};
static const keyword words_g[] = {KW("go", GS_KIND_TOK_go), KW("goto", GS_KIND_TOK_goto)};
static const keyword words_i[] = {KW("if", GS_KIND_TOK_if), KW("import", GS_KIND_TOK_import),
                                  KW("interface", GS_KIND_TOK_interface), KW("iota", GS_KIND_iota)};
static const keyword words_m[] = {KW("map", GS_KIND_TOK_map), KW("make", GS_KIND_TOK_LPAREN)};
static const keyword words_n[] = {KW("nil", GS_KIND_nil), KW("new", GS_KIND_TOK_LPAREN)};
static const keyword words_p[] = {KW("package", GS_KIND_TOK_package)};
static const keyword words_r[] = {KW("range", GS_KIND_TOK_range), KW("return", GS_KIND_TOK_return)};
static const keyword words_s[] = {KW("select", GS_KIND_TOK_select), KW("struct", GS_KIND_TOK_struct),
                                  KW("switch", GS_KIND_TOK_switch)};
static const keyword words_t[] = {KW("type", GS_KIND_TOK_type), KW("true", GS_KIND_true)};
static const keyword words_v[] = {KW("var", GS_KIND_TOK_var)};

/* The case labels of WORDS: gcc does not take `"b"[0]` as a constant. */
enum {
  LETTER_b = 'b', LETTER_c = 'c', LETTER_d = 'd', LETTER_e = 'e', LETTER_f = 'f', LETTER_g = 'g',
  LETTER_i = 'i', LETTER_m = 'm', LETTER_n = 'n', LETTER_p = 'p', LETTER_r = 'r', LETTER_s = 's',
  LETTER_t = 't', LETTER_v = 'v'
};

static void word_classify(const char *at, uint32_t length, gs_token *token) {
  token->kind = GS_KIND_identifier;
  const keyword *words;
  size_t count;
#define WORDS(letter)                                                                                      \
  case LETTER_##letter:                                                                                    \
    words = words_##letter;                                                                                \
    count = sizeof words_##letter / sizeof words_##letter[0];                                              \
    break;
  switch (at[0]) {
    WORDS(b) WORDS(c) WORDS(d) WORDS(e) WORDS(f) WORDS(g) WORDS(i) WORDS(m) WORDS(n) WORDS(p) WORDS(r)
    WORDS(s) WORDS(t) WORDS(v)
  default:
    return;
  }
#undef WORDS
  for (size_t i = 0; i < count; i++) {
    if (words[i].length != length || memcmp(words[i].spelling, at, length)) continue;
    gs_kind kind = (gs_kind)words[i].kind;
    if (kind == GS_KIND_nil || kind == GS_KIND_true || kind == GS_KIND_false || kind == GS_KIND_iota ||
        kind == GS_KIND_TOK_LPAREN)
      token->word = (uint16_t)kind;
    else
      token->kind = (uint16_t)kind;
    return;
  }
}

/* The operator at s[0..left), longest match; its length in *length. */
static gs_kind operator(const char *s, uint32_t left, uint32_t *length) {
  char c1 = left > 1 ? s[1] : 0, c2 = left > 2 ? s[2] : 0;
  *length = 1;
#define TWO(second, kind)                                                                                  \
  if (c1 == (second)) {                                                                                    \
    *length = 2;                                                                                           \
    return kind;                                                                                           \
  }
  switch (s[0]) {
  case '+': TWO('+', GS_KIND_TOK_PLUS_PLUS) TWO('=', GS_KIND_TOK_PLUS_EQ) return GS_KIND_TOK_PLUS;
  case '-': TWO('-', GS_KIND_TOK_MINUS_MINUS) TWO('=', GS_KIND_TOK_MINUS_EQ) return GS_KIND_TOK_MINUS;
  case '*': TWO('=', GS_KIND_TOK_STAR_EQ) return GS_KIND_TOK_STAR;
  case '/': TWO('=', GS_KIND_TOK_SLASH_EQ) return GS_KIND_TOK_SLASH;
  case '%': TWO('=', GS_KIND_TOK_PERCENT_EQ) return GS_KIND_TOK_PERCENT;
  case '^': TWO('=', GS_KIND_TOK_CARET_EQ) return GS_KIND_TOK_CARET;
  case '=': TWO('=', GS_KIND_TOK_EQ_EQ) return GS_KIND_TOK_EQ;
  case '!': TWO('=', GS_KIND_TOK_BANG_EQ) return GS_KIND_TOK_BANG;
  case ':': TWO('=', GS_KIND_TOK_COLON_EQ) return GS_KIND_TOK_COLON;
  case '|': TWO('|', GS_KIND_TOK_BAR_BAR) TWO('=', GS_KIND_TOK_BAR_EQ) return GS_KIND_TOK_BAR;
  case '&':
    if (c1 == '^') {
      *length = c2 == '=' ? 3 : 2;
      return c2 == '=' ? GS_KIND_TOK_AMP_CARET_EQ : GS_KIND_TOK_AMP_CARET;
    }
    TWO('&', GS_KIND_TOK_AMP_AMP) TWO('=', GS_KIND_TOK_AMP_EQ) return GS_KIND_TOK_AMP;
  case '<':
    if (c1 == '<') {
      *length = c2 == '=' ? 3 : 2;
      return c2 == '=' ? GS_KIND_TOK_LT_LT_EQ : GS_KIND_TOK_LT_LT;
    }
    TWO('-', GS_KIND_TOK_LT_MINUS) TWO('=', GS_KIND_TOK_LT_EQ) return GS_KIND_TOK_LT;
  case '>':
    if (c1 == '>') {
      *length = c2 == '=' ? 3 : 2;
      return c2 == '=' ? GS_KIND_TOK_GT_GT_EQ : GS_KIND_TOK_GT_GT;
    }
    TWO('=', GS_KIND_TOK_GT_EQ) return GS_KIND_TOK_GT;
  case '.':
    if (c1 == '.' && c2 == '.') {
      *length = 3;
      return GS_KIND_TOK_DOT_DOT_DOT;
    }
    return GS_KIND_TOK_DOT;
  case ',': return GS_KIND_TOK_COMMA;
  case ';': return GS_KIND_TOK_SEMI;
  case '(': return GS_KIND_TOK_LPAREN;
  case ')': return GS_KIND_TOK_RPAREN;
  case '[': return GS_KIND_TOK_LBRACK;
  case ']': return GS_KIND_TOK_RBRACK;
  case '{': return GS_KIND_TOK_LBRACE;
  case '}': return GS_KIND_TOK_RBRACE;
  case '~': return GS_KIND_TOK_TILDE;
  default: return GS_KIND_ERROR;
  }
#undef TWO
}

/* Digits of one base with single '_' between them (tree-sitter's
 * seq(digit, repeat(seq(optional('_'), digit)))). Returns the count of
 * digits; a '_' not followed by a digit ends the run before it. */
static uint32_t digits(const char *s, uint32_t *pos, uint32_t length, bool (*digit)(char)) {
  uint32_t count = 0;
  while (*pos < length) {
    if (digit(s[*pos])) {
      (*pos)++;
      count++;
    } else if (s[*pos] == '_' && count && *pos + 1 < length && digit(s[*pos + 1])) {
      (*pos)++;
    } else {
      break;
    }
  }
  return count;
}

static bool is_dec(char c) { return is_digit(c); }
static bool is_oct(char c) { return c >= '0' && c <= '7'; }
static bool is_bin(char c) { return c == '0' || c == '1'; }

/* A number as Go spells it; ERROR when tree-sitter's longest match could
 * split it differently (leading-zero decimals, stray '_', odd exponents). */
static gs_kind number(const char *s, uint32_t *pos, uint32_t length) {
  uint32_t at = *pos;
  gs_kind kind = GS_KIND_int_literal;
  if (s[at] == '0' && at + 1 < length && (s[at + 1] | 0x20) == 'x') {
    at += 2;
    if (at < length && s[at] == '_') at++;
    uint32_t count = digits(s, &at, length, is_hex);
    if (at < length && s[at] == '.') {
      at++;
      count += digits(s, &at, length, is_hex);
      kind = GS_KIND_float_literal;
    }
    if (!count) return GS_KIND_ERROR;
    if (at < length && (s[at] | 0x20) == 'p') {
      at++;
      if (at < length && (s[at] == '+' || s[at] == '-')) at++;
      if (!digits(s, &at, length, is_dec)) return GS_KIND_ERROR;
      kind = GS_KIND_float_literal;
    } else if (kind == GS_KIND_float_literal) {
      return GS_KIND_ERROR;
    }
  } else if (s[at] == '0' && at + 1 < length && ((s[at + 1] | 0x20) == 'b' || (s[at + 1] | 0x20) == 'o')) {
    bool binary = (s[at + 1] | 0x20) == 'b';
    at += 2;
    if (at < length && s[at] == '_') at++;
    if (!digits(s, &at, length, binary ? is_bin : is_oct)) return GS_KIND_ERROR;
  } else {
    uint32_t begin = at;
    uint32_t count = s[at] == '.' ? 0 : digits(s, &at, length, is_dec);
    bool leading_zero = count > 1 && s[begin] == '0';
    if (at < length && s[at] == '.') {
      at++;
      uint32_t fraction = digits(s, &at, length, is_dec);
      if (!count && !fraction) return GS_KIND_ERROR;
      kind = GS_KIND_float_literal;
    }
    if (at < length && (s[at] | 0x20) == 'e') {
      at++;
      if (at < length && (s[at] == '+' || s[at] == '-')) at++;
      if (!digits(s, &at, length, is_dec)) return GS_KIND_ERROR;
      kind = GS_KIND_float_literal;
    }
    /* 0755 is an octal int; 089 only as a float or imaginary mantissa */
    if (leading_zero && kind == GS_KIND_int_literal && !(at < length && s[at] == 'i')) {
      for (uint32_t i = begin; i < at; i++)
        if (s[i] == '8' || s[i] == '9') return GS_KIND_ERROR;
    }
  }
  if (at < length && s[at] == 'i') {
    at++;
    kind = GS_KIND_imaginary_literal;
  }
  if (at < length && (is_letter(s[at]) || is_digit(s[at]) || s[at] == '.' || (unsigned char)s[at] >= 0x80))
    return GS_KIND_ERROR;
  *pos = at;
  return kind;
}

/* Length of the UTF-8 sequence at s (one code point), 0 if malformed. */
static uint32_t utf8_length(const char *s, uint32_t left) {
  unsigned char c = (unsigned char)s[0];
  uint32_t n = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
  if (!n || n > left || (n == 2 && c < 0xc2)) return 0;
  for (uint32_t i = 1; i < n; i++)
    if (((unsigned char)s[i] & 0xc0) != 0x80) return 0;
  return n;
}

/* The length of a non-ASCII letter at s that is surely in both Go's
 * letters and tree-sitter's XID_Start/XID_Continue, else 0 (the lexer then
 * refuses): Latin-1 and Latin Extended letters, basic Greek and Cyrillic
 * letters, CJK ideographs. */
static uint32_t letter_length(const char *s, uint32_t left) {
  if ((unsigned char)s[0] < 0x80) return 0;
  uint32_t n = utf8_length(s, left);
  if (n < 2) return 0;
  const unsigned char *u = (const unsigned char *)s;
  uint32_t code = n == 2 ? (u[0] & 0x1fu) << 6 | (u[1] & 0x3fu)
                  : n == 3 ? (u[0] & 0x0fu) << 12 | (u[1] & 0x3fu) << 6 | (u[2] & 0x3fu)
                           : 0;
  if (n == 3 && code < 0x800) return 0; /* overlong: tree-sitter reads U+FFFD */
  bool letter = (code >= 0xc0 && code <= 0x24f && code != 0xd7 && code != 0xf7) ||
                (code >= 0x391 && code <= 0x3a9 && code != 0x3a2) || (code >= 0x3b1 && code <= 0x3c9) ||
                (code >= 0x410 && code <= 0x44f) || (code >= 0x4e00 && code <= 0x9fff);
  return letter ? n : 0;
}

static gs_kind rune(const char *s, uint32_t *pos, uint32_t length) {
  uint32_t at = *pos + 1;
  if (at >= length) return GS_KIND_ERROR;
  if (s[at] == '\\') {
    at++;
    if (at >= length) return GS_KIND_ERROR;
    char c = s[at];
    uint32_t hex = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
    if (hex) {
      at++;
      for (uint32_t i = 0; i < hex; i++, at++)
        if (at >= length || !is_hex(s[at])) return GS_KIND_ERROR;
    } else if (is_oct(c)) {
      for (uint32_t i = 0; i < 3; i++, at++)
        if (at >= length || !is_oct(s[at])) return GS_KIND_ERROR;
    } else if (strchr("abfnrtv\\'\"", c) && c) {
      at++;
    } else {
      return GS_KIND_ERROR;
    }
  } else {
    if (s[at] == '\'' || s[at] == '\n' || !s[at]) return GS_KIND_ERROR;
    uint32_t n = utf8_length(s + at, length - at);
    if (!n) return GS_KIND_ERROR;
    at += n;
  }
  if (at >= length || s[at] != '\'') return GS_KIND_ERROR;
  *pos = at + 1;
  return GS_KIND_rune_literal;
}

/* Strings: the parser splits the inside again (gs_string_parts); here only
 * the extent, and ERROR for what tree-sitter would not take. */
static gs_kind string(const char *s, uint32_t *pos, uint32_t length) {
  uint32_t at = *pos + 1;
  if (s[*pos] == '`') {
    while (at < length && s[at] != '`') {
      if (!s[at]) return GS_KIND_ERROR;
      at++;
    }
    if (at >= length) return GS_KIND_ERROR;
    *pos = at + 1;
    return GS_KIND_raw_string_literal;
  }
  while (at < length && s[at] != '"') {
    if (s[at] == '\n' || !s[at]) return GS_KIND_ERROR;
    if (s[at] == '\\') at++;
    at++;
  }
  if (at >= length) return GS_KIND_ERROR;
  *pos = at + 1;
  return GS_KIND_interpreted_string_literal;
}

static bool comment_add(gs_lexer *lexer, uint32_t start, uint32_t end) {
  if (lexer->ncomments == lexer->comments_cap) {
    uint32_t cap = lexer->comments_cap ? lexer->comments_cap * 2 : 64;
    gs_comment *grown = realloc(lexer->comments, cap * sizeof *grown);
    if (!grown) return false;
    lexer->comments = grown;
    lexer->comments_cap = cap;
  }
  lexer->comments[lexer->ncomments++] = (gs_comment){start, end};
  return true;
}

bool gs_lex_next(gs_lexer *lexer, gs_token *out) {
  const char *s = lexer->source;
  uint32_t length = lexer->length, at = lexer->pos;
  *out = (gs_token){.comments_at = lexer->ncomments, .newline = GS_NO_NEWLINE};
  lexer->work++;
  for (;;) {
    while (at < length && (s[at] == ' ' || s[at] == '\t' || s[at] == '\r' || s[at] == '\n' || s[at] == '\f' ||
                           s[at] == '\v')) {
      if (s[at] == '\n' && out->newline == GS_NO_NEWLINE) out->newline = at;
      at++;
    }
    if (at + 1 < length && s[at] == '/' && (s[at + 1] == '/' || s[at + 1] == '*')) {
      uint32_t start = at;
      if (s[at + 1] == '/') {
        const char *end = memchr(s + at, '\n', length - at);
        at = end ? (uint32_t)(end - s) : length;
        /* whether tree-sitter's //.* takes a '\r' is not known here: CRLF comments are refused */
        if (memchr(s + start, '\r', at - start) || memchr(s + start, 0, at - start)) {
          out->kind = GS_KIND_ERROR;
          break;
        }
      } else {
        const char *end = NULL;
        for (uint32_t i = at + 2; i + 1 < length; i++)
          if (s[i] == '*' && s[i + 1] == '/') {
            end = s + i;
            break;
          }
        if (!end || memchr(s + start, 0, (size_t)(end - s) - start)) {
          out->kind = GS_KIND_ERROR;
          break;
        }
        at = (uint32_t)(end - s) + 2;
      }
      if (!comment_add(lexer, start, at)) return false;
      out->ncomments++;
      continue;
    }
    break;
  }
  out->start = at;
  if (out->kind == GS_KIND_ERROR) {
    out->end = at;
  } else if (at >= length) {
    out->kind = GS_KIND_NONE;
    out->end = at;
  } else {
    char c = s[at];
    if (is_letter(c) || letter_length(s + at, length - at)) {
      uint32_t begin = at, n;
      bool ascii = true;
      for (;;) {
        if (at < length && (is_letter(s[at]) || is_digit(s[at]))) {
          at++;
        } else if (at < length && (n = letter_length(s + at, length - at))) {
          at += n;
          ascii = false;
        } else {
          break;
        }
      }
      if (at < length && (unsigned char)s[at] >= 0x80) out->kind = GS_KIND_ERROR;
      else if (ascii) word_classify(s + begin, at - begin, out);
      else out->kind = GS_KIND_identifier;
    } else if (is_digit(c) || (c == '.' && at + 1 < length && is_digit(s[at + 1]))) {
      out->kind = (uint16_t)number(s, &at, length);
    } else if (c == '\'') {
      out->kind = (uint16_t)rune(s, &at, length);
    } else if (c == '"' || c == '`') {
      out->kind = (uint16_t)string(s, &at, length);
    } else {
      uint32_t n;
      out->kind = (uint16_t)operator(s + at, length - at, &n);
      at += n;
    }
    out->end = at;
  }
  lexer->pos = at;
  return true;
}
