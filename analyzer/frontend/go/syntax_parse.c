/* gs_parse: the hand-written Go parser, files, declarations and statements
 * (expressions and types: syntax_parse_expr.c). It builds tree-sitter-go
 * 0.23.4's tree (grammar.js) for the Go it is sure to parse the same way and
 * refuses the rest; tests/go/syntax_diff.c holds it to that. */
#include <stdlib.h>
#include <string.h>

#include "frontend/go/syntax_parse.h"

_Noreturn void gs_parser_refuse_at(gs_parser *p, const char *file, int line) {
  if (p->why) *p->why = (gs_refusal){p->tok.start, file, line};
  longjmp(p->refuse, 1);
}

void gs_parser_advance(gs_parser *p) {
  if (!gs_lex_next(&p->lexer, &p->tok) || p->tok.kind == GS_KIND_ERROR || p->lexer.work > p->work_limit)
    gs_parser_refuse(p);
  p->comments_done = 0;
}

/* Pushes tok's comments [comments_done, upto) as leaves. */
static void comments_flush(gs_parser *p, uint32_t upto) {
  for (; p->comments_done < upto; p->comments_done++) {
    gs_comment comment = p->lexer.comments[p->tok.comments_at + p->comments_done];
    if (!gs_build_leaf(p->tree, GS_KIND_comment, true, comment.start, comment.end)) gs_parser_refuse(p);
  }
}

void gs_parser_flush(gs_parser *p) { comments_flush(p, p->tok.ncomments); }

/* Pushes tok as a leaf of `kind` after the comments before it; returns
 * the leaf. */
uint32_t gs_parser_take(gs_parser *p, gs_kind kind, bool named) {
  if (p->tok.kind == GS_KIND_NONE) gs_parser_refuse(p);
  comments_flush(p, p->tok.ncomments);
  uint32_t leaf = gs_build_leaf(p->tree, kind, named, p->tok.start, p->tok.end);
  if (!leaf) gs_parser_refuse(p);
  gs_parser_advance(p);
  return leaf;
}

/* Takes a terminator: a ";" token or the first newline before tok (the
 * comments before that newline go first). Returns false if there is none. */
bool gs_parser_terminator(gs_parser *p) {
  if (gs_at(p, GS_KIND_TOK_SEMI) && p->tok.newline == GS_NO_NEWLINE) { /* else the newline comes first */
    comments_flush(p, p->tok.ncomments);
    gs_build_terminator(p->tree, p->tok.start);
    gs_parser_advance(p);
    return true;
  }
  if (p->tok.newline == GS_NO_NEWLINE) return false;
  uint32_t before = 0;
  while (before < p->tok.ncomments && p->lexer.comments[p->tok.comments_at + before].start < p->tok.newline)
    before++;
  comments_flush(p, before);
  gs_build_terminator(p->tree, p->tok.newline);
  p->tok.newline = GS_NO_NEWLINE;
  return true;
}

/* The token `ahead` (>= 1) places after tok, lexed without a trace. */
gs_token gs_parser_peek(gs_parser *p, unsigned ahead) {
  gs_lexer saved = p->lexer;
  gs_token token = p->tok;
  for (unsigned i = 0; i < ahead && token.kind != GS_KIND_NONE && token.kind != GS_KIND_ERROR; i++)
    if (!gs_lex_next(&p->lexer, &token)) token.kind = GS_KIND_ERROR;
  uint32_t cap = p->lexer.comments_cap;
  gs_comment *comments = p->lexer.comments;
  saved.work = p->lexer.work; /* peeks count against the work limit too */
  p->lexer = saved;
  p->lexer.comments = comments; /* a peek may have grown the array */
  p->lexer.comments_cap = cap;
  return token;
}

gs_parser_state gs_parser_save(const gs_parser *p) {
  return (gs_parser_state){gs_build_save(p->tree), p->lexer.pos,  p->lexer.ncomments, p->comments_done,
                           p->tok,                 p->depth,       p->nl_ends,         p->no_literal,
                           p->guard_ok,            p->guard_seen};
}

void gs_parser_restore(gs_parser *p, const gs_parser_state *state) {
  gs_build_restore(p->tree, state->build);
  p->lexer.pos = state->lexer_pos;
  p->lexer.ncomments = state->ncomments;
  p->comments_done = state->comments_done;
  p->tok = state->tok;
  p->depth = state->depth;
  p->nl_ends = state->nl_ends;
  p->no_literal = state->no_literal;
  p->guard_ok = state->guard_ok;
  p->guard_seen = state->guard_seen;
}

