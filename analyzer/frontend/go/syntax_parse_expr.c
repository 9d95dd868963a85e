/* gs_parse: expressions, types, parameter lists and string literals
 * (statements: syntax_parse.c).
 *
 * Where tree-sitter-go's GLR parser keeps two readings of `a[b]...`
 * (an index, or a generic type or call with type arguments) it keeps the
 * one with the higher dynamic precedence (grammar.js: generic_type +1,
 * type_arguments +2, type_conversion_expression and
 * type_instantiation_expression -1, a type_identifier used as a type -1);
 * index_postfix scores both readings the same way and rebuilds the winner. */
#include <string.h>

#include "frontend/go/syntax_parse.h"

enum { NOT_A_TYPE = -1000 };

static uint32_t unary(gs_parser *p);
static uint32_t type_inner(gs_parser *p, bool implicit_length_ok);
static int type_score(const gs_parser *p, uint32_t node);
static uint32_t type_conversion(gs_parser *p, uint32_t mark, uint32_t type);
static uint32_t instantiation(gs_parser *p, uint32_t mark, uint32_t type);

static const gs_node *node_at(const gs_parser *p, uint32_t node) { return &p->tree->nodes[node]; }
static gs_kind kind_of(const gs_parser *p, uint32_t node) { return (gs_kind)p->tree->nodes[node].kind; }

/* The i-th named child that is not a comment, 0 if none. */
static uint32_t named_kid(const gs_parser *p, uint32_t node, uint32_t i) {
  const gs_node *n = node_at(p, node);
  for (uint32_t k = 0; k < n->nnamed; k++) {
    uint32_t kid = p->tree->named[n->named_at + k];
    if (kind_of(p, kid) == GS_KIND_comment) continue;
    if (i-- == 0) return kid;
  }
  return 0;
}

static uint32_t kid_at(const gs_parser *p, uint32_t node, uint32_t i) {
  const gs_node *n = node_at(p, node);
  return i < n->nkids ? p->tree->kids[n->kids_at + i] : 0;
}

/* Inside brackets, braces of a literal, parentheses: newlines are blanks
 * and `T {` is a composite literal again. */
static void modes_save(gs_parser *p, bool saved[2]) { gs_modes_push(p, saved, false, false); }

/* --- Strings ------------------------------------------------------------------ */

static void leaf(gs_parser *p, gs_kind kind, bool named, uint32_t start, uint32_t end) {
  if (!gs_build_leaf(p->tree, kind, named, start, end)) gs_parser_refuse(p);
}

static bool is_hex(char c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); }

/* The end of tree-sitter-go's escape_sequence at s[at] == '\\', or 0. */
static uint32_t escape_end(const char *s, uint32_t at, uint32_t end) {
  uint32_t i = at + 1;
  char c = s[i];
  if (c == 'x') /* grammar.js says x[0-9a-fA-F]{2,}; tree-sitter takes exactly 2 */
    return i + 2 < end && is_hex(s[i + 1]) && is_hex(s[i + 2]) ? i + 3 : 0;
  if (c == 'u' || c == 'U') {
    uint32_t want = c == 'u' ? 4 : 8, j = i + 1;
    while (j < end && j < i + 1 + want && is_hex(s[j])) j++;
    return j == i + 1 + want ? j : 0;
  }
  if (c >= '0' && c <= '9') {
    uint32_t j = i;
    while (j < end && j < i + 3 && s[j] >= '0' && s[j] <= '9') j++;
    return j - i >= 2 ? j : i + 1;
  }
  return (unsigned char)c < 0x80 ? i + 1 : 0;
}

uint32_t gs_parse_string(gs_parser *p) {
  gs_kind kind = (gs_kind)p->tok.kind;
  if (kind != GS_KIND_interpreted_string_literal && kind != GS_KIND_raw_string_literal) gs_parser_refuse(p);
  uint32_t start = p->tok.start, end = p->tok.end;
  const char *s = p->lexer.source;
  gs_parser_flush(p);
  uint32_t mark = gs_mark(p);
  if (kind == GS_KIND_raw_string_literal) {
    leaf(p, GS_KIND_TOK_BACKTICK, false, start, start + 1);
    leaf(p, GS_KIND_raw_string_literal_content, true, start + 1, end - 1);
    leaf(p, GS_KIND_TOK_BACKTICK, false, end - 1, end);
  } else {
    leaf(p, GS_KIND_TOK_DQUOTE, false, start, start + 1);
    uint32_t at = start + 1, inside = end - 1;
    while (at < inside) {
      if (s[at] == '\\') {
        uint32_t stop = escape_end(s, at, inside);
        if (!stop) gs_parser_refuse(p);
        leaf(p, GS_KIND_escape_sequence, true, at, stop);
        at = stop;
      } else {
        uint32_t stop = at;
        while (stop < inside && s[stop] != '\\') stop++;
        leaf(p, GS_KIND_interpreted_string_literal_content, true, at, stop);
        at = stop;
      }
    }
    leaf(p, GS_KIND_TOK_DQUOTE, false, end - 1, end);
  }
  gs_parser_advance(p);
  return gs_close(p, mark, kind);
}

/* --- Types ---------------------------------------------------------------------- */

bool gs_type_starts(const gs_parser *p) {
  switch (p->tok.kind) {
  case GS_KIND_identifier: case GS_KIND_TOK_STAR: case GS_KIND_TOK_LBRACK: case GS_KIND_TOK_map:
  case GS_KIND_TOK_chan: case GS_KIND_TOK_func: case GS_KIND_TOK_struct: case GS_KIND_TOK_interface:
  case GS_KIND_TOK_LT_MINUS: case GS_KIND_TOK_LPAREN:
    return true;
  default:
    return false;
  }
}

/* type_elem (or its alias type_constraint): types joined by '|'. */
static uint32_t type_elem(gs_parser *p, gs_kind kind) {
  uint32_t mark = gs_mark(p);
  gs_parse_type(p);
  while (gs_at(p, GS_KIND_TOK_BAR)) {
    gs_token_take(p);
    gs_parse_type(p);
  }
  return gs_close(p, mark, kind);
}

