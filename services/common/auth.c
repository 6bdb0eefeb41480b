#include "common/auth.h"

#include <gnutls/crypto.h>
#include <pthread.h>
#include <rhonabwy.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include <jansson.h>

#include "common/alloc.h"
#include "common/config.h"
#include "common/log.h"
#include "common/timeutil.h"
#include "common/validate.h"

/* Longest token accepted: a header of a few kilobytes is already generous. */
#define AUTH_TOKEN_MAX 8192

/* ---- roles and the current principal ------------------------------------- */

static const char *const role_names[] = {
#define XX(name, text) text,
    OC_ROLE_MAP(XX)
#undef XX
};

static const struct oc_principal anonymous;
static _Thread_local const struct oc_principal *current;

const char *oc_role_name(enum oc_role_bit bit)
{
    return (unsigned)bit < OC_ROLE_COUNT ? role_names[bit] : "unknown";
}

static int role_bit(const char *name, size_t len)
{
    for (int i = 0; i < OC_ROLE_COUNT; i++)
        if (strlen(role_names[i]) == len && strncmp(role_names[i], name, len) == 0)
            return i;
    return -1;
}

int oc_roles_parse(const char *text, unsigned *mask)
{
    *mask = 0;
    const char *p = text;
    while (*p != '\0') {
        while (*p == ' ')
            p++;
        size_t len = strcspn(p, " ");
        if (len == 0)
            break;
        int bit = role_bit(p, len);
        if (bit < 0)
            return -1;
        *mask |= 1u << bit;
        p += len;
    }
    return 0;
}

void oc_roles_format(unsigned mask, const char *sep, char *buf, size_t len)
{
    size_t n = 0;
    buf[0] = '\0';
    for (int i = 0; i < OC_ROLE_COUNT && n < len; i++)
        if (mask & (1u << i))
            n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? sep : "", role_names[i]);
}

const struct oc_principal *oc_principal(void)
{
    return current != NULL ? current : &anonymous;
}

void oc_principal_set(const struct oc_principal *p)
{
    current = p;
}

int oc_principal_acts_as(const struct oc_principal *p, unsigned roles)
{
    return (p->acting & roles) != 0;
}

int oc_principal_restricted(const struct oc_principal *p, unsigned full)
{
    return (p->acting & full) == 0;
}

static int id_in(const char (*ids)[37], size_t n, const char *id)
{
    for (size_t i = 0; id != NULL && i < n; i++)
        if (strcmp(ids[i], id) == 0)
            return 1;
    return 0;
}

int oc_principal_has_producer(const struct oc_principal *p, const char *id)
{
    return id_in(p->producers, p->nproducers, id);
}

int oc_principal_has_member(const struct oc_principal *p, const char *id)
{
    return id_in(p->members, p->nmembers, id);
}

void oc_principal_producers_sql(const struct oc_principal *p, char *buf, size_t len)
{
    size_t n = (size_t)snprintf(buf, len, "{");
    for (size_t i = 0; i < p->nproducers && n < len; i++)
        n += (size_t)snprintf(buf + n, len - n, "%s%s", i ? "," : "", p->producers[i]);
    if (n < len)
        snprintf(buf + n, len - n, "}");
}

const char *oc_principal_actor(const struct oc_principal *p)
{
    return p->sub[0] != '\0' ? p->sub : "system";
}

const char *oc_principal_role_name(const struct oc_principal *p, unsigned mask)
{
    for (int i = 0; i < OC_ROLE_COUNT; i++)
        if ((p->acting & mask & (1u << i)) != 0)
            return role_names[i];
    return NULL;
}

/* ---- the verifier -------------------------------------------------------- */

struct cache_slot {
    unsigned char hash[32];        /* SHA-256 of the token; all zero when empty */
    struct oc_principal principal; /* what the token said */
};

