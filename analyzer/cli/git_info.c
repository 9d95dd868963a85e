#include "git_info.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Asks git itself rather than reading .git/: worktrees, packed refs and
 * detached heads are git's business. stderr is discarded so a directory
 * that is not a work tree stays quiet. */
char *fl_git_head_commit(void) {
  FILE *git = popen("git rev-parse --verify -q HEAD 2>/dev/null", "r");
  if (!git) return NULL;
  char line[128] = "";
  char *got = fgets(line, sizeof line, git);
  int status = pclose(git);
  if (!got || status != 0) return NULL;
  size_t len = strcspn(line, "\r\n");
  line[len] = '\0';
  if (len < 40) return NULL;
  for (size_t i = 0; i < len; i++)
    if (!isxdigit((unsigned char)line[i])) return NULL;
  return strdup(line);
}