/* '[' item {',' item} [','] ']' */
static void bracketed(gs_parser *p, uint32_t (*item)(gs_parser *p)) {
  bool saved[2];
  modes_save(p, saved);
  gs_expect(p, GS_KIND_TOK_LBRACK);
  for (;;) {
    item(p);
    if (!gs_at(p, GS_KIND_TOK_COMMA)) break;
    gs_token_take(p);
    if (gs_at(p, GS_KIND_TOK_RBRACK)) break;
  }
  gs_expect(p, GS_KIND_TOK_RBRACK);
  gs_modes_pop(p, saved);
}

static uint32_t type_argument(gs_parser *p) { return type_elem(p, GS_KIND_type_elem); }

static uint32_t type_arguments(gs_parser *p) {
  uint32_t mark = gs_mark(p);
  bracketed(p, type_argument);
  return gs_close(p, mark, GS_KIND_type_arguments);
}

/* field_declaration_list / interface_type body: items separated by
 * terminators, an optional one after the last. */
static void member_list(gs_parser *p, uint32_t (*member)(gs_parser *p)) {
  bool saved[2];
  modes_save(p, saved);
  p->nl_ends = true;
  gs_expect(p, GS_KIND_TOK_LBRACE);
  while (!gs_at(p, GS_KIND_TOK_RBRACE)) {
    member(p);
    if (gs_at(p, GS_KIND_TOK_RBRACE)) {
      gs_parser_terminator(p);
      break;
    }
    if (!gs_parser_terminator(p)) gs_parser_refuse(p);
  }
  gs_expect(p, GS_KIND_TOK_RBRACE);
  gs_modes_pop(p, saved);
}

/* What may follow an embedded field's type. */
static bool field_ends(const gs_token *next) {
  return next->newline != GS_NO_NEWLINE || next->kind == GS_KIND_TOK_SEMI || next->kind == GS_KIND_TOK_RBRACE ||
         next->kind == GS_KIND_interpreted_string_literal || next->kind == GS_KIND_raw_string_literal;
}

static uint32_t field_declaration(gs_parser *p) {
  uint32_t mark = gs_mark(p);
  bool embedded = gs_at(p, GS_KIND_TOK_STAR);
  if (gs_at(p, GS_KIND_identifier)) {
    gs_token next = gs_parser_peek(p, 1);
    embedded = field_ends(&next) || next.kind == GS_KIND_TOK_DOT;
    if (next.kind == GS_KIND_TOK_LBRACK && next.newline == GS_NO_NEWLINE &&
        gs_parser_peek(p, 2).kind != GS_KIND_TOK_RBRACK) {
      /* G[T] alone: an embedded generic type; else a name and an array type */
      gs_parser_state state = gs_parser_save(p);
      embedded = gs_parser_attempt(p, gs_parse_type) && field_ends(&p->tok);
      gs_parser_restore(p, &state);
    }
  } else if (!embedded) {
    gs_parser_refuse(p);
  }
  if (embedded) {
    if (gs_at(p, GS_KIND_TOK_STAR)) gs_token_take(p);
    if (!gs_at(p, GS_KIND_identifier)) gs_parser_refuse(p);
    gs_field_set(p, gs_parse_type(p), GS_FIELD_type);
  } else {
    for (;;) {
      gs_field_set(p, gs_parser_take(p, GS_KIND_field_identifier, true), GS_FIELD_name);
      if (!gs_at(p, GS_KIND_TOK_COMMA)) break;
      gs_token_take(p);
      if (!gs_at(p, GS_KIND_identifier)) gs_parser_refuse(p);
    }
    gs_field_set(p, gs_parse_type(p), GS_FIELD_type);
  }
  if ((gs_at(p, GS_KIND_interpreted_string_literal) || gs_at(p, GS_KIND_raw_string_literal)) && !gs_at_newline(p))
    gs_field_set(p, gs_parse_string(p), GS_FIELD_tag);
  return gs_close(p, mark, GS_KIND_field_declaration);
}

static uint32_t interface_member(gs_parser *p) {
  if (gs_at(p, GS_KIND_identifier) && gs_parser_peek(p, 1).kind == GS_KIND_TOK_LPAREN) {
    uint32_t mark = gs_mark(p);
    gs_field_set(p, gs_parser_take(p, GS_KIND_field_identifier, true), GS_FIELD_name);
    gs_field_set(p, gs_parse_parameter_list(p), GS_FIELD_parameters);
    gs_parse_signature_rest(p);
    return gs_close(p, mark, GS_KIND_method_elem);
  }
  return type_elem(p, GS_KIND_type_elem);
}

/* [result: parameter_list | simple type] of a function, method or func type. */
void gs_parse_signature_rest(gs_parser *p) {
  if (gs_at_newline(p)) return;
  if (gs_at(p, GS_KIND_TOK_LPAREN)) {
    gs_field_set(p, gs_parse_parameter_list(p), GS_FIELD_result);
  } else if (gs_type_starts(p)) { /* a _simple_type: '(' was a parameter list */
    gs_field_set(p, gs_parse_type(p), GS_FIELD_result);
  }
}

uint32_t gs_parse_type(gs_parser *p) { return type_inner(p, false); }

/* A type name at tok: type_identifier or qualified_type, then type
 * arguments if '[' follows. */
static uint32_t type_name(gs_parser *p) {
  uint32_t mark = gs_mark(p);
  uint32_t node;
  if (gs_parser_peek(p, 1).kind == GS_KIND_TOK_DOT) {
    gs_field_set(p, gs_parser_take(p, GS_KIND_package_identifier, true), GS_FIELD_package);
    gs_token_take(p);
    if (!gs_at(p, GS_KIND_identifier)) gs_parser_refuse(p);
    gs_field_set(p, gs_parser_take(p, GS_KIND_type_identifier, true), GS_FIELD_name);
    node = gs_close(p, mark, GS_KIND_qualified_type);
  } else {
    node = gs_parser_take(p, GS_KIND_type_identifier, true);
  }
  if (gs_at(p, GS_KIND_TOK_LBRACK) && !gs_at_newline(p)) {
    gs_field_set(p, node, GS_FIELD_type);
    gs_field_set(p, type_arguments(p), GS_FIELD_type_arguments);
    node = gs_close(p, mark, GS_KIND_generic_type);
  }
  return node;
}

