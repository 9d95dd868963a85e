/* The Go lexer of gs_parse (analyzer/frontend/go/syntax_lex.h): tokens as
 * tree-sitter-go 0.23.4 splits them. Only syntax_lex.c and syntax_parse.c
 * include this. */
#ifndef FL_GO_SYNTAX_LEX_H
#define FL_GO_SYNTAX_LEX_H

#include "frontend/go/syntax.h"

#define GS_NO_NEWLINE UINT32_MAX

typedef struct gs_comment {
  uint32_t start, end;
} gs_comment;

typedef struct gs_token {
  uint16_t kind;      /* a keyword or operator kind (TOK_*); identifier, the literal kinds;
                         NONE at the end; ERROR for bytes this parser does not take */
  uint16_t word;      /* for identifiers tree-sitter lexes as keywords in expressions:
                         nil, true, false, iota; TOK_LPAREN marks new and make */
  uint32_t start, end;
  uint32_t comments_at, ncomments; /* the comments before it, in the lexer's array */
  uint32_t newline;                /* offset of the first newline before it outside
                                      comments, GS_NO_NEWLINE if none */
} gs_token;

typedef struct gs_lexer {
  const char *source;
  uint32_t length, pos;
  gs_comment *comments;
  uint32_t ncomments, comments_cap;
  uint64_t work; /* tokens lexed, rewinds included: bounds the parser's backtracking */
} gs_lexer;

/* Lexes the token at lexer->pos and the comments before it. Returns false
 * when out of memory. */
bool gs_lex_next(gs_lexer *lexer, gs_token *out);

#endif
