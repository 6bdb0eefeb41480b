/*
 * The registry's object rules, pure C: which producers a caller may see and
 * change, and with them their products, applications, documents and
 * trademark support requests. A caller acting as province_officer, portal or
 * admin sees everything. Otherwise, acting as commune_officer, the producers
 * whose current commune (a legacy code resolved to today's unit, as
 * admin_unit_resolve does) is the token's commune_code (none without the
 * claim); acting as producer, the producers named in the token's
 * producer_ids; acting as both, either. Anything else is not found (404,
 * never 403, so that ids cannot be probed).
 *
 * The stores apply a scope in SQL through three parameters (store_util.h,
 * SQL_IN_SCOPE); only the stores read them.
 */
#ifndef REG_SCOPE_H
#define REG_SCOPE_H

#include "common/auth.h"

/* Roles that see every producer on the routes that allow them. */
#define REG_SCOPE_FULL (OC_ROLE_PROVINCE_OFFICER | OC_ROLE_PORTAL | OC_ROLE_ADMIN)

/* A scope as SQL parameters. Its pointers point into itself: never copy one. */
struct reg_scope {
    const char *all;       /* "t": everything; "f": only what producers and commune allow */
    const char *producers; /* "{id,...}" for "= ANY($n::uuid[])", or NULL */
    const char *commune;   /* a current commune code ("" matches none), or NULL */
    char producers_buf[OC_PRINCIPAL_MAX_IDS * 37 + 3]; /* storage of producers */
    char commune_buf[6];                               /* storage of commune */
};

/* The scope of caller p (oc_principal() in a request; an anonymous one sees nothing). */
void reg_scope_init(struct reg_scope *s, const struct oc_principal *p);

/* The scope of the service itself (event handlers): everything. */
void reg_scope_everything(struct reg_scope *s);

/* 1 when s limits what is seen (a commune officer's or a producer's scope). */
int reg_scope_limited(const struct reg_scope *s);

#endif
