#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/err.h"
#include "evaluation/rule_set.h"
#include "evaluation/rule_set_json.h"

/* ---- criteria index ------------------------------------------------------------------------- */

/* Checks "sectors" and returns its array (borrowed) in *out. */
static int sectors_ok(json_t *doc, json_t **out, char *msg, size_t len)
{
    static const char *const members[] = {"code", "name_en", NULL};
    json_t *s;
    size_t i;
    if (!rsj_array_at(doc, "", "sectors", 1, 20, out, msg, len))
        return 0;
    json_array_foreach(*out, i, s)
    {
        char at[32];
        const char *code, *name;
        snprintf(at, sizeof(at), "sectors[%zu]", i);
        if (!rsj_item_ok(s, at, members, msg, len) ||
            !rsj_text_at(s, at, "code", 1, RSJ_CODE_MAX, &code, msg, len) ||
            !rsj_text_at(s, at, "name_en", 1, RSJ_NAME_MAX_LEN, &name, msg, len))
            return 0;
        for (size_t j = 0; j < i; j++)
            if (rsj_same(code, json_string_value(json_object_get(json_array_get(*out, j), "code"))))
                return oc_say(msg, len, "%s: code \"%s\" is used twice", at, code);
    }
    return 1;
}

/* The position of sector code in sectors, or -1. */
static long sector_index(json_t *sectors, const char *code)
{
    json_t *s;
    size_t i;
    json_array_foreach(sectors, i, s)
    {
        if (rsj_same(code, json_string_value(json_object_get(s, "code"))))
            return (long)i;
    }
    return -1;
}

static int entry_ok(json_t *e, size_t i, json_t *sectors, struct criteria_index *idx, char *msg,
                    size_t len)
{
    static const char *const members[] = {"number", "sector", "name_en", "detail_file", NULL};
    struct criteria_set_entry *out = &idx->sets[i];
    char at[32];
    snprintf(at, sizeof(at), "sets[%zu]", i);
    if (!rsj_item_ok(e, at, members, msg, len) ||
        !rsj_int_at(e, at, "number", 1, 1, CRITERIA_SETS_MAX, &out->number, msg, len) ||
        !rsj_text_at(e, at, "sector", 1, RSJ_CODE_MAX, &out->sector, msg, len) ||
        !rsj_text_at(e, at, "name_en", 1, RSJ_NAME_MAX_LEN, &out->name_en, msg, len) ||
        !rsj_text_at(e, at, "detail_file", 0, RSJ_FILE_NAME_MAX, &out->detail_file, msg, len))
        return 0;
    if (out->number != (long)i + 1)
        return oc_say(msg, len, "%s: number %ld must be %zu (sets are numbered 1, 2, ... in order)",
                      at, out->number, i + 1);
    long sector = sector_index(sectors, out->sector);
    if (sector < 0)
        return oc_say(msg, len, "%s: sector \"%s\" is not in sectors", at, out->sector);
    if (i > 0 && sector < sector_index(sectors, idx->sets[i - 1].sector))
        return oc_say(msg, len,
                      "%s: sector %s comes after sector %s (sets follow the sectors' order)", at,
                      out->sector, idx->sets[i - 1].sector);
    out->sector_name_en =
        json_string_value(json_object_get(json_array_get(sectors, (size_t)sector), "name_en"));
    if (out->detail_file != NULL && !rsj_file_name_ok(out->detail_file))
        return oc_say(msg, len, "%s: detail_file \"%s\" must be a file name like \"x-set-01.json\"",
                      at, out->detail_file);
    for (size_t j = 0; j < i && out->detail_file != NULL; j++)
        if (rsj_same(idx->sets[j].detail_file, out->detail_file))
            return oc_say(msg, len, "%s: detail_file %s is also the detail of set %zu", at,
                          out->detail_file, j + 1);
    return 1;
}

int criteria_index_parse(json_t *doc, const struct rule_set *rs, struct criteria_index *idx,
                         char *msg, size_t len)
{
    static const char *const members[] = {"rule_set",   "title", "detail_unavailable_note",
                                          "sectors",    "sets",  "sources",
                                          "confidence", "notes", NULL};
    json_t *sectors, *sets, *e;
    const char *title;
    size_t i;
    memset(idx, 0, sizeof(*idx));
    if (!json_is_object(doc))
        return oc_say(msg, len, "the document must be a JSON object");
    if (!rsj_only(doc, "", members, msg, len) ||
        !rsj_text_at(doc, "", "rule_set", 1, RULE_SET_ID_MAX, &idx->rule_set, msg, len) ||
        !rsj_text_at(doc, "", "title", 1, RSJ_NAME_MAX_LEN, &title, msg, len) ||
        !rsj_text_at(doc, "", "detail_unavailable_note", 1, RSJ_TEXT_MAX, &idx->detail_note, msg,
                     len) ||
        !sectors_ok(doc, &sectors, msg, len) ||
        !rsj_array_at(doc, "", "sets", 1, CRITERIA_SETS_MAX, &sets, msg, len) ||
        !rsj_sources_ok(doc, msg, len) || !rsj_confidence_ok(doc, msg, len) ||
        !rsj_texts_ok(doc, "", "notes", msg, len))
        return 0;
    if (!rsj_same(idx->rule_set, rs->id))
        return oc_say(msg, len, "rule_set is %s, but rule set %s names this index", idx->rule_set,
                      rs->id);
    idx->sets = oc_xcalloc(json_array_size(sets), sizeof(*idx->sets));
    json_array_foreach(sets, i, e)
    {
        if (!entry_ok(e, i, sectors, idx, msg, len))
            return 0;
        idx->nsets = i + 1;
    }
    return 1;
}

void criteria_index_clean(struct criteria_index *idx)
{
    free(idx->sets);
    memset(idx, 0, sizeof(*idx));
}