uint32_t gs_parser_attempt(gs_parser *p, uint32_t (*parse)(gs_parser *p)) {
  gs_parser_state state = gs_parser_save(p);
  jmp_buf outer;
  memcpy(outer, p->refuse, sizeof outer);
  volatile uint32_t node = 0;
  if (!setjmp(p->refuse)) node = parse(p);
  memcpy(p->refuse, outer, sizeof outer);
  if (!node) gs_parser_restore(p, &state);
  return node;
}

/* --- Statements -------------------------------------------------------------- */

static uint32_t statement(gs_parser *p);

typedef enum simple_kind { SIMPLE_EXPRESSION, SIMPLE_STATEMENT, SIMPLE_RANGE, SIMPLE_GUARD } simple_kind;
enum { ALLOW_RANGE = 1, ALLOW_GUARD = 2 };

static bool is_assign_op(gs_kind kind) {
  switch (kind) {
  case GS_KIND_TOK_EQ: case GS_KIND_TOK_PLUS_EQ: case GS_KIND_TOK_MINUS_EQ: case GS_KIND_TOK_STAR_EQ:
  case GS_KIND_TOK_SLASH_EQ: case GS_KIND_TOK_PERCENT_EQ: case GS_KIND_TOK_AMP_EQ: case GS_KIND_TOK_BAR_EQ:
  case GS_KIND_TOK_CARET_EQ: case GS_KIND_TOK_LT_LT_EQ: case GS_KIND_TOK_GT_GT_EQ: case GS_KIND_TOK_AMP_CARET_EQ:
    return true;
  default:
    return false;
  }
}

/* range_clause from its mark: [left '=' | ':='] 'range' right. */
static uint32_t range_rest(gs_parser *p, uint32_t mark) {
  gs_expect(p, GS_KIND_TOK_range);
  gs_field_set(p, gs_parse_expression(p), GS_FIELD_right);
  return gs_close(p, mark, GS_KIND_range_clause);
}

/* A simple statement; a lone expression is returned bare (SIMPLE_EXPRESSION)
 * for the caller to wrap or use as a condition. */
static uint32_t simple_statement(gs_parser *p, int allow, simple_kind *kind) {
  uint32_t mark = gs_mark(p);
  *kind = SIMPLE_STATEMENT;
  if ((allow & ALLOW_RANGE) && gs_at(p, GS_KIND_TOK_range)) {
    *kind = SIMPLE_RANGE;
    return range_rest(p, mark);
  }
  p->guard_ok = (allow & ALLOW_GUARD) != 0;
  uint32_t first = gs_parse_expression(p);
  p->guard_ok = false;
  if (p->guard_seen) {
    *kind = SIMPLE_EXPRESSION;
    return first;
  }
  /* a newline here ends the statement (tree-sitter's "\n" is valid) */
  gs_kind op = gs_at_newline(p) ? GS_KIND_NONE : (gs_kind)p->tok.kind;
  if (op == GS_KIND_TOK_COMMA || op == GS_KIND_TOK_COLON_EQ || is_assign_op(op)) {
    while (gs_continues(p, GS_KIND_TOK_COMMA)) {
      gs_token_take(p);
      gs_parse_expression(p);
    }
    uint32_t left = gs_close(p, mark, GS_KIND_expression_list);
    op = gs_at_newline(p) ? GS_KIND_NONE : (gs_kind)p->tok.kind;
    if ((allow & ALLOW_RANGE) && (op == GS_KIND_TOK_COLON_EQ || op == GS_KIND_TOK_EQ) &&
        gs_parser_peek(p, 1).kind == GS_KIND_TOK_range) {
      gs_field_set(p, left, GS_FIELD_left);
      gs_token_take(p);
      *kind = SIMPLE_RANGE;
      return range_rest(p, mark);
    }
    if (op == GS_KIND_TOK_COLON_EQ) {
      gs_token_take(p);
      uint32_t right_mark = gs_mark(p);
      p->guard_ok = (allow & ALLOW_GUARD) != 0;
      gs_parse_expression(p);
      p->guard_ok = false;
      if (p->guard_seen) {
        gs_field_set(p, left, GS_FIELD_alias);
        *kind = SIMPLE_GUARD;
        return left;
      }
      gs_field_set(p, left, GS_FIELD_left);
      while (gs_continues(p, GS_KIND_TOK_COMMA)) {
        gs_token_take(p);
        gs_parse_expression(p);
      }
      gs_field_set(p, gs_close(p, right_mark, GS_KIND_expression_list), GS_FIELD_right);
      return gs_close(p, mark, GS_KIND_short_var_declaration);
    }
    if (!is_assign_op(op)) gs_parser_refuse(p);
    gs_field_set(p, left, GS_FIELD_left);
    gs_field_set(p, gs_token_take(p), GS_FIELD_operator);
    gs_field_set(p, gs_parse_expression_list(p), GS_FIELD_right);
    return gs_close(p, mark, GS_KIND_assignment_statement);
  }
  if (op == GS_KIND_TOK_LT_MINUS) {
    gs_field_set(p, first, GS_FIELD_channel);
    gs_token_take(p);
    gs_field_set(p, gs_parse_expression(p), GS_FIELD_value);
    return gs_close(p, mark, GS_KIND_send_statement);
  }
  if (op == GS_KIND_TOK_PLUS_PLUS || op == GS_KIND_TOK_MINUS_MINUS) {
    gs_token_take(p);
    return gs_close(p, mark, op == GS_KIND_TOK_PLUS_PLUS ? GS_KIND_inc_statement : GS_KIND_dec_statement);
  }
  *kind = SIMPLE_EXPRESSION;
  return first;
}

