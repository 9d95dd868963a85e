/* The state of gs_parse shared by its files (analyzer/frontend/go/syntax_parse.h):
 * syntax_parse.c (files, declarations, statements) and syntax_parse_expr.c
 * (expressions and types).
 *
 * A refusal (syntax error, construct not handled, too deep, out of memory)
 * longjmps back to gs_parse, which frees the tree: nothing else is
 * allocated on the way. */
#ifndef FL_GO_SYNTAX_PARSE_H
#define FL_GO_SYNTAX_PARSE_H

#include <setjmp.h>

#include "frontend/go/syntax_internal.h"
#include "frontend/go/syntax_lex.h"

enum { GS_MAX_DEPTH = 1000 };

typedef struct gs_refusal gs_refusal;

typedef struct gs_parser {
  gs_tree *tree;
  gs_lexer lexer;
  gs_token tok;
  uint32_t comments_done; /* of tok's comments, how many are on the stack */
  bool nl_ends;    /* a newline before tok is a terminator (tree-sitter's "\n" is valid here) */
  bool no_literal; /* in an if/for/switch header: `T {` opens the body */
  bool guard_ok;   /* `x.(type)` may follow (a type switch header) */
  bool guard_seen;
  unsigned depth;
  uint64_t work_limit;
  gs_refusal *why; /* where and why it refused, for syntax-diff; may be NULL */
  jmp_buf refuse;
} gs_parser;

/* A point to rewind the parser to, for the few constructs decided by what
 * follows them (generic instantiation vs index, parameter names). */
typedef struct gs_parser_state {
  gs_build_state build;
  uint32_t lexer_pos, ncomments, comments_done;
  gs_token tok;
  unsigned depth;
  bool nl_ends, no_literal, guard_ok, guard_seen;
} gs_parser_state;

/* Where gs_parse refused: the token's offset and the parser's source line. */
typedef struct gs_refusal {
  uint32_t offset;
  const char *file;
  int line;
} gs_refusal;

/* gs_parse, telling why it refused (syntax-diff lists the refusals). */
gs_tree *gs_parse_explained(const char *source, size_t length, gs_refusal *why);

_Noreturn void gs_parser_refuse_at(gs_parser *p, const char *file, int line);
#define gs_parser_refuse(p) gs_parser_refuse_at((p), __FILE__, __LINE__)
void gs_parser_advance(gs_parser *p);
uint32_t gs_parser_take(gs_parser *p, gs_kind kind, bool named);
void gs_parser_flush(gs_parser *p); /* pushes the comments before tok */
bool gs_parser_terminator(gs_parser *p);
gs_token gs_parser_peek(gs_parser *p, unsigned ahead);
gs_parser_state gs_parser_save(const gs_parser *p);
/* Runs parse(p) as a trial: if it refuses, rewinds to where it started and
 * returns 0, else returns its node. */
uint32_t gs_parser_attempt(gs_parser *p, uint32_t (*parse)(gs_parser *p));
void gs_parser_restore(gs_parser *p, const gs_parser_state *state);

static inline bool gs_at(const gs_parser *p, gs_kind kind) { return p->tok.kind == kind; }
/* A newline before tok ends the statement here. */
static inline bool gs_at_newline(const gs_parser *p) { return p->nl_ends && p->tok.newline != GS_NO_NEWLINE; }
/* tok is `kind` and continues the construct (no terminating newline before it). */
static inline bool gs_continues(const gs_parser *p, gs_kind kind) { return gs_at(p, kind) && !gs_at_newline(p); }
static inline uint32_t gs_mark(const gs_parser *p) { return gs_build_mark(p->tree); }
static inline uint32_t gs_token_take(gs_parser *p) { return gs_parser_take(p, (gs_kind)p->tok.kind, false); }
static inline void gs_expect(gs_parser *p, gs_kind kind) {
  if (p->tok.kind != kind) gs_parser_refuse(p);
  gs_token_take(p);
}
static inline uint32_t gs_close(gs_parser *p, uint32_t mark, gs_kind kind) {
  uint32_t node = gs_build_close(p->tree, mark, kind, true);
  if (!node) gs_parser_refuse(p);
  return node;
}
static inline void gs_field_set(gs_parser *p, uint32_t node, gs_field field) { gs_build_field(p->tree, node, field); }
/* Saves the newline and literal modes in saved[2] and sets new ones;
 * gs_modes_pop puts the saved ones back. */
static inline void gs_modes_push(gs_parser *p, bool saved[2], bool nl_ends, bool no_literal) {
  saved[0] = p->nl_ends;
  saved[1] = p->no_literal;
  p->nl_ends = nl_ends;
  p->no_literal = no_literal;
}
static inline void gs_modes_pop(gs_parser *p, const bool saved[2]) {
  p->nl_ends = saved[0];
  p->no_literal = saved[1];
}
static inline void gs_enter(gs_parser *p) {
  if (++p->depth > GS_MAX_DEPTH) gs_parser_refuse(p);
}
static inline void gs_leave(gs_parser *p) { p->depth--; }

/* syntax_parse_expr.c */
uint32_t gs_parse_expression(gs_parser *p);
uint32_t gs_parse_expression_list(gs_parser *p);
uint32_t gs_parse_type(gs_parser *p);
bool gs_type_starts(const gs_parser *p);
uint32_t gs_parse_parameter_list(gs_parser *p);
uint32_t gs_parse_type_parameter_list(gs_parser *p);
uint32_t gs_parse_string(gs_parser *p);
void gs_parse_signature_rest(gs_parser *p); /* [result] after parameters */

/* syntax_parse.c */
uint32_t gs_parse_block(gs_parser *p);

#endif
