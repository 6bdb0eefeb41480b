#include "registration/support_policy_load.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/log.h"

/* Returns 1 when name ends in ".json" and does not start with a dot. */
static int policy_file(const char *name)
{
    size_t n = strlen(name);
    return name[0] != '.' && n > 5 && strcmp(name + n - 5, ".json") == 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads and adds one file. Returns 1, or 0 with the reason. */
static int load_one(struct support_policy_set *set, const char *dir, const char *name, char *err,
                    size_t errlen)
{
    char why[512];
    json_error_t jerr;
    struct support_policy p;
    char *path = oc_xasprintf("%s/%s", dir, name);
    memset(&p, 0, sizeof(p));
    json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
    int ok = doc != NULL;
    if (!ok)
        snprintf(why, sizeof(why), "line %d: %s", jerr.line, jerr.text);
    else
        ok = support_policy_parse(doc, &p, why, sizeof(why));
    if (ok &&
        (strncmp(name, p.id, strlen(p.id)) != 0 || strcmp(name + strlen(p.id), ".json") != 0)) {
        snprintf(why, sizeof(why), "the file is not named after its id %s", p.id);
        json_decref(p.doc);
        ok = 0;
    }
    if (ok)
        ok = support_policy_set_add(set, &p, why, sizeof(why));
    if (!ok)
        snprintf(err, errlen, "support policies not loaded: %s: %s", path, why);
    free(path);
    return ok;
}

int support_policy_load(struct support_policy_set *set, const char *schema_dir, const char *sub,
                        char *err, size_t errlen)
{
    memset(set, 0, sizeof(*set));
    if (sub == NULL || sub[0] == '\0' || strstr(sub, "..") != NULL) {
        snprintf(err, errlen,
                 "support policies not loaded: OCOP_SUPPORT_POLICY_DIR must name a folder under "
                 "the schema folder");
        return 0;
    }
    char *dir = oc_xasprintf("%s/%s", schema_dir, sub);
    char *names[SUPPORT_POLICIES_MAX + 1];
    size_t n = 0;
    int ok = 1;
    memset(set, 0, sizeof(*set));
    DIR *d = opendir(dir);
    if (d == NULL) {
        snprintf(err, errlen, "support policies not loaded: cannot open %s", dir);
        free(dir);
        return 0;
    }
    for (struct dirent *e = readdir(d); e != NULL && n <= SUPPORT_POLICIES_MAX; e = readdir(d))
        if (policy_file(e->d_name))
            names[n++] = oc_xstrdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof(names[0]), by_name);
    for (size_t i = 0; i < n; i++) {
        if (ok)
            ok = load_one(set, dir, names[i], err, errlen);
        free(names[i]);
    }
    if (ok && set->n == 0) {
        snprintf(err, errlen, "support policies not loaded: %s holds no policy", dir);
        ok = 0;
    }
    if (ok)
        oc_log(OC_LOG_INFO, "loaded %zu support policies from %s", set->n, dir);
    else
        support_policy_set_clean(set);
    free(dir);
    return ok;
}