/* A simple statement as a statement: a lone expression wrapped. */
static uint32_t simple_statement_wrapped(gs_parser *p, uint32_t mark, uint32_t node, simple_kind kind) {
  if (kind == SIMPLE_EXPRESSION) return gs_close(p, mark, GS_KIND_expression_statement);
  if (kind != SIMPLE_STATEMENT) gs_parser_refuse(p);
  return node;
}

static bool list_ends(const gs_parser *p, bool in_case) {
  gs_kind kind = (gs_kind)p->tok.kind;
  return kind == GS_KIND_TOK_RBRACE || kind == GS_KIND_NONE ||
         (in_case && (kind == GS_KIND_TOK_case || kind == GS_KIND_TOK_default));
}

/* tree-sitter's _statement_list: statements with terminators between them
 * and an optional one after the last. */
static void statement_list(gs_parser *p, bool in_case) {
  bool nl_ends = p->nl_ends, no_literal = p->no_literal;
  p->nl_ends = true;
  p->no_literal = false;
  while (!list_ends(p, in_case)) {
    uint32_t node = statement(p);
    if (list_ends(p, in_case)) {
      /* an empty labeled statement ends the list: no terminator after it */
      const gs_node *last = gs_child(&p->tree->nodes[node], p->tree->nodes[node].nkids - 1);
      if (!gs_is(&p->tree->nodes[node], GS_KIND_labeled_statement) || !gs_is(last, GS_KIND_TOK_COLON))
        gs_parser_terminator(p);
      break;
    }
    if (!gs_parser_terminator(p)) gs_parser_refuse(p);
  }
  p->nl_ends = nl_ends;
  p->no_literal = no_literal;
}

uint32_t gs_parse_block(gs_parser *p) {
  uint32_t mark = gs_mark(p);
  gs_expect(p, GS_KIND_TOK_LBRACE);
  statement_list(p, false);
  gs_expect(p, GS_KIND_TOK_RBRACE);
  return gs_close(p, mark, GS_KIND_block);
}

/* The header of if/for/switch: newlines are blanks there and `T {` opens
 * the body. */
static void header_enter(gs_parser *p, bool saved[2]) { gs_modes_push(p, saved, false, true); }

static uint32_t if_statement(gs_parser *p) {
  uint32_t mark = gs_mark(p);
  bool saved[2];
  gs_expect(p, GS_KIND_TOK_if);
  header_enter(p, saved);
  uint32_t init_mark = gs_mark(p);
  simple_kind kind;
  uint32_t node = simple_statement(p, 0, &kind);
  if (gs_at(p, GS_KIND_TOK_SEMI)) {
    gs_field_set(p, simple_statement_wrapped(p, init_mark, node, kind), GS_FIELD_initializer);
    gs_token_take(p);
    node = gs_parse_expression(p);
  } else if (kind != SIMPLE_EXPRESSION) {
    gs_parser_refuse(p);
  }
  gs_field_set(p, node, GS_FIELD_condition);
  gs_modes_pop(p, saved);
  gs_field_set(p, gs_parse_block(p), GS_FIELD_consequence);
  if (gs_at(p, GS_KIND_TOK_else) && !gs_at_newline(p)) {
    gs_token_take(p);
    if (gs_at(p, GS_KIND_TOK_if)) gs_field_set(p, if_statement(p), GS_FIELD_alternative);
    else gs_field_set(p, gs_parse_block(p), GS_FIELD_alternative);
  }
  return gs_close(p, mark, GS_KIND_if_statement);
}