static uint32_t type_inner(gs_parser *p, bool implicit_length_ok) {
  gs_enter(p);
  uint32_t mark = gs_mark(p), node;
  switch (p->tok.kind) {
  case GS_KIND_identifier:
    node = type_name(p);
    break;
  case GS_KIND_TOK_STAR:
    gs_token_take(p);
    gs_parse_type(p);
    node = gs_close(p, mark, GS_KIND_pointer_type);
    break;
  case GS_KIND_TOK_TILDE:
    gs_token_take(p);
    gs_parse_type(p);
    node = gs_close(p, mark, GS_KIND_negated_type);
    break;
  case GS_KIND_TOK_LPAREN: {
    bool saved[2];
    modes_save(p, saved);
    gs_token_take(p);
    gs_parse_type(p);
    gs_expect(p, GS_KIND_TOK_RPAREN);
    gs_modes_pop(p, saved);
    node = gs_close(p, mark, GS_KIND_parenthesized_type);
    break;
  }
  case GS_KIND_TOK_LBRACK: {
    bool saved[2];
    modes_save(p, saved);
    gs_token_take(p);
    gs_kind kind = GS_KIND_array_type;
    if (gs_at(p, GS_KIND_TOK_RBRACK)) {
      kind = GS_KIND_slice_type;
    } else if (gs_at(p, GS_KIND_TOK_DOT_DOT_DOT)) {
      if (!implicit_length_ok) gs_parser_refuse(p);
      gs_token_take(p);
      kind = GS_KIND_implicit_length_array_type;
    } else {
      gs_field_set(p, gs_parse_expression(p), GS_FIELD_length);
    }
    gs_expect(p, GS_KIND_TOK_RBRACK);
    gs_modes_pop(p, saved);
    gs_field_set(p, gs_parse_type(p), GS_FIELD_element);
    node = gs_close(p, mark, kind);
    break;
  }
  case GS_KIND_TOK_map: {
    bool saved[2];
    gs_token_take(p);
    modes_save(p, saved);
    gs_expect(p, GS_KIND_TOK_LBRACK);
    gs_field_set(p, gs_parse_type(p), GS_FIELD_key);
    gs_expect(p, GS_KIND_TOK_RBRACK);
    gs_modes_pop(p, saved);
    gs_field_set(p, gs_parse_type(p), GS_FIELD_value);
    node = gs_close(p, mark, GS_KIND_map_type);
    break;
  }
  case GS_KIND_TOK_chan:
    gs_token_take(p);
    /* chan<- chan T is tree-sitter's chan (<-chan T): '<-' 'chan' binds tighter */
    if (gs_at(p, GS_KIND_TOK_LT_MINUS) && gs_parser_peek(p, 1).kind != GS_KIND_TOK_chan) gs_token_take(p);
    gs_field_set(p, gs_parse_type(p), GS_FIELD_value);
    node = gs_close(p, mark, GS_KIND_channel_type);
    break;
  case GS_KIND_TOK_LT_MINUS:
    gs_token_take(p);
    gs_expect(p, GS_KIND_TOK_chan);
    gs_field_set(p, gs_parse_type(p), GS_FIELD_value);
    node = gs_close(p, mark, GS_KIND_channel_type);
    break;
  case GS_KIND_TOK_func:
    gs_token_take(p);
    gs_field_set(p, gs_parse_parameter_list(p), GS_FIELD_parameters);
    gs_parse_signature_rest(p);
    node = gs_close(p, mark, GS_KIND_function_type);
    break;
  case GS_KIND_TOK_struct: {
    gs_token_take(p);
    uint32_t list = gs_mark(p);
    member_list(p, field_declaration);
    gs_close(p, list, GS_KIND_field_declaration_list);
    node = gs_close(p, mark, GS_KIND_struct_type);
    break;
  }
  case GS_KIND_TOK_interface:
    gs_token_take(p);
    member_list(p, interface_member);
    node = gs_close(p, mark, GS_KIND_interface_type);
    break;
  default:
    gs_parser_refuse(p);
  }
  gs_leave(p);
  return node;
}

/* --- Parameter lists ------------------------------------------------------------------ */

typedef struct parameters_shape {
  bool named;         /* some entry is an identifier followed by a type */
  unsigned first_group; /* names in the first declaration when it starts the list */
} parameters_shape;

/* tree-sitter's GLR parser keeps at most 9 names in a first declaration;
 * the names before them become declarations of a type each. Later groups
 * of more names it splits or not depending on what came before. */
enum { GS_MAX_FIRST_NAMES = 9 };

/* The shape of the parameters at tok (after '('): a look ahead that
 * leaves no trace. */
