/*
 * Who is calling: OAuth 2 bearer access tokens (RFC 6750), JWTs from the
 * province's identity provider, verified with rhonabwy against keys pinned
 * from a JWKS file (never from the token's own jwk, jku, x5u or x5c headers;
 * see reliability-security.md), algorithms allow-listed (ES256, RS256,
 * EdDSA), iss, aud, exp and nbf checked with a small clock skew. A verified
 * token becomes a struct oc_principal, cached by the token's SHA-256 until it
 * expires.
 *
 * The dispatcher (server.c) authenticates every request before its handler
 * runs and makes the principal the current one of the thread serving the
 * request: handlers, changes and stores read it with oc_principal(). Outside
 * a request (event handlers, the scheduler) the current principal is the
 * anonymous one and the actor of a change is the service itself.
 *
 * Claims read (names documented in the README):
 *   sub            the subject: the actor recorded for every change
 *   roles          OCOP_AUTH_ROLES_CLAIM, by default "roles" then
 *                  "realm_access.roles" (Keycloak); unknown role names are ignored
 *   commune_code   a commune officer's commune (current 5-digit code)
 *   producer_ids   the producers a producer account acts for (UUIDs)
 *   member_ids     the council memberships of a council member (UUIDs)
 */
#ifndef OC_AUTH_H
#define OC_AUTH_H

#include <stddef.h>

#include "common/err.h"

struct oc_config;

/* The platform's roles (architecture.md, "Actors"), with their names in tokens and x-roles. */
#define OC_ROLE_MAP(XX)                                                                            \
    XX(PUBLIC, "public")                                                                           \
    XX(PROVINCE_OFFICER, "province_officer")                                                       \
    XX(COMMUNE_OFFICER, "commune_officer")                                                         \
    XX(COUNCIL_MEMBER, "council_member")                                                           \
    XX(INSPECTOR, "inspector")                                                                     \
    XX(TRADE_OFFICER, "trade_officer")                                                             \
    XX(PRODUCER, "producer")                                                                       \
    XX(PORTAL, "portal")                                                                           \
    XX(ADMIN, "admin")

enum oc_role_bit {
#define XX(name, text) OC_ROLE_BIT_##name,
    OC_ROLE_MAP(XX)
#undef XX
        OC_ROLE_COUNT
};

/* Role masks: OC_ROLE_PROVINCE_OFFICER | OC_ROLE_ADMIN, say. */
enum oc_role {
#define XX(name, text) OC_ROLE_##name = 1u << OC_ROLE_BIT_##name,
    OC_ROLE_MAP(XX)
#undef XX
};

/* Ids a token may carry in producer_ids or member_ids, at most. */
#define OC_PRINCIPAL_MAX_IDS 32

/* A caller, as its verified token says. */
struct oc_principal {
    char sub[129];                            /* subject; "" for an anonymous caller */
    unsigned roles;                           /* OC_ROLE_* the token grants; 0 anonymous */
    unsigned acting;                          /* roles this request may use: roles & route's */
    char commune[6];                          /* commune_code claim, "" when absent */
    size_t nproducers;                        /* entries in producers */
    char producers[OC_PRINCIPAL_MAX_IDS][37]; /* producer_ids claim (lower-case UUIDs) */
    size_t nmembers;                          /* entries in members */
    char members[OC_PRINCIPAL_MAX_IDS][37];   /* member_ids claim (lower-case UUIDs) */
    long long expires;                        /* exp, seconds since the epoch */
};

/*
 * The caller of the request this thread is serving (borrowed until the
 * handler returns); outside a request an anonymous principal (sub "",
 * roles 0). Never NULL.
 */
const struct oc_principal *oc_principal(void);

/* 1 when the request acts under at least one of roles (a mask): p->acting & roles. */
int oc_principal_acts_as(const struct oc_principal *p, unsigned roles);

/*
 * 1 when the request acts only under roles outside full (a mask of roles
 * that see everything on this route): the object rules of the other roles
 * apply. A token with several roles gets the widest of them.
 */
int oc_principal_restricted(const struct oc_principal *p, unsigned full);

/* 1 when id (a UUID) is among the token's producer_ids. */
int oc_principal_has_producer(const struct oc_principal *p, const char *id);

/* 1 when id (a UUID) is among the token's member_ids. */
int oc_principal_has_member(const struct oc_principal *p, const char *id);

/*
 * Writes the token's producer_ids as a PostgreSQL array literal
 * ("{id,id}", "{}" when none) into buf, for "= ANY($n::uuid[])".
 */
void oc_principal_producers_sql(const struct oc_principal *p, char *buf, size_t len);

/* The actor recorded for a change: the subject, or "system" outside a request. */
const char *oc_principal_actor(const struct oc_principal *p);

/* The first role of mask (in OC_ROLE_MAP order) that p acts under, by name; NULL if none. */
const char *oc_principal_role_name(const struct oc_principal *p, unsigned mask);

/* Role names <-> masks. oc_roles_parse reads space-separated names in text; -1 on an unknown name.
 */
const char *oc_role_name(enum oc_role_bit bit);
int oc_roles_parse(const char *text, unsigned *mask);

/* Writes the names of mask's roles, in OC_ROLE_MAP order, joined by sep, into buf. */
void oc_roles_format(unsigned mask, const char *sep, char *buf, size_t len);

/* ---- for the dispatcher and tests --------------------------------------- */

struct oc_auth;

/*
 * Loads the verifier from the configuration (OCOP_AUTH_*). Returns NULL with
 * a message in err when the JWKS cannot be read or holds no usable key.
 */
struct oc_auth *oc_auth_new(const struct oc_config *cfg, char *err, size_t errlen);
void oc_auth_free(struct oc_auth *auth);

/*
 * Verifies a compact JWS access token into *out. Returns OC_OK, or
 * OC_UNAUTHORIZED with why (for error_description) in err.
 */
enum oc_err oc_auth_verify(struct oc_auth *auth, const char *token, struct oc_principal *out,
                           char *err, size_t errlen);

/* Makes p the current principal of this thread (NULL: anonymous again). */
void oc_principal_set(const struct oc_principal *p);

#endif