static uint32_t for_statement(gs_parser *p) {
  uint32_t mark = gs_mark(p);
  bool saved[2];
  gs_expect(p, GS_KIND_TOK_for);
  header_enter(p, saved);
  if (!gs_at(p, GS_KIND_TOK_LBRACE)) {
    uint32_t clause = gs_mark(p);
    simple_kind kind = SIMPLE_STATEMENT;
    uint32_t node = 0;
    if (!gs_at(p, GS_KIND_TOK_SEMI)) node = simple_statement(p, ALLOW_RANGE, &kind);
    if (gs_at(p, GS_KIND_TOK_SEMI)) {
      if (node) gs_field_set(p, simple_statement_wrapped(p, clause, node, kind), GS_FIELD_initializer);
      gs_token_take(p);
      if (!gs_at(p, GS_KIND_TOK_SEMI)) gs_field_set(p, gs_parse_expression(p), GS_FIELD_condition);
      gs_expect(p, GS_KIND_TOK_SEMI);
      if (!gs_at(p, GS_KIND_TOK_LBRACE)) {
        uint32_t update_mark = gs_mark(p);
        node = simple_statement(p, 0, &kind);
        gs_field_set(p, simple_statement_wrapped(p, update_mark, node, kind), GS_FIELD_update);
      }
      gs_close(p, clause, GS_KIND_for_clause);
    } else if (kind != SIMPLE_EXPRESSION && kind != SIMPLE_RANGE) {
      gs_parser_refuse(p);
    }
  }
  gs_modes_pop(p, saved);
  gs_field_set(p, gs_parse_block(p), GS_FIELD_body);
  return gs_close(p, mark, GS_KIND_for_statement);
}

/* Case clauses of a switch or select up to its '}'. */
static void case_clauses(gs_parser *p, gs_kind case_kind) {
  while (!gs_at(p, GS_KIND_TOK_RBRACE)) {
    uint32_t mark = gs_mark(p);
    if (gs_at(p, GS_KIND_TOK_default)) {
      gs_token_take(p);
      gs_expect(p, GS_KIND_TOK_COLON);
      statement_list(p, true);
      gs_close(p, mark, GS_KIND_default_case);
      continue;
    }
    gs_expect(p, GS_KIND_TOK_case);
    bool nl_ends = p->nl_ends;
    p->nl_ends = false; /* no terminator before the ':' */
    if (case_kind == GS_KIND_expression_case) {
      gs_field_set(p, gs_parse_expression_list(p), GS_FIELD_value);
    } else if (case_kind == GS_KIND_type_case) {
      /* field('type', commaSep1(_type)): the commas carry the field too */
      gs_field_set(p, gs_parse_type(p), GS_FIELD_type);
      while (gs_at(p, GS_KIND_TOK_COMMA)) {
        gs_field_set(p, gs_token_take(p), GS_FIELD_type);
        gs_field_set(p, gs_parse_type(p), GS_FIELD_type);
      }
    } else {
      /* communication: send_statement or receive_statement */
      uint32_t comm = gs_mark(p);
      uint32_t first = gs_parse_expression(p);
      if (gs_at(p, GS_KIND_TOK_LT_MINUS)) {
        gs_field_set(p, first, GS_FIELD_channel);
        gs_token_take(p);
        gs_field_set(p, gs_parse_expression(p), GS_FIELD_value);
        gs_field_set(p, gs_close(p, comm, GS_KIND_send_statement), GS_FIELD_communication);
      } else {
        if (gs_at(p, GS_KIND_TOK_COMMA) || gs_at(p, GS_KIND_TOK_EQ) || gs_at(p, GS_KIND_TOK_COLON_EQ)) {
          while (gs_at(p, GS_KIND_TOK_COMMA)) {
            gs_token_take(p);
            gs_parse_expression(p);
          }
          gs_field_set(p, gs_close(p, comm, GS_KIND_expression_list), GS_FIELD_left);
          if (!gs_at(p, GS_KIND_TOK_EQ) && !gs_at(p, GS_KIND_TOK_COLON_EQ)) gs_parser_refuse(p);
          gs_token_take(p);
          first = gs_parse_expression(p);
        }
        gs_field_set(p, first, GS_FIELD_right);
        gs_field_set(p, gs_close(p, comm, GS_KIND_receive_statement), GS_FIELD_communication);
      }
    }
    gs_expect(p, GS_KIND_TOK_COLON);
    p->nl_ends = nl_ends;
    statement_list(p, true);
    gs_close(p, mark, case_kind);
  }
}