static parameters_shape parameters_probe(gs_parser *p) {
  gs_parser_state state = gs_parser_save(p);
  parameters_shape shape = {0};
  unsigned lone = 0;    /* identifiers alone just before this entry */
  unsigned entries = 0; /* entries before them */
  while (!gs_at(p, GS_KIND_TOK_RPAREN)) {
    bool was_lone = false, keyword_name = false; /* keyword_name: a name, then its type */
    if (lone && (gs_at(p, GS_KIND_TOK_map) || gs_at(p, GS_KIND_TOK_chan))) {
      /* (int, map[K]V), (int, chan T): tree-sitter reads map and chan
       * after a lone identifier as parameter names */
      keyword_name = true;
    } else if (gs_at(p, GS_KIND_TOK_DOT_DOT_DOT)) {
      gs_token_take(p);
      gs_parse_type(p);
    } else if (gs_at(p, GS_KIND_identifier)) {
      gs_kind next = (gs_kind)gs_parser_peek(p, 1).kind;
      if (next == GS_KIND_TOK_COMMA || next == GS_KIND_TOK_RPAREN) {
        gs_token_take(p);
        was_lone = true;
      } else if (next == GS_KIND_TOK_DOT) {
        gs_parse_type(p);
      } else if (next == GS_KIND_TOK_LBRACK && gs_parser_peek(p, 2).kind != GS_KIND_TOK_RBRACK) {
        /* G[T] alone: a generic type; else a name and an array type */
        gs_parser_state entry = gs_parser_save(p);
        keyword_name = !gs_parser_attempt(p, gs_parse_type) ||
                       !(gs_at(p, GS_KIND_TOK_COMMA) || gs_at(p, GS_KIND_TOK_RPAREN));
        if (keyword_name) gs_parser_restore(p, &entry);
      } else {
        keyword_name = true;
      }
    } else {
      gs_parse_type(p);
    }
    if (keyword_name) {
      shape.named = true;
      if (!entries) shape.first_group = lone + 1;
      else if (lone + 1 > GS_MAX_FIRST_NAMES) gs_parser_refuse(p);
      gs_token_take(p);
      if (gs_at(p, GS_KIND_TOK_DOT_DOT_DOT)) gs_token_take(p);
      gs_parse_type(p);
      entries += lone + 1;
      lone = 0;
    } else if (was_lone) {
      lone++;
    } else {
      entries += lone + 1;
      lone = 0;
    }
    if (!gs_at(p, GS_KIND_TOK_COMMA)) break;
    gs_token_take(p);
  }
  gs_parser_restore(p, &state);
  return shape;
}

uint32_t gs_parse_parameter_list(gs_parser *p) {
  uint32_t mark = gs_mark(p);
  bool saved[2];
  modes_save(p, saved);
  gs_expect(p, GS_KIND_TOK_LPAREN);
  parameters_shape shape = parameters_probe(p);
  for (unsigned i = GS_MAX_FIRST_NAMES; shape.named && i < shape.first_group; i++) {
    uint32_t decl = gs_mark(p);
    gs_field_set(p, gs_parse_type(p), GS_FIELD_type);
    gs_close(p, decl, GS_KIND_parameter_declaration);
    gs_expect(p, GS_KIND_TOK_COMMA);
  }
  while (!gs_at(p, GS_KIND_TOK_RPAREN)) {
    uint32_t decl = gs_mark(p);
    gs_kind kind = GS_KIND_parameter_declaration;
    if (shape.named) {
      unsigned names = 0;
      for (;;) {
        bool keyword_name = names && (gs_at(p, GS_KIND_TOK_map) || gs_at(p, GS_KIND_TOK_chan));
        if (!gs_at(p, GS_KIND_identifier) && !keyword_name) gs_parser_refuse(p);
        gs_field_set(p, gs_parser_take(p, GS_KIND_identifier, true), GS_FIELD_name);
        names++;
        if (!gs_at(p, GS_KIND_TOK_COMMA)) break;
        gs_token_take(p);
      }
      if (gs_at(p, GS_KIND_TOK_DOT_DOT_DOT)) {
        if (names > 1) gs_parser_refuse(p);
        gs_token_take(p);
        kind = GS_KIND_variadic_parameter_declaration;
      }
    } else if (gs_at(p, GS_KIND_TOK_DOT_DOT_DOT)) {
      gs_token_take(p);
      kind = GS_KIND_variadic_parameter_declaration;
    }
    gs_field_set(p, gs_parse_type(p), GS_FIELD_type);
    gs_close(p, decl, kind);
    if (!gs_at(p, GS_KIND_TOK_COMMA)) break;
    gs_token_take(p);
  }
  gs_expect(p, GS_KIND_TOK_RPAREN);
  gs_modes_pop(p, saved);
  return gs_close(p, mark, GS_KIND_parameter_list);
}

uint32_t gs_parse_type_parameter_list(gs_parser *p) {
  uint32_t mark = gs_mark(p);
  bool saved[2];
  modes_save(p, saved);
  gs_expect(p, GS_KIND_TOK_LBRACK);
  while (!gs_at(p, GS_KIND_TOK_RBRACK)) {
    uint32_t decl = gs_mark(p);
    for (;;) {
      if (!gs_at(p, GS_KIND_identifier)) gs_parser_refuse(p);
      gs_field_set(p, gs_parser_take(p, GS_KIND_identifier, true), GS_FIELD_name);
      if (!gs_at(p, GS_KIND_TOK_COMMA)) break;
      gs_token_take(p);
    }
    gs_field_set(p, type_elem(p, GS_KIND_type_constraint), GS_FIELD_type);
    gs_close(p, decl, GS_KIND_type_parameter_declaration);
    if (!gs_at(p, GS_KIND_TOK_COMMA)) break;
    gs_token_take(p);
  }
  gs_expect(p, GS_KIND_TOK_RBRACK);
  gs_modes_pop(p, saved);
  return gs_close(p, mark, GS_KIND_type_parameter_list);
}

/* --- Expressions ------------------------------------------------------------------- */

static int binary_precedence(gs_kind kind) {
  switch (kind) {
  case GS_KIND_TOK_STAR: case GS_KIND_TOK_SLASH: case GS_KIND_TOK_PERCENT: case GS_KIND_TOK_LT_LT:
  case GS_KIND_TOK_GT_GT: case GS_KIND_TOK_AMP: case GS_KIND_TOK_AMP_CARET:
    return 5;
  case GS_KIND_TOK_PLUS: case GS_KIND_TOK_MINUS: case GS_KIND_TOK_BAR: case GS_KIND_TOK_CARET:
    return 4;
  case GS_KIND_TOK_EQ_EQ: case GS_KIND_TOK_BANG_EQ: case GS_KIND_TOK_LT: case GS_KIND_TOK_LT_EQ:
  case GS_KIND_TOK_GT: case GS_KIND_TOK_GT_EQ:
    return 3;
  case GS_KIND_TOK_AMP_AMP:
    return 2;
  case GS_KIND_TOK_BAR_BAR:
    return 1;
  default:
    return 0;
  }
}

