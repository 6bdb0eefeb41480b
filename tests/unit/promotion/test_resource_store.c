/*
 * Promotion's resource statements (promotion/resource_store.h) against their
 * member lists, without a database: each statement takes exactly the
 * parameters the one flow binds ($1..$n, none missing), an insert's k-th
 * column is the k-th member's name and an update sets each member's column
 * from its own parameter. A member list out of step with its SQL fails here.
 */
#include <stdlib.h>
#include <string.h>

#include "promotion/linkage_store.h"
#include "promotion/participation_store.h"
#include "promotion/point_of_sale_store.h"
#include "promotion/trade_event_store.h"
#include "unit/test.h"

/* The i-th member a statement binds (list NULL: all n in order), or RESOURCE_END. */
static int member_at(const struct resource_sql *r, const int *list, size_t i)
{
    if (list == NULL)
        return i < r->n ? (int)i : RESOURCE_END;
    return list[i];
}

/* The highest $k in sql; *complete says whether every $1..$k is there. */
static int params_used(const char *sql, int *complete)
{
    unsigned long long seen = 0;
    int max = 0;
    for (const char *p = strchr(sql, '$'); p != NULL; p = strchr(p + 1, '$')) {
        long k = strtol(p + 1, NULL, 10);
        if (k > 0 && k < 64) {
            seen |= 1ULL << k;
            max = k > max ? (int)k : max;
        }
    }
    *complete = seen == (1ULL << (max + 1)) - 2;
    return max;
}

/* Checks that sql takes exactly n parameters, each used. */
static void check_params(const char *what, const char *sql, int n)
{
    int complete = 0;
    int used = params_used(sql, &complete);
    CHECK_INT_EQ(used, n);
    CHECK(complete);
    if (used != n || !complete)
        fprintf(stderr, "    in %s\n", what);
}

/* Checks that the insert's k-th column is the k-th member's name. */
static void check_insert_columns(const char *what, const struct resource_sql *r)
{
    const char *p = strstr(r->insert, "INSERT INTO ");
    p = p != NULL ? strchr(p, '(') : NULL;
    CHECK(p != NULL);
    for (size_t i = 0; p != NULL && member_at(r, r->insert_members, i) != RESOURCE_END; i++) {
        const char *name = r->fields[member_at(r, r->insert_members, i)].name;
        p += strspn(p, "(, ");
        size_t len = strcspn(p, ",)");
        int ok = len == strlen(name) && strncmp(p, name, len) == 0;
        CHECK(ok);
        if (!ok)
            fprintf(stderr, "    %s: column %zu is \"%.*s\", member \"%s\"\n", what, i + 1,
                    (int)len, p, name);
        p += len;
    }
}

/* Checks that the update sets each member's column from its own parameter ($1 is the id). */
static void check_update_columns(const char *what, const struct resource_sql *r)
{
    for (size_t i = 0; member_at(r, r->update_members, i) != RESOURCE_END; i++) {
        char set[80];
        snprintf(set, sizeof(set), "%s = $%zu", r->fields[member_at(r, r->update_members, i)].name,
                 i + 2);
        const char *at = strstr(r->update, set);
        int ok = at != NULL && !(at[strlen(set)] >= '0' && at[strlen(set)] <= '9');
        CHECK(ok);
        if (!ok)
            fprintf(stderr, "    %s: no \"%s\"\n", what, set);
    }
}

static int count(const struct resource_sql *r, const int *list)
{
    int n = 0;
    while (member_at(r, list, (size_t)n) != RESOURCE_END)
        n++;
    return n;
}

static void check_resource(const char *what, const struct resource_sql *r)
{
    CHECK(r->n <= RESOURCE_MEMBERS_MAX);
    check_params(what, r->insert, count(r, r->insert_members));
    check_params(what, r->update, count(r, r->update_members) + 1);
    check_params(what, r->get, 1);
    check_params(what, r->lock, 1);
    if (r->share != NULL)
        check_params(what, r->share, 1);
    check_insert_columns(what, r);
    check_update_columns(what, r);
}

int main(void)
{
    check_resource("trade events", &trade_event_sql);
    check_resource("participations", &participation_sql);
    check_resource("linkages", &linkage_sql);
    check_resource("points of sale", &point_of_sale_sql);
    TEST_DONE();
}
