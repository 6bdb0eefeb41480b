/*
 * Start-up load of the support policies: every *.json file of
 * reference/support-policies/ under the schema folder (OCOP_SUPPORT_POLICY_DIR
 * names another folder under it), each one version (support_policy.h). Kept
 * in memory, read-only afterwards; the service refuses to start on a file
 * that breaks a rule.
 */
#ifndef REG_SUPPORT_POLICY_LOAD_H
#define REG_SUPPORT_POLICY_LOAD_H

#include <stddef.h>

#include "registration/support_policy.h"

/* The folder of the policies, relative to the schema folder. */
#define SUPPORT_POLICY_DIR_DEFAULT "reference/support-policies"

/*
 * Reads every version in the folder sub (OCOP_SUPPORT_POLICY_DIR, e.g.
 * SUPPORT_POLICY_DIR_DEFAULT) under schema_dir into set (zeroed first; the
 * caller cleans it). Returns 1, or 0 with a message naming the file in err
 * (set then holds nothing).
 */
int support_policy_load(struct support_policy_set *set, const char *schema_dir, const char *sub,
                        char *err, size_t errlen);

#endif