static uint32_t binary(gs_parser *p, int min_precedence) {
  uint32_t mark = gs_mark(p);
  uint32_t left = unary(p);
  for (;;) {
    int precedence = binary_precedence((gs_kind)p->tok.kind);
    if (!precedence || precedence < min_precedence || gs_at_newline(p)) break;
    gs_field_set(p, left, GS_FIELD_left);
    gs_field_set(p, gs_token_take(p), GS_FIELD_operator);
    gs_field_set(p, binary(p, precedence + 1), GS_FIELD_right);
    left = gs_close(p, mark, GS_KIND_binary_expression);
  }
  return left;
}

uint32_t gs_parse_expression(gs_parser *p) {
  gs_enter(p);
  uint32_t node = binary(p, 1);
  gs_leave(p);
  return node;
}

uint32_t gs_parse_expression_list(gs_parser *p) {
  uint32_t mark = gs_mark(p);
  gs_parse_expression(p);
  while (gs_continues(p, GS_KIND_TOK_COMMA)) {
    gs_token_take(p);
    gs_parse_expression(p);
  }
  return gs_close(p, mark, GS_KIND_expression_list);
}

static uint32_t argument_list(gs_parser *p, bool type_first) {
  uint32_t mark = gs_mark(p);
  bool saved[2];
  modes_save(p, saved);
  gs_expect(p, GS_KIND_TOK_LPAREN);
  bool first = true;
  while (!gs_at(p, GS_KIND_TOK_RPAREN)) {
    uint32_t arg = gs_mark(p);
    if (first && type_first) {
      gs_parse_type(p);
    } else {
      gs_parse_expression(p);
      if (gs_at(p, GS_KIND_TOK_DOT_DOT_DOT) && !type_first) {
        gs_token_take(p);
        gs_close(p, arg, GS_KIND_variadic_argument);
      }
    }
    first = false;
    if (!gs_at(p, GS_KIND_TOK_COMMA)) break;
    gs_token_take(p);
  }
  gs_expect(p, GS_KIND_TOK_RPAREN);
  gs_modes_pop(p, saved);
  return gs_close(p, mark, GS_KIND_argument_list);
}

static uint32_t call(gs_parser *p, uint32_t mark, uint32_t function, bool type_first) {
  gs_field_set(p, function, GS_FIELD_function);
  gs_field_set(p, argument_list(p, type_first), GS_FIELD_arguments);
  return gs_close(p, mark, GS_KIND_call_expression);
}

static uint32_t literal_value(gs_parser *p);

/* literal_element: an expression or a nested literal_value. */
static uint32_t literal_element(gs_parser *p) {
  uint32_t mark = gs_mark(p);
  if (gs_at(p, GS_KIND_TOK_LBRACE)) literal_value(p);
  else gs_parse_expression(p);
  return gs_close(p, mark, GS_KIND_literal_element);
}

/* literal_value: '{' elements '}'. */
static uint32_t literal_value(gs_parser *p) {
  bool saved[2];
  modes_save(p, saved);
  gs_enter(p);
  uint32_t mark = gs_mark(p);
  gs_expect(p, GS_KIND_TOK_LBRACE);
  while (!gs_at(p, GS_KIND_TOK_RBRACE)) {
    uint32_t element = gs_mark(p);
    uint32_t key = literal_element(p);
    if (gs_at(p, GS_KIND_TOK_COLON)) {
      gs_field_set(p, key, GS_FIELD_key);
      gs_token_take(p);
      gs_field_set(p, literal_element(p), GS_FIELD_value);
      gs_close(p, element, GS_KIND_keyed_element);
    }
    if (!gs_at(p, GS_KIND_TOK_COMMA)) break;
    gs_token_take(p);
  }
  gs_expect(p, GS_KIND_TOK_RBRACE);
  uint32_t node = gs_close(p, mark, GS_KIND_literal_value);
  gs_leave(p);
  gs_modes_pop(p, saved);
  return node;
}

static uint32_t composite_literal(gs_parser *p, uint32_t mark, uint32_t type) {
  gs_field_set(p, type, GS_FIELD_type);
  gs_field_set(p, literal_value(p), GS_FIELD_body);
  return gs_close(p, mark, GS_KIND_composite_literal);
}

/* type '(' operand [','] ')' */
static uint32_t type_conversion(gs_parser *p, uint32_t mark, uint32_t type) {
  bool saved[2];
  modes_save(p, saved);
  gs_field_set(p, type, GS_FIELD_type);
  gs_expect(p, GS_KIND_TOK_LPAREN);
  gs_field_set(p, gs_parse_expression(p), GS_FIELD_operand);
  if (gs_at(p, GS_KIND_TOK_COMMA)) gs_token_take(p);
  gs_expect(p, GS_KIND_TOK_RPAREN);
  gs_modes_pop(p, saved);
  return gs_close(p, mark, GS_KIND_type_conversion_expression);
}

/* A type name as an expression: an identifier or pkg.Name selector. */
static bool is_type_base(const gs_parser *p, uint32_t node) {
  gs_kind kind = kind_of(p, node);
  return kind == GS_KIND_identifier ||
         (kind == GS_KIND_selector_expression && kind_of(p, named_kid(p, node, 0)) == GS_KIND_identifier);
}

/* Rewrites a type base parsed as an expression into the type it also is. */
static void base_to_type(gs_parser *p, uint32_t node) {
  gs_node *n = &p->tree->nodes[node];
  if (n->kind == GS_KIND_identifier) {
    n->kind = GS_KIND_type_identifier;
    return;
  }
  n->kind = GS_KIND_qualified_type;
  uint32_t package = named_kid(p, node, 0), name = named_kid(p, node, 1);
  p->tree->nodes[package].kind = GS_KIND_package_identifier;
  p->tree->nodes[package].field = GS_FIELD_package;
  p->tree->nodes[name].kind = GS_KIND_type_identifier;
  p->tree->nodes[name].field = GS_FIELD_name;
}

static int elem_score(const gs_parser *p, uint32_t node);
static int type_score(const gs_parser *p, uint32_t node);