struct oc_auth {
    char *jwks_file;            /* pinned keys (OCOP_AUTH_JWKS_FILE) */
    char *issuer;               /* required iss */
    char *audience;             /* required member of aud */
    char *roles_claims;         /* comma-separated claim paths holding roles */
    int skew_s;                 /* allowed clock skew for exp and nbf */
    int refresh_s;              /* how often the JWKS file is checked for a change */
    pthread_rwlock_t keys_lock; /* guards keys, mtime, checked_at */
    jwks_t *keys;               /* the verification keys */
    struct timespec mtime;      /* of jwks_file when loaded */
    int64_t checked_at;         /* monotonic ms of the last check */
    pthread_mutex_t cache_lock; /* guards cache */
    struct cache_slot *cache;   /* direct-mapped by hash */
    size_t ncache;              /* slots; 0 = no cache */
};

/* Reads a JWKS file into a new key set with at least one public key. */
static jwks_t *jwks_load(const char *file, struct timespec *mtime, char *err, size_t errlen)
{
    struct stat st;
    json_error_t jerr;
    if (stat(file, &st) != 0) {
        snprintf(err, errlen, "cannot read the JWKS file %s", file);
        return NULL;
    }
    json_t *doc = json_load_file(file, JSON_REJECT_DUPLICATES, &jerr);
    jwks_t *keys = NULL;
    if (doc == NULL || !json_is_array(json_object_get(doc, "keys"))) {
        snprintf(err, errlen, "the JWKS file %s is not a JWKS: %s", file,
                 doc ? "no keys array" : jerr.text);
        json_decref(doc);
        return NULL;
    }
    r_jwks_init(&keys);
    size_t i;
    json_t *key;
    json_array_foreach(json_object_get(doc, "keys"), i, key)
    {
        jwk_t *jwk = NULL;
        r_jwk_init(&jwk);
        unsigned int bits = 0;
        /* Only public asymmetric keys, and never a key fetched from an address (x5u). */
        if (json_object_get(key, "d") == NULL && json_object_get(key, "x5u") == NULL &&
            r_jwk_import_from_json_t(jwk, key) == RHN_OK &&
            (r_jwk_key_type(jwk, &bits, R_FLAG_IGNORE_REMOTE) & R_KEY_TYPE_PUBLIC))
            r_jwks_append_jwk(keys, jwk);
        r_jwk_free(jwk);
    }
    json_decref(doc);
    if (r_jwks_size(keys) == 0) {
        snprintf(err, errlen, "the JWKS file %s holds no usable public key", file);
        r_jwks_free(keys);
        return NULL;
    }
    *mtime = st.st_mtim;
    return keys;
}

/* Re-reads the JWKS file when it changed (checked at most every refresh_s). */
static void keys_refresh(struct oc_auth *auth)
{
    int64_t now = oc_mono_ms();
    struct stat st;
    pthread_rwlock_rdlock(&auth->keys_lock);
    int due = now - auth->checked_at >= (int64_t)auth->refresh_s * 1000;
    pthread_rwlock_unlock(&auth->keys_lock);
    if (!due)
        return;
    pthread_rwlock_wrlock(&auth->keys_lock);
    auth->checked_at = now;
    if (stat(auth->jwks_file, &st) == 0 &&
        (st.st_mtim.tv_sec != auth->mtime.tv_sec || st.st_mtim.tv_nsec != auth->mtime.tv_nsec)) {
        struct timespec mtime;
        char err[256];
        jwks_t *keys = jwks_load(auth->jwks_file, &mtime, err, sizeof(err));
        if (keys != NULL) {
            r_jwks_free(auth->keys);
            auth->keys = keys;
            auth->mtime = mtime;
            oc_log(OC_LOG_INFO, "reloaded the JWKS file (%zu keys)", r_jwks_size(keys));
        } else {
            oc_log(OC_LOG_WARN, "kept the previous keys: %s", err);
        }
    }
    pthread_rwlock_unlock(&auth->keys_lock);
}

