/* What version-control state a run records (the audit DB's run row). */
#ifndef FL_GIT_INFO_H
#define FL_GIT_INFO_H

/* The commit checked out in the current directory's git work tree (40 hex
 * digits, heap-owned, caller frees), or NULL when this is not a git work
 * tree or git is not installed. Never an error: the commit is optional. */
char *fl_git_head_commit(void);

#endif