/* tree-sitter's dynamic precedence of an expression read as a type, or
 * NOT_A_TYPE. */
static int type_score(const gs_parser *p, uint32_t node) {
  switch (kind_of(p, node)) {
  case GS_KIND_identifier:
    return -1;
  case GS_KIND_selector_expression:
    return is_type_base(p, node) ? 0 : NOT_A_TYPE;
  case GS_KIND_unary_expression:
    return kind_of(p, kid_at(p, node, 0)) == GS_KIND_TOK_STAR ? type_score(p, named_kid(p, node, 0)) : NOT_A_TYPE;
  case GS_KIND_parenthesized_expression:
    return type_score(p, named_kid(p, node, 0));
  case GS_KIND_index_expression: {
    uint32_t operand = named_kid(p, node, 0);
    int index = elem_score(p, named_kid(p, node, 1));
    return is_type_base(p, operand) && index > NOT_A_TYPE ? 3 + index : NOT_A_TYPE;
  }
  case GS_KIND_type_instantiation_expression: /* read as a generic_type */
  case GS_KIND_generic_type: {
    uint32_t base = named_kid(p, node, 0);
    gs_kind kind = kind_of(p, base);
    if (kind != GS_KIND_type_identifier && kind != GS_KIND_qualified_type) return NOT_A_TYPE;
    int sum = 3;
    for (uint32_t i = 1, arg; (arg = named_kid(p, node, i)); i++) {
      int score = type_score(p, arg);
      if (score <= NOT_A_TYPE) return NOT_A_TYPE;
      sum += score;
    }
    return sum;
  }
  case GS_KIND_type_arguments: case GS_KIND_type_elem: {
    int sum = 0;
    for (uint32_t i = 0, arg; (arg = named_kid(p, node, i)); i++) {
      int score = type_score(p, arg);
      if (score <= NOT_A_TYPE) return NOT_A_TYPE;
      sum += score;
    }
    return sum;
  }
  case GS_KIND_type_identifier:
    return -1;
  case GS_KIND_qualified_type:
    return 0;
  case GS_KIND_pointer_type: case GS_KIND_parenthesized_type:
    return type_score(p, named_kid(p, node, 0));
  default:
    return NOT_A_TYPE;
  }
}

/* The same for a type_elem: types joined by '|'. */
static int elem_score(const gs_parser *p, uint32_t node) {
  if (kind_of(p, node) == GS_KIND_binary_expression &&
      kind_of(p, kid_at(p, node, 1)) == GS_KIND_TOK_BAR) {
    int left = elem_score(p, named_kid(p, node, 0)), right = type_score(p, named_kid(p, node, 1));
    return left > NOT_A_TYPE && right > NOT_A_TYPE ? left + right : NOT_A_TYPE;
  }
  return type_score(p, node);
}

typedef struct bracket {
  unsigned count;     /* expressions inside */
  bool slice;         /* a ':' inside */
  int elem_sum, type_sum; /* sums of elem_score / type_score, NOT_A_TYPE if one is not a type */
} bracket;

/* Parses '[' ... ']' as an index or slice, and scores it. */
static bracket bracket_probe(gs_parser *p, uint32_t mark, uint32_t operand) {
  bracket b = {0};
  bool saved[2];
  modes_save(p, saved);
  gs_token_take(p);
  uint32_t first = 0;
  if (!gs_at(p, GS_KIND_TOK_COLON)) first = gs_parse_expression(p);
  if (gs_at(p, GS_KIND_TOK_COLON)) {
    b.slice = true;
    gs_field_set(p, operand, GS_FIELD_operand);
    gs_field_set(p, first, GS_FIELD_start);
    gs_token_take(p);
    if (!gs_at(p, GS_KIND_TOK_RBRACK) && !gs_at(p, GS_KIND_TOK_COLON))
      gs_field_set(p, gs_parse_expression(p), GS_FIELD_end);
    if (gs_at(p, GS_KIND_TOK_COLON)) {
      gs_token_take(p);
      gs_field_set(p, gs_parse_expression(p), GS_FIELD_capacity);
    }
    gs_expect(p, GS_KIND_TOK_RBRACK);
    gs_modes_pop(p, saved);
    gs_close(p, mark, GS_KIND_slice_expression);
    return b;
  }
  uint32_t node = first;
  for (;;) {
    b.count++;
    int elem = elem_score(p, node), type = type_score(p, node);
    b.elem_sum = b.elem_sum <= NOT_A_TYPE || elem <= NOT_A_TYPE ? NOT_A_TYPE : b.elem_sum + elem;
    b.type_sum = b.type_sum <= NOT_A_TYPE || type <= NOT_A_TYPE ? NOT_A_TYPE : b.type_sum + type;
    if (!gs_at(p, GS_KIND_TOK_COMMA)) break;
    gs_token_take(p);
    if (gs_at(p, GS_KIND_TOK_RBRACK)) break;
    node = gs_parse_expression(p);
  }
  gs_expect(p, GS_KIND_TOK_RBRACK);
  gs_modes_pop(p, saved);
  if (b.count == 1) {
    gs_field_set(p, operand, GS_FIELD_operand);
    gs_field_set(p, first, GS_FIELD_index);
    gs_close(p, mark, GS_KIND_index_expression);
  }
  return b;
}

/* Whether the call at tok has exactly one argument, not variadic: the
 * shape of a type conversion. A look ahead that leaves no trace. */
static bool call_is_conversion(gs_parser *p) {
  gs_parser_state state = gs_parser_save(p);
  uint32_t list = argument_list(p, false);
  uint32_t arg = named_kid(p, list, 0);
  bool one = arg && !named_kid(p, list, 1) && kind_of(p, arg) != GS_KIND_variadic_argument;
  gs_parser_restore(p, &state);
  return one;
}

/* '[' types ']' of a type_instantiation_expression after its type. */
static uint32_t instantiation(gs_parser *p, uint32_t mark, uint32_t type) {
  gs_field_set(p, type, GS_FIELD_type);
  bracketed(p, gs_parse_type);
  return gs_close(p, mark, GS_KIND_type_instantiation_expression);
}