static uint32_t switch_statement(gs_parser *p) {
  uint32_t mark = gs_mark(p);
  bool saved[2];
  gs_expect(p, GS_KIND_TOK_switch);
  header_enter(p, saved);
  p->guard_seen = false;
  if (!gs_at(p, GS_KIND_TOK_LBRACE)) {
    uint32_t init_mark = gs_mark(p);
    simple_kind kind;
    uint32_t node = simple_statement(p, ALLOW_GUARD, &kind);
    if (gs_at(p, GS_KIND_TOK_SEMI) && !p->guard_seen) {
      gs_field_set(p, simple_statement_wrapped(p, init_mark, node, kind), GS_FIELD_initializer);
      gs_token_take(p);
      kind = SIMPLE_EXPRESSION;
      node = gs_at(p, GS_KIND_TOK_LBRACE) ? 0 : simple_statement(p, ALLOW_GUARD, &kind);
    }
    if (!p->guard_seen) {
      if (kind != SIMPLE_EXPRESSION) gs_parser_refuse(p);
      gs_field_set(p, node, GS_FIELD_value);
    }
  }
  bool type_switch = p->guard_seen;
  p->guard_seen = false;
  gs_modes_pop(p, saved);
  gs_expect(p, GS_KIND_TOK_LBRACE);
  case_clauses(p, type_switch ? GS_KIND_type_case : GS_KIND_expression_case);
  gs_expect(p, GS_KIND_TOK_RBRACE);
  return gs_close(p, mark, type_switch ? GS_KIND_type_switch_statement : GS_KIND_expression_switch_statement);
}

static uint32_t select_statement(gs_parser *p) {
  uint32_t mark = gs_mark(p);
  gs_expect(p, GS_KIND_TOK_select);
  gs_expect(p, GS_KIND_TOK_LBRACE);
  bool nl_ends = p->nl_ends;
  p->nl_ends = false;
  case_clauses(p, GS_KIND_communication_case);
  p->nl_ends = nl_ends;
  gs_expect(p, GS_KIND_TOK_RBRACE);
  return gs_close(p, mark, GS_KIND_select_statement);
}

/* const_spec / var_spec: names, then [type] ['=' values]. */
static uint32_t value_spec(gs_parser *p, gs_kind kind) {
  uint32_t mark = gs_mark(p);
  for (;;) {
    if (!gs_at(p, GS_KIND_identifier)) gs_parser_refuse(p);
    gs_field_set(p, gs_parser_take(p, GS_KIND_identifier, true), GS_FIELD_name);
    if (!gs_at(p, GS_KIND_TOK_COMMA)) break;
    /* const_spec has field('name', commaSep1(identifier)): its commas carry
     * the field; var_spec has commaSep1(field('name', identifier)) */
    gs_field_set(p, gs_token_take(p), kind == GS_KIND_const_spec ? GS_FIELD_name : GS_FIELD_NONE);
  }
  bool typed = false;
  if (!gs_at(p, GS_KIND_TOK_EQ) && !gs_at_newline(p) && gs_type_starts(p)) {
    gs_field_set(p, gs_parse_type(p), GS_FIELD_type);
    typed = true;
  }
  if (gs_at(p, GS_KIND_TOK_EQ) && !gs_at_newline(p)) {
    gs_token_take(p);
    gs_field_set(p, gs_parse_expression_list(p), GS_FIELD_value);
  } else if (kind == GS_KIND_var_spec ? !typed : typed) { /* const_spec: a type only before '=' */
    gs_parser_refuse(p);
  }
  return gs_close(p, mark, kind);
}