struct oc_auth *oc_auth_new(const struct oc_config *cfg, char *err, size_t errlen)
{
    if (cfg->auth_jwks_file[0] == '\0' || cfg->auth_issuer[0] == '\0') {
        snprintf(err, errlen, "OCOP_AUTH_JWKS_FILE and OCOP_AUTH_ISSUER must be set");
        return NULL;
    }
    struct oc_auth *auth = oc_xcalloc(1, sizeof(*auth));
    auth->keys = jwks_load(cfg->auth_jwks_file, &auth->mtime, err, errlen);
    if (auth->keys == NULL) {
        free(auth);
        return NULL;
    }
    auth->jwks_file = oc_xstrdup(cfg->auth_jwks_file);
    auth->issuer = oc_xstrdup(cfg->auth_issuer);
    auth->audience = oc_xstrdup(cfg->auth_audience);
    auth->roles_claims = oc_xstrdup(cfg->auth_roles_claim);
    auth->skew_s = cfg->auth_clock_skew_s;
    auth->refresh_s = cfg->auth_jwks_refresh_s;
    auth->checked_at = oc_mono_ms();
    auth->ncache = (size_t)cfg->auth_cache_entries;
    auth->cache = auth->ncache ? oc_xcalloc(auth->ncache, sizeof(struct cache_slot)) : NULL;
    pthread_rwlock_init(&auth->keys_lock, NULL);
    pthread_mutex_init(&auth->cache_lock, NULL);
    return auth;
}

void oc_auth_free(struct oc_auth *auth)
{
    if (auth == NULL)
        return;
    r_jwks_free(auth->keys);
    pthread_rwlock_destroy(&auth->keys_lock);
    pthread_mutex_destroy(&auth->cache_lock);
    free(auth->cache);
    free(auth->jwks_file);
    free(auth->issuer);
    free(auth->audience);
    free(auth->roles_claims);
    free(auth);
}

/* ---- the cache ------------------------------------------------------------ */

static size_t cache_index(const struct oc_auth *auth, const unsigned char *hash)
{
    size_t h = 0;
    memcpy(&h, hash, sizeof(h));
    return h % auth->ncache;
}

static int cache_get(struct oc_auth *auth, const unsigned char *hash, struct oc_principal *out)
{
    if (auth->ncache == 0)
        return 0;
    pthread_mutex_lock(&auth->cache_lock);
    const struct cache_slot *slot = &auth->cache[cache_index(auth, hash)];
    int hit = memcmp(slot->hash, hash, 32) == 0 && slot->principal.expires > (long long)time(NULL);
    if (hit)
        *out = slot->principal;
    pthread_mutex_unlock(&auth->cache_lock);
    return hit;
}

static void cache_put(struct oc_auth *auth, const unsigned char *hash, const struct oc_principal *p)
{
    if (auth->ncache == 0)
        return;
    pthread_mutex_lock(&auth->cache_lock);
    struct cache_slot *slot = &auth->cache[cache_index(auth, hash)];
    memcpy(slot->hash, hash, 32);
    slot->principal = *p;
    pthread_mutex_unlock(&auth->cache_lock);
}

/* ---- claims --------------------------------------------------------------- */

/* The value at a dotted path ("realm_access.roles") of claims, or NULL. Borrowed. */
static json_t *claim_at(json_t *claims, const char *path, size_t len)
{
    char part[128];
    json_t *at = claims;
    while (len > 0 && at != NULL) {
        const char *dot = memchr(path, '.', len);
        size_t n = dot ? (size_t)(dot - path) : len;
        if (n >= sizeof(part))
            return NULL;
        memcpy(part, path, n);
        part[n] = '\0';
        at = json_object_get(at, part);
        path += dot ? n + 1 : n;
        len -= dot ? n + 1 : n;
    }
    return at;
}

/* Reads the roles from the first configured claim present; unknown names are ignored. */
static int claims_roles(const struct oc_auth *auth, json_t *claims, unsigned *roles)
{
    const char *p = auth->roles_claims;
    *roles = 0;
    while (*p != '\0') {
        size_t len = strcspn(p, ",");
        json_t *list = claim_at(claims, p, len);
        if (list != NULL) {
            size_t i;
            json_t *r;
            if (!json_is_array(list))
                return -1;
            json_array_foreach(list, i, r)
            {
                const char *name = json_string_value(r);
                int bit = name ? role_bit(name, strlen(name)) : -1;
                if (bit > 0) /* "public" is no role a token can grant */
                    *roles |= 1u << bit;
            }
            return 0;
        }
        p += len + (p[len] == ',');
    }
    return 0;
}