static uint32_t generic_type(gs_parser *p, uint32_t mark, uint32_t base) {
  base_to_type(p, base);
  gs_field_set(p, base, GS_FIELD_type);
  gs_field_set(p, type_arguments(p), GS_FIELD_type_arguments);
  return gs_close(p, mark, GS_KIND_generic_type);
}

static void rewind_to(gs_parser *p, const gs_parser_state *state, uint32_t slot, uint32_t operand) {
  gs_parser_restore(p, state);
  p->tree->stack[slot] = operand;
}

/* operand '[' ... ']' and, when they decide its reading, what follows. */
static uint32_t index_postfix(gs_parser *p, uint32_t mark, uint32_t operand) {
  gs_parser_state before = gs_parser_save(p);
  /* the probe's close puts its node in the operand's stack slot (leading
   * comments stay below it): the slot a rewind restores */
  uint32_t slot = p->tree->depth - 1;
  bool base = is_type_base(p, operand);
  bracket b = bracket_probe(p, mark, operand);
  uint32_t probed = gs_build_peek(p->tree, 0);
  if (b.slice) return probed;
  if (b.elem_sum <= NOT_A_TYPE) {
    if (b.count > 1) gs_parser_refuse(p);
    return probed;
  }
  int generic = 3 + b.elem_sum; /* generic_type +1, type_arguments +2 */
  bool follows = !gs_at_newline(p);
  if (follows && gs_at(p, GS_KIND_TOK_LPAREN)) {
    int with_type_arguments = 2 + b.elem_sum, as_index = b.count == 1 ? 0 : NOT_A_TYPE;
    if (base && generic - 1 >= with_type_arguments && generic - 1 >= as_index && call_is_conversion(p)) {
      rewind_to(p, &before, slot, operand);
      return type_conversion(p, mark, generic_type(p, mark, operand));
    }
    if (with_type_arguments == as_index) gs_parser_refuse(p); /* a tie not seen in tree-sitter yet */
    if (with_type_arguments < as_index) return probed;
    rewind_to(p, &before, slot, operand);
    gs_field_set(p, operand, GS_FIELD_function);
    gs_field_set(p, type_arguments(p), GS_FIELD_type_arguments);
    gs_field_set(p, argument_list(p, false), GS_FIELD_arguments);
    return gs_close(p, mark, GS_KIND_call_expression);
  }
  if (follows && gs_at(p, GS_KIND_TOK_LBRACE) && !p->no_literal && base) {
    rewind_to(p, &before, slot, operand);
    return composite_literal(p, mark, generic_type(p, mark, operand));
  }
  if (follows && gs_at(p, GS_KIND_TOK_LBRACK) && base && b.count == 1) {
    /* a[i][j]: an index of an index, or the instantiation of a[i] */
    gs_parser_state after = gs_parser_save(p);
    bracket second = bracket_probe(p, gs_mark(p), probed); /* only its score counts: rewound below */
    gs_parser_restore(p, &after);
    if (!second.slice && second.type_sum > NOT_A_TYPE && generic - 1 + second.type_sum >= 0) {
      rewind_to(p, &before, slot, operand);
      return instantiation(p, mark, generic_type(p, mark, operand));
    }
  }
  if (b.count > 1 || (b.type_sum > NOT_A_TYPE && type_score(p, operand) > NOT_A_TYPE &&
                      -1 + type_score(p, operand) + b.type_sum >= 0)) {
    if (!base) gs_parser_refuse(p);
    rewind_to(p, &before, slot, operand);
    base_to_type(p, operand);
    return instantiation(p, mark, operand);
  }
  return probed;
}

/* Types that start an expression: composite literals and conversions. */
static uint32_t typed_operand(gs_parser *p, uint32_t mark) {
  uint32_t type = type_inner(p, true);
  if (gs_at_newline(p)) gs_parser_refuse(p);
  gs_kind kind = kind_of(p, type);
  if (gs_at(p, GS_KIND_TOK_LBRACE) &&
      (kind == GS_KIND_slice_type || kind == GS_KIND_array_type || kind == GS_KIND_map_type ||
       kind == GS_KIND_struct_type || kind == GS_KIND_implicit_length_array_type))
    return composite_literal(p, mark, type);
  if (gs_at(p, GS_KIND_TOK_LPAREN) && kind != GS_KIND_implicit_length_array_type)
    return type_conversion(p, mark, type);
  gs_parser_refuse(p);
}

static uint32_t parenthesized_expression(gs_parser *p) {
  uint32_t mark = gs_mark(p);
  bool saved[2];
  modes_save(p, saved);
  gs_token_take(p);
  gs_parse_expression(p);
  gs_expect(p, GS_KIND_TOK_RPAREN);
  gs_modes_pop(p, saved);
  return gs_close(p, mark, GS_KIND_parenthesized_expression);
}

/* '(' ... ')': an expression, unless it is a type converting the operand
 * after it and that reading wins on dynamic precedence, as in
 * (*[1 << 30]byte)(p) or (*list[T])(nil). */
static uint32_t parenthesized(gs_parser *p, uint32_t mark) {
  gs_parser_state state = gs_parser_save(p);
  uint32_t node = gs_parser_attempt(p, parenthesized_expression);
  if (node) {
    if (!gs_at(p, GS_KIND_TOK_LPAREN) || gs_at_newline(p)) return node;
    int as_type = type_score(p, named_kid(p, node, 0));
    if (as_type <= NOT_A_TYPE || as_type - 1 < 0) return node; /* type_conversion_expression -1 */
    if (as_type - 1 == 0) gs_parser_refuse(p);                 /* a tie not seen in tree-sitter yet */
    gs_parser_restore(p, &state);
  }
  uint32_t type = gs_parse_type(p);
  if (!gs_at(p, GS_KIND_TOK_LPAREN) || gs_at_newline(p)) gs_parser_refuse(p);
  return type_conversion(p, mark, type);
}