static uint32_t type_spec(gs_parser *p) {
  uint32_t mark = gs_mark(p);
  if (!gs_at(p, GS_KIND_identifier)) gs_parser_refuse(p);
  gs_field_set(p, gs_parser_take(p, GS_KIND_type_identifier, true), GS_FIELD_name);
  if (gs_at(p, GS_KIND_TOK_EQ)) {
    gs_token_take(p);
    gs_field_set(p, gs_parse_type(p), GS_FIELD_type);
    return gs_close(p, mark, GS_KIND_type_alias);
  }
  if (gs_at(p, GS_KIND_TOK_LBRACK)) {
    /* type T[P any] ... vs type T [N]int: a parameter list names a
     * parameter and then its constraint */
    gs_token next = gs_parser_peek(p, 1), after = gs_parser_peek(p, 2);
    if (next.kind == GS_KIND_identifier) {
      switch (after.kind) {
      case GS_KIND_identifier: case GS_KIND_TOK_COMMA: case GS_KIND_TOK_TILDE: case GS_KIND_TOK_LBRACK:
      case GS_KIND_TOK_interface: case GS_KIND_TOK_func: case GS_KIND_TOK_map: case GS_KIND_TOK_chan:
      case GS_KIND_TOK_struct:
        gs_field_set(p, gs_parse_type_parameter_list(p), GS_FIELD_type_parameters);
        break;
      case GS_KIND_TOK_STAR: case GS_KIND_TOK_LPAREN:
        gs_parser_refuse(p);
      default:
        break;
      }
    }
  }
  gs_field_set(p, gs_parse_type(p), GS_FIELD_type);
  return gs_close(p, mark, GS_KIND_type_spec);
}

static uint32_t import_spec(gs_parser *p) {
  uint32_t mark = gs_mark(p);
  if (gs_at(p, GS_KIND_TOK_DOT)) {
    /* dot: _ => '.' is a node around the '.' token (used elsewhere too) */
    uint32_t dot = gs_mark(p);
    gs_token_take(p);
    gs_field_set(p, gs_close(p, dot, GS_KIND_dot), GS_FIELD_name);
  } else if (gs_at(p, GS_KIND_identifier)) {
    bool blank = p->tok.end - p->tok.start == 1 && p->lexer.source[p->tok.start] == '_';
    gs_field_set(p, gs_parser_take(p, blank ? GS_KIND_blank_identifier : GS_KIND_package_identifier, true),
                 GS_FIELD_name);
  }
  gs_field_set(p, gs_parse_string(p), GS_FIELD_path);
  return gs_close(p, mark, GS_KIND_import_spec);
}

/* '(' {item terminator} ')' -- every item terminated, as const/var/type
 * groups are in the grammar; import groups may leave the last one out. */
static void grouped(gs_parser *p, uint32_t (*item)(gs_parser *p), bool last_terminator_optional) {
  bool nl_ends = p->nl_ends;
  p->nl_ends = true;
  gs_expect(p, GS_KIND_TOK_LPAREN);
  while (!gs_at(p, GS_KIND_TOK_RPAREN)) {
    item(p);
    if (!gs_parser_terminator(p) && !(last_terminator_optional && gs_at(p, GS_KIND_TOK_RPAREN))) gs_parser_refuse(p);
  }
  gs_expect(p, GS_KIND_TOK_RPAREN);
  p->nl_ends = nl_ends;
}

static uint32_t const_spec(gs_parser *p) { return value_spec(p, GS_KIND_const_spec); }
static uint32_t var_spec(gs_parser *p) { return value_spec(p, GS_KIND_var_spec); }

/* const/var/type/import: one spec, or a group in parentheses (wrapped in a
 * list node for var and import). */
static uint32_t declaration(gs_parser *p) {
  static const struct {
    gs_kind keyword, declaration, list;
    uint32_t (*spec)(gs_parser *p);
  } forms[] = {
      {GS_KIND_TOK_const, GS_KIND_const_declaration, GS_KIND_NONE, const_spec},
      {GS_KIND_TOK_var, GS_KIND_var_declaration, GS_KIND_var_spec_list, var_spec},
      {GS_KIND_TOK_type, GS_KIND_type_declaration, GS_KIND_NONE, type_spec},
      {GS_KIND_TOK_import, GS_KIND_import_declaration, GS_KIND_import_spec_list, import_spec},
  };
  size_t form = 0;
  while (form < sizeof forms / sizeof forms[0] - 1 && forms[form].keyword != p->tok.kind) form++;
  uint32_t mark = gs_mark(p);
  gs_token_take(p);
  if (!gs_at(p, GS_KIND_TOK_LPAREN)) {
    forms[form].spec(p);
    return gs_close(p, mark, forms[form].declaration);
  }
  uint32_t list = gs_mark(p);
  grouped(p, forms[form].spec, forms[form].keyword == GS_KIND_TOK_import);
  if (forms[form].list) gs_close(p, list, forms[form].list);
  return gs_close(p, mark, forms[form].declaration);
}