/* Copies a claim's array of UUIDs into ids; -1 when it is not such an array. */
static int claims_ids(json_t *claims, const char *name, char (*ids)[37], size_t *n)
{
    json_t *list = json_object_get(claims, name);
    size_t i;
    json_t *id;
    *n = 0;
    if (list == NULL)
        return 0;
    if (!json_is_array(list) || json_array_size(list) > OC_PRINCIPAL_MAX_IDS)
        return -1;
    json_array_foreach(list, i, id)
    {
        if (!oc_uuid_ok(json_string_value(id)))
            return -1;
        snprintf(ids[(*n)++], 37, "%s", json_string_value(id));
    }
    return 0;
}

static int audience_ok(json_t *aud, const char *want)
{
    size_t i;
    json_t *a;
    if (json_is_string(aud))
        return strcmp(json_string_value(aud), want) == 0;
    json_array_foreach(aud, i, a)
    {
        if (json_is_string(a) && strcmp(json_string_value(a), want) == 0)
            return 1;
    }
    return 0;
}

static int five_digits(const char *s)
{
    for (int i = 0; i < 5; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return s[5] == '\0';
}

/* Checks iss, aud, exp, nbf and reads the principal. Returns NULL or why not. */
static const char *claims_read(const struct oc_auth *auth, json_t *claims, struct oc_principal *out)
{
    long long now = (long long)time(NULL);
    json_t *exp = json_object_get(claims, "exp");
    json_t *nbf = json_object_get(claims, "nbf");
    const char *sub = json_string_value(json_object_get(claims, "sub"));
    const char *iss = json_string_value(json_object_get(claims, "iss"));
    const char *commune = json_string_value(json_object_get(claims, "commune_code"));
    if (iss == NULL || strcmp(iss, auth->issuer) != 0)
        return "the token was not issued by the configured issuer";
    if (!audience_ok(json_object_get(claims, "aud"), auth->audience))
        return "the token is not meant for this audience";
    if (!json_is_integer(exp) || json_integer_value(exp) + auth->skew_s <= now)
        return "the token has expired or has no exp";
    if (nbf != NULL && (!json_is_integer(nbf) || json_integer_value(nbf) - auth->skew_s > now))
        return "the token is not valid yet";
    if (sub == NULL || sub[0] == '\0' || strlen(sub) >= sizeof(out->sub))
        return "the token has no usable sub";
    if (commune != NULL && !five_digits(commune))
        return "commune_code must be 5 digits";
    memset(out, 0, sizeof(*out));
    snprintf(out->sub, sizeof(out->sub), "%s", sub);
    snprintf(out->commune, sizeof(out->commune), "%s", commune ? commune : "");
    out->expires = (long long)json_integer_value(exp) + auth->skew_s;
    if (claims_roles(auth, claims, &out->roles) != 0)
        return "the roles claim is not an array";
    if (claims_ids(claims, "producer_ids", out->producers, &out->nproducers) != 0 ||
        claims_ids(claims, "member_ids", out->members, &out->nmembers) != 0)
        return "producer_ids and member_ids must be arrays of at most 32 UUIDs";
    return NULL;
}

/* ---- verification --------------------------------------------------------- */

/* 1 when the key suits the algorithm: ES256 an EC P-256 key, RS256 RSA, EdDSA an OKP key. */
static int key_fits(jwk_t *jwk, jwa_alg alg)
{
    unsigned int bits = 0;
    int type = r_jwk_key_type(jwk, &bits, R_FLAG_IGNORE_REMOTE);
    const char *key_alg = r_jwk_get_property_str(jwk, "alg");
    if (key_alg != NULL && r_str_to_jwa_alg(key_alg) != alg)
        return 0;
    if (!(type & R_KEY_TYPE_PUBLIC))
        return 0;
    if (alg == R_JWA_ALG_ES256)
        return (type & R_KEY_TYPE_EC) && bits == 256;
    if (alg == R_JWA_ALG_RS256)
        return (type & R_KEY_TYPE_RSA) && bits >= 2048;
    return alg == R_JWA_ALG_EDDSA && (type & R_KEY_TYPE_EDDSA);
}

/* Verifies the signature with the pinned key named by kid (or, without kid, any fitting key). */
static int signature_ok(struct oc_auth *auth, jwt_t *jwt, jwa_alg alg)
{
    const char *kid = r_jwt_get_header_str_value(jwt, "kid");
    int ok = 0;
    pthread_rwlock_rdlock(&auth->keys_lock);
    size_t n = r_jwks_size(auth->keys);
    for (size_t i = 0; i < n && !ok; i++) {
        jwk_t *jwk = r_jwks_get_at(auth->keys, i);
        const char *key_kid = r_jwk_get_property_str(jwk, "kid");
        int named = kid == NULL || (key_kid != NULL && strcmp(kid, key_kid) == 0);
        ok = named && key_fits(jwk, alg) &&
             r_jwt_verify_signature(jwt, jwk, R_FLAG_IGNORE_REMOTE) == RHN_OK;
        r_jwk_free(jwk);
    }
    pthread_rwlock_unlock(&auth->keys_lock);
    return ok;
}

/* A compact JWS: three base64url parts, the last one not empty. */
static int compact_jws(const char *token)
{
    int dots = 0;
    for (const char *p = token; *p; p++) {
        if (*p == '.')
            dots++;
        else if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
                   (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
            return 0;
    }
    const char *last = strrchr(token, '.');
    return dots == 2 && last != NULL && last[1] != '\0';
}

static const char *verify_parsed(struct oc_auth *auth, jwt_t *jwt, struct oc_principal *out)
{
    jwa_alg alg = r_jwt_get_sign_alg(jwt);
    const char *typ = r_jwt_get_header_str_value(jwt, "typ");
    if (alg != R_JWA_ALG_ES256 && alg != R_JWA_ALG_RS256 && alg != R_JWA_ALG_EDDSA)
        return "the token's algorithm is not allowed (ES256, RS256 or EdDSA)";
    if (typ != NULL && strcasecmp(typ, "JWT") != 0 && strcasecmp(typ, "at+jwt") != 0)
        return "the token is not an access token";
    if (!signature_ok(auth, jwt, alg))
        return "the token's signature does not verify with the pinned keys";
    json_t *claims = r_jwt_get_full_claims_json_t(jwt);
    const char *why = json_is_object(claims) ? claims_read(auth, claims, out) : "no claims";
    json_decref(claims);
    return why;
}

enum oc_err oc_auth_verify(struct oc_auth *auth, const char *token, struct oc_principal *out,
                           char *err, size_t errlen)
{
    unsigned char hash[32];
    size_t len = strlen(token);
    if (len == 0 || len > AUTH_TOKEN_MAX || !compact_jws(token)) {
        snprintf(err, errlen, "the bearer token is not a signed JWT");
        return OC_UNAUTHORIZED;
    }
    gnutls_hash_fast(GNUTLS_DIG_SHA256, token, len, hash);
    if (cache_get(auth, hash, out))
        return OC_OK;
    keys_refresh(auth);
    jwt_t *jwt = NULL;
    r_jwt_init(&jwt);
    /* R_PARSE_NONE: keys in the token's header (jwk, jku, x5u, x5c) are never imported. */
    const char *why = r_jwt_advanced_parse(jwt, token, R_PARSE_NONE, R_FLAG_IGNORE_REMOTE) == RHN_OK
                          ? verify_parsed(auth, jwt, out)
                          : "the bearer token cannot be parsed";
    r_jwt_free(jwt);
    if (why != NULL) {
        snprintf(err, errlen, "%s", why);
        return OC_UNAUTHORIZED;
    }
    cache_put(auth, hash, out);
    return OC_OK;
}