static uint32_t operand(gs_parser *p, uint32_t mark) {
  switch (p->tok.kind) {
  case GS_KIND_identifier:
    if (p->tok.word == GS_KIND_TOK_LPAREN) { /* new, make */
      uint32_t function = gs_parser_take(p, GS_KIND_identifier, true);
      if (gs_at(p, GS_KIND_TOK_LPAREN)) return call(p, mark, function, true);
      return function;
    }
    if (p->tok.word) return gs_parser_take(p, (gs_kind)p->tok.word, true);
    return gs_parser_take(p, GS_KIND_identifier, true);
  case GS_KIND_int_literal: case GS_KIND_float_literal: case GS_KIND_imaginary_literal:
  case GS_KIND_rune_literal:
    return gs_parser_take(p, (gs_kind)p->tok.kind, true);
  case GS_KIND_interpreted_string_literal: case GS_KIND_raw_string_literal:
    return gs_parse_string(p);
  case GS_KIND_TOK_LPAREN:
    return parenthesized(p, mark);
  case GS_KIND_TOK_func: {
    gs_token_take(p);
    gs_field_set(p, gs_parse_parameter_list(p), GS_FIELD_parameters);
    gs_parse_signature_rest(p);
    if (!gs_at(p, GS_KIND_TOK_LBRACE)) gs_parser_refuse(p);
    gs_field_set(p, gs_parse_block(p), GS_FIELD_body);
    return gs_close(p, mark, GS_KIND_func_literal);
  }
  case GS_KIND_TOK_LBRACK: case GS_KIND_TOK_map: case GS_KIND_TOK_struct: case GS_KIND_TOK_chan:
  case GS_KIND_TOK_interface:
    return typed_operand(p, mark);
  default:
    gs_parser_refuse(p);
  }
}

/* An operand and its selectors, indexes, calls, assertions and literal
 * bodies. */
static uint32_t primary(gs_parser *p) {
  bool guard_ok = p->guard_ok;
  p->guard_ok = false;
  uint32_t mark = gs_mark(p);
  uint32_t x = operand(p, mark);
  for (;;) {
    if (gs_at_newline(p)) return x;
    switch (p->tok.kind) {
    case GS_KIND_TOK_DOT:
      if (gs_parser_peek(p, 1).kind == GS_KIND_TOK_LPAREN) {
        if (gs_parser_peek(p, 2).kind == GS_KIND_TOK_type) {
          if (!guard_ok) gs_parser_refuse(p);
          gs_field_set(p, x, GS_FIELD_value);
          for (int i = 0; i < 4; i++) gs_token_take(p); /* . ( type ) */
          if (kind_of(p, gs_build_peek(p->tree, 0)) != GS_KIND_TOK_RPAREN) gs_parser_refuse(p);
          p->guard_seen = true;
          return x;
        }
        bool saved[2];
        modes_save(p, saved);
        gs_field_set(p, x, GS_FIELD_operand);
        gs_token_take(p);
        gs_token_take(p);
        gs_field_set(p, gs_parse_type(p), GS_FIELD_type);
        gs_expect(p, GS_KIND_TOK_RPAREN);
        gs_modes_pop(p, saved);
        x = gs_close(p, mark, GS_KIND_type_assertion_expression);
        break;
      }
      gs_field_set(p, x, GS_FIELD_operand);
      gs_token_take(p);
      if (!gs_at(p, GS_KIND_identifier)) gs_parser_refuse(p);
      gs_field_set(p, gs_parser_take(p, GS_KIND_field_identifier, true), GS_FIELD_field);
      x = gs_close(p, mark, GS_KIND_selector_expression);
      break;
    case GS_KIND_TOK_LPAREN:
      x = call(p, mark, x, false);
      break;
    case GS_KIND_TOK_LBRACK:
      x = index_postfix(p, mark, x);
      break;
    case GS_KIND_TOK_LBRACE:
      if (p->no_literal || !is_type_base(p, x)) return x;
      base_to_type(p, x);
      x = composite_literal(p, mark, x);
      break;
    default:
      return x;
    }
  }
}

static uint32_t unary(gs_parser *p) {
  switch (p->tok.kind) {
  case GS_KIND_TOK_PLUS: case GS_KIND_TOK_MINUS: case GS_KIND_TOK_BANG: case GS_KIND_TOK_CARET:
  case GS_KIND_TOK_STAR: case GS_KIND_TOK_AMP: case GS_KIND_TOK_LT_MINUS: {
    if (gs_at(p, GS_KIND_TOK_LT_MINUS) && gs_parser_peek(p, 1).kind == GS_KIND_TOK_chan) gs_parser_refuse(p);
    gs_enter(p);
    gs_parser_state state = gs_parser_save(p);
    uint32_t mark = gs_mark(p);
    bool star = gs_at(p, GS_KIND_TOK_STAR);
    gs_field_set(p, gs_token_take(p), GS_FIELD_operator);
    uint32_t operand = unary(p);
    gs_field_set(p, operand, GS_FIELD_operand);
    uint32_t node = gs_close(p, mark, GS_KIND_unary_expression);
    gs_kind operand_kind = kind_of(p, operand), type_kind = kind_of(p, named_kid(p, operand, 0));
    if (star && operand_kind == GS_KIND_type_conversion_expression && type_kind == GS_KIND_parenthesized_type) {
      /* *(*[]T)(x): tree-sitter converts to the pointer type */
      gs_parser_restore(p, &state);
      gs_token_take(p);
      gs_parse_type(p);
      node = type_conversion(p, mark, gs_close(p, mark, GS_KIND_pointer_type));
    } else if (star && operand_kind == GS_KIND_type_instantiation_expression) {
      /* *a[i][j]: tree-sitter instantiates the pointer type *a[i] */
      if (type_kind != GS_KIND_generic_type) gs_parser_refuse(p);
      gs_parser_restore(p, &state);
      gs_token_take(p);
      gs_parse_type(p);
      node = instantiation(p, mark, gs_close(p, mark, GS_KIND_pointer_type));
    }
    gs_leave(p);
    return node;
  }
  default:
    return primary(p);
  }
}