static uint32_t labeled_statement(gs_parser *p) {
  uint32_t mark = gs_mark(p);
  gs_field_set(p, gs_parser_take(p, GS_KIND_label_name, true), GS_FIELD_label);
  gs_expect(p, GS_KIND_TOK_COLON);
  if (gs_at(p, GS_KIND_TOK_RBRACE)) return gs_close(p, mark, GS_KIND_labeled_statement);
  if (list_ends(p, true) || gs_at(p, GS_KIND_TOK_SEMI)) gs_parser_refuse(p);
  statement(p);
  return gs_close(p, mark, GS_KIND_labeled_statement);
}

/* keyword [label_name] */
static uint32_t jump_statement(gs_parser *p, gs_kind kind, bool label_required) {
  uint32_t mark = gs_mark(p);
  gs_token_take(p);
  if (gs_at(p, GS_KIND_identifier) && !gs_at_newline(p)) gs_parser_take(p, GS_KIND_label_name, true);
  else if (label_required) gs_parser_refuse(p);
  return gs_close(p, mark, kind);
}

/* `L:` on one line: a label (a newline after L ends a statement). */
static bool label_follows(gs_parser *p) {
  gs_token next = gs_parser_peek(p, 1);
  return next.kind == GS_KIND_TOK_COLON && next.newline == GS_NO_NEWLINE;
}

static uint32_t statement(gs_parser *p) {
  gs_enter(p);
  uint32_t mark = gs_mark(p), node;
  switch (p->tok.kind) {
  case GS_KIND_TOK_var: case GS_KIND_TOK_const: case GS_KIND_TOK_type:
    node = declaration(p);
    break;
  case GS_KIND_TOK_return:
    gs_token_take(p);
    if (!gs_at_newline(p) && !gs_at(p, GS_KIND_TOK_SEMI) && !gs_at(p, GS_KIND_TOK_RBRACE) &&
        !gs_at(p, GS_KIND_NONE))
      gs_parse_expression_list(p);
    node = gs_close(p, mark, GS_KIND_return_statement);
    break;
  case GS_KIND_TOK_go: case GS_KIND_TOK_defer: {
    gs_kind kind = gs_at(p, GS_KIND_TOK_go) ? GS_KIND_go_statement : GS_KIND_defer_statement;
    gs_token_take(p);
    gs_parse_expression(p);
    node = gs_close(p, mark, kind);
    break;
  }
  case GS_KIND_TOK_if: node = if_statement(p); break;
  case GS_KIND_TOK_for: node = for_statement(p); break;
  case GS_KIND_TOK_switch: node = switch_statement(p); break;
  case GS_KIND_TOK_select: node = select_statement(p); break;
  case GS_KIND_TOK_break: node = jump_statement(p, GS_KIND_break_statement, false); break;
  case GS_KIND_TOK_continue: node = jump_statement(p, GS_KIND_continue_statement, false); break;
  case GS_KIND_TOK_goto: node = jump_statement(p, GS_KIND_goto_statement, true); break;
  case GS_KIND_TOK_fallthrough:
    gs_token_take(p);
    node = gs_close(p, mark, GS_KIND_fallthrough_statement);
    break;
  case GS_KIND_TOK_LBRACE: node = gs_parse_block(p); break;
  case GS_KIND_identifier:
    if (label_follows(p)) {
      node = labeled_statement(p);
      break;
    }
    /* fall through */
  default: {
    simple_kind kind;
    node = simple_statement(p, 0, &kind);
    node = simple_statement_wrapped(p, mark, node, kind);
    break;
  }
  }
  gs_leave(p);
  return node;
}

/* --- Files ------------------------------------------------------------------- */

static uint32_t function_declaration(gs_parser *p) {
  uint32_t mark = gs_mark(p);
  gs_expect(p, GS_KIND_TOK_func);
  gs_kind kind = GS_KIND_function_declaration;
  if (gs_at(p, GS_KIND_TOK_LPAREN)) {
    kind = GS_KIND_method_declaration;
    gs_field_set(p, gs_parse_parameter_list(p), GS_FIELD_receiver);
    if (!gs_at(p, GS_KIND_identifier)) gs_parser_refuse(p);
    gs_field_set(p, gs_parser_take(p, GS_KIND_field_identifier, true), GS_FIELD_name);
  } else {
    if (!gs_at(p, GS_KIND_identifier)) gs_parser_refuse(p);
    gs_field_set(p, gs_parser_take(p, GS_KIND_identifier, true), GS_FIELD_name);
    if (gs_at(p, GS_KIND_TOK_LBRACK))
      gs_field_set(p, gs_parse_type_parameter_list(p), GS_FIELD_type_parameters);
  }
  gs_field_set(p, gs_parse_parameter_list(p), GS_FIELD_parameters);
  gs_parse_signature_rest(p);
  if (gs_at(p, GS_KIND_TOK_LBRACE) && !gs_at_newline(p)) gs_field_set(p, gs_parse_block(p), GS_FIELD_body);
  return gs_close(p, mark, kind);
}

/* Whether the node on top of the stack is a var or const declaration of
 * one spec with values. */
static bool value_declaration_ends(const gs_parser *p) {
  const gs_node *decl = &p->tree->nodes[gs_build_peek(p->tree, 0)];
  if (!gs_build_peek(p->tree, 0) ||
      (decl->kind != GS_KIND_var_declaration && decl->kind != GS_KIND_const_declaration) || decl->nkids != 2)
    return false;
  const gs_node *spec = gs_child(decl, 1);
  return gs_field_child(spec, GS_FIELD_value) != NULL;
}

static void source_file(gs_parser *p) {
  while (!gs_at(p, GS_KIND_NONE)) {
    p->nl_ends = true;
    bool top_level = gs_at(p, GS_KIND_TOK_package) || gs_at(p, GS_KIND_TOK_import) || gs_at(p, GS_KIND_TOK_func);
    if (gs_at(p, GS_KIND_TOK_package)) {
      uint32_t mark = gs_mark(p);
      gs_token_take(p);
      if (!gs_at(p, GS_KIND_identifier)) gs_parser_refuse(p);
      gs_parser_take(p, GS_KIND_package_identifier, true);
      gs_close(p, mark, GS_KIND_package_clause);
    } else if (gs_at(p, GS_KIND_TOK_import)) {
      declaration(p);
    } else if (gs_at(p, GS_KIND_TOK_func)) {
      function_declaration(p);
    } else {
      statement(p);
    }
    if (gs_at(p, GS_KIND_NONE) && p->tok.newline == GS_NO_NEWLINE) {
      /* The last top-level declaration needs no terminator. A statement
       * takes a zero-width "\0" one, or a MISSING "\n" (an error),
       * depending on tree-sitter's lexer state: known only after var and
       * const declarations with values. */
      if (!top_level && !value_declaration_ends(p)) gs_parser_refuse(p);
      break;
    }
    if (!gs_parser_terminator(p)) gs_parser_refuse(p);
  }
  comments_flush(p, p->tok.ncomments);
}

gs_tree *gs_parse(const char *source, size_t length) { return gs_parse_explained(source, length, NULL); }

/* Parses the whole file into p->tree; false when the parser refused (a
 * longjmp to p->refuse). Kept apart from gs_parse_explained so no local of
 * the caller lives across the setjmp. */
static bool parse_source_file(gs_parser *p, uint32_t length) {
  if (setjmp(p->refuse)) return false;
  gs_parser_advance(p);
  source_file(p);
  /* tree-sitter's root starts at its first token or comment and ends at
   * the end of the source */
  uint32_t start = p->tree->depth ? p->tree->nodes[p->tree->stack[0]].start : length;
  return gs_build_finish(p->tree, GS_KIND_source_file, start, length);
}

gs_tree *gs_parse_explained(const char *source, size_t length, gs_refusal *why) {
  if (why) *why = (gs_refusal){0, "input", 0};
  if (!source && length) return NULL;
  if (length > UINT32_MAX / 4 || (length && memchr(source, 0, length))) return NULL;
  gs_parser *p = calloc(1, sizeof *p);
  if (!p) return NULL;
  p->tree = gs_build_new(source ? source : "", length, length);
  p->lexer = (gs_lexer){.source = source ? source : "", .length = (uint32_t)length};
  p->work_limit = 4 * (uint64_t)length + 10000;
  p->why = why;
  gs_tree *tree = p->tree && parse_source_file(p, (uint32_t)length) ? p->tree : NULL;
  if (!tree) gs_tree_free(p->tree);
  free(p->lexer.comments);
  free(p);
  return tree;
}
