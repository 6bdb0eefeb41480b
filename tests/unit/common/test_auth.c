/*
 * Access-token verification without a server: tokens are signed here with
 * rhonabwy, one row per case (good, and every way a token must be refused),
 * then the principal's helpers, the JWKS reload and RFC 3339 event times.
 */
#include <rhonabwy.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "common/auth.h"
#include "common/config.h"
#include "common/event.h"
#include "unit/test.h"

#define ISS "https://idp.test/realms/ocop"
#define AUD "ocop-platform"
#define P1  "11111111-1111-4111-8111-111111111111"
#define P2  "22222222-2222-4222-8222-222222222222"

static jwk_t *priv, *pub, *stranger, *stranger_pub;
static char jwks_path[256];

/* Signs claims (a JSON text) with key under alg and kid; extra header members from header. */
static char *sign(const char *claims, jwk_t *key, jwa_alg alg, const char *kid, json_t *header)
{
    jwt_t *jwt = NULL;
    r_jwt_init(&jwt);
    json_t *c = json_loads(claims, 0, NULL);
    r_jwt_set_full_claims_json_t(jwt, c);
    json_decref(c);
    r_jwt_set_sign_alg(jwt, alg);
    if (kid != NULL)
        r_jwt_set_header_str_value(jwt, "kid", kid);
    const char *k;
    json_t *v;
    json_object_foreach(header, k, v)
    {
        r_jwt_set_header_json_t_value(jwt, k, v);
    }
    char *token = alg == R_JWA_ALG_NONE ? r_jwt_serialize_signed_unsecure(jwt, NULL, 0)
                                        : r_jwt_serialize_signed(jwt, key, 0);
    r_jwt_free(jwt);
    return token;
}

/* Claims with exp and nbf (0: absent) relative to now, then the members in rest. */
static char *claims(long exp, long nbf, const char *iss, const char *aud, const char *rest)
{
    static char buf[1024];
    char nbf_member[40] = "";
    long now = (long)time(NULL);
    if (nbf != 0)
        snprintf(nbf_member, sizeof(nbf_member), ",\"nbf\":%ld", now + nbf);
    snprintf(buf, sizeof(buf), "{\"iss\":\"%s\",\"aud\":%s,\"sub\":\"officer-7\",\"exp\":%ld%s%s}",
             iss, aud, now + exp, nbf_member, rest);
    return buf;
}

struct token_case {
    const char *name; /* what the row proves */
    long exp, nbf;    /* relative to now; nbf 0 = absent */
    const char *iss, *aud, *rest;
    int forge; /* 0 signed by the pinned key; 1 stranger key + embedded jwk; 2 alg none; 3 stranger
                  key with jku; 4 HS256 */
    int ok;    /* 1 when the token must verify */
};

static const struct token_case cases[] = {
    {"a good token", 600, 0, ISS, "\"" AUD "\"", ",\"roles\":[\"province_officer\"]", 0, 1},
    {"aud as an array", 600, 0, ISS, "[\"x\",\"" AUD "\"]", ",\"roles\":[\"admin\"]", 0, 1},
    {"nbf in the past", 600, -10, ISS, "\"" AUD "\"", "", 0, 1},
    {"nbf within the skew", 600, 30, ISS, "\"" AUD "\"", "", 0, 1},
    {"exp within the skew", -30, 0, ISS, "\"" AUD "\"", "", 0, 1},
    {"expired beyond the skew", -61, 0, ISS, "\"" AUD "\"", "", 0, 0},
    {"not valid yet", 600, 120, ISS, "\"" AUD "\"", "", 0, 0},
    {"wrong issuer", 600, 0, "https://evil.test", "\"" AUD "\"", "", 0, 0},
    {"wrong audience", 600, 0, ISS, "\"other\"", "", 0, 0},
    {"audience missing", 600, 0, ISS, "null", "", 0, 0},
    {"roles not an array", 600, 0, ISS, "\"" AUD "\"", ",\"roles\":\"admin\"", 0, 0},
    {"producer_ids not UUIDs", 600, 0, ISS, "\"" AUD "\"", ",\"producer_ids\":[\"x\"]", 0, 0},
    {"commune_code not 5 digits", 600, 0, ISS, "\"" AUD "\"", ",\"commune_code\":\"2924\"", 0, 0},
    {"signed by a key in its own jwk header", 600, 0, ISS, "\"" AUD "\"", "", 1, 0},
    {"alg none", 600, 0, ISS, "\"" AUD "\"", "", 2, 0},
    {"signed by the key its jku names", 600, 0, ISS, "\"" AUD "\"", "", 3, 0},
    {"HS256 keyed with the public key", 600, 0, ISS, "\"" AUD "\"", "", 4, 0},
};

static char *forged(const struct token_case *c, const char *text)
{
    json_t *header = json_object();
    char *token = NULL;
    if (c->forge == 1)
        json_object_set_new(header, "jwk", r_jwk_export_to_json_t(stranger_pub));
    if (c->forge == 3)
        json_object_set_new(header, "jku", json_string("http://127.0.0.1:9/keys"));
    if (c->forge == 0)
        token = sign(text, priv, R_JWA_ALG_ES256, "k1", header);
    else if (c->forge == 1 || c->forge == 3)
        token = sign(text, stranger, R_JWA_ALG_ES256, "k1", header);
    else if (c->forge == 2)
        token = sign(text, NULL, R_JWA_ALG_NONE, "k1", header);
    else {
        jwk_t *oct = NULL;
        char *secret = r_jwk_export_to_json_str(pub, 0);
        r_jwk_init(&oct);
        r_jwk_import_from_symmetric_key(oct, (const unsigned char *)secret, strlen(secret));
        token = sign(text, oct, R_JWA_ALG_HS256, "k1", header);
        r_jwk_free(oct);
        r_free(secret);
    }
    json_decref(header);
    return token;
}

static void write_jwks(jwk_t *key)
{
    jwks_t *set = NULL;
    r_jwks_init(&set);
    r_jwks_append_jwk(set, key);
    char *text = r_jwks_export_to_json_str(set, 0);
    FILE *f = fopen(jwks_path, "w");
    fputs(text, f);
    fclose(f);
    r_free(text);
    r_jwks_free(set);
}

static struct oc_auth *verifier(int cache)
{
    struct oc_config cfg;
    char err[256];
    memset(&cfg, 0, sizeof(cfg));
    cfg.auth_jwks_file = jwks_path;
    cfg.auth_issuer = ISS;
    cfg.auth_audience = AUD;
    cfg.auth_roles_claim = "roles,realm_access.roles";
    cfg.auth_clock_skew_s = 60;
    cfg.auth_jwks_refresh_s = 1;
    cfg.auth_cache_entries = cache;
    struct oc_auth *auth = oc_auth_new(&cfg, err, sizeof(err));
    if (auth == NULL)
        fprintf(stderr, "%s\n", err);
    return auth;
}

static void test_cases(struct oc_auth *auth)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct token_case *c = &cases[i];
        char *token = forged(c, claims(c->exp, c->nbf, c->iss, c->aud, c->rest));
        struct oc_principal p;
        char err[256] = "";
        enum oc_err rc = token ? oc_auth_verify(auth, token, &p, err, sizeof(err)) : OC_INTERNAL;
        if ((rc == OC_OK) != c->ok)
            printf("  case \"%s\": got %d (%s)\n", c->name, rc, err);
        CHECK((rc == OC_OK) == c->ok);
        CHECK(c->ok || err[0] != '\0');
        r_free(token);
    }
}

static void test_claims(struct oc_auth *auth)
{
    struct oc_principal p;
    char err[256];
    char *token =
        sign(claims(600, 0, ISS, "\"" AUD "\"",
                    ",\"realm_access\":{\"roles\":[\"producer\",\"offline_access\",\"public\"]},"
                    "\"producer_ids\":[\"" P1 "\"],\"member_ids\":[\"" P2 "\"],"
                    "\"commune_code\":\"29242\""),
             priv, R_JWA_ALG_ES256, "k1", NULL);
    CHECK_INT_EQ(oc_auth_verify(auth, token, &p, err, sizeof(err)), OC_OK);
    CHECK_STR_EQ(p.sub, "officer-7");
    CHECK(p.roles == OC_ROLE_PRODUCER); /* unknown names and "public" grant nothing */
    CHECK_STR_EQ(p.commune, "29242");
    CHECK(oc_principal_has_producer(&p, P1) && !oc_principal_has_producer(&p, P2));
    CHECK(oc_principal_has_member(&p, P2) && !oc_principal_has_member(&p, P1));
    char sql[128];
    oc_principal_producers_sql(&p, sql, sizeof(sql));
    CHECK_STR_EQ(sql, "{" P1 "}");
    struct oc_principal again;
    CHECK_INT_EQ(oc_auth_verify(auth, token, &again, err, sizeof(err)), OC_OK);
    CHECK(memcmp(&p, &again, sizeof(p)) == 0);
    CHECK_INT_EQ(oc_auth_verify(auth, "a.b", &again, err, sizeof(err)), OC_UNAUTHORIZED);
    CHECK_INT_EQ(oc_auth_verify(auth, "", &again, err, sizeof(err)), OC_UNAUTHORIZED);
    r_free(token);
}

static void test_principal(void)
{
    unsigned mask = 0;
    CHECK_INT_EQ(oc_roles_parse("province_officer admin", &mask), 0);
    CHECK(mask == (OC_ROLE_PROVINCE_OFFICER | OC_ROLE_ADMIN));
    CHECK_INT_EQ(oc_roles_parse("province_officer root", &mask), -1);
    struct oc_principal p;
    memset(&p, 0, sizeof(p));
    p.acting = OC_ROLE_PRODUCER | OC_ROLE_PORTAL;
    CHECK(!oc_principal_restricted(&p, OC_ROLE_PORTAL | OC_ROLE_ADMIN));
    CHECK(oc_principal_restricted(&p, OC_ROLE_ADMIN));
    CHECK_STR_EQ(oc_principal_role_name(&p, OC_ROLE_PORTAL | OC_ROLE_PRODUCER), "producer");
    CHECK(oc_principal_role_name(&p, OC_ROLE_ADMIN) == NULL);
    CHECK_STR_EQ(oc_principal_actor(oc_principal()), "system");
    snprintf(p.sub, sizeof(p.sub), "someone");
    oc_principal_set(&p);
    CHECK_STR_EQ(oc_principal_actor(oc_principal()), "someone");
    oc_principal_set(NULL);
    CHECK_STR_EQ(oc_principal()->sub, "");
}

/* A rotated JWKS file is picked up: the old key's tokens stop, the new key's start. */
static void test_rotation(void)
{
    struct oc_auth *auth = verifier(0);
    struct oc_principal p;
    char err[256];
    char *old = sign(claims(600, 0, ISS, "\"" AUD "\"", ""), priv, R_JWA_ALG_ES256, "k1", NULL);
    char *next =
        sign(claims(600, 0, ISS, "\"" AUD "\"", ""), stranger, R_JWA_ALG_ES256, "k2", NULL);
    CHECK_INT_EQ(oc_auth_verify(auth, old, &p, err, sizeof(err)), OC_OK);
    jwk_t *rotated = NULL;
    r_jwk_init(&rotated);
    r_jwk_extract_pubkey(stranger, rotated, 0);
    r_jwk_set_property_str(rotated, "kid", "k2");
    sleep(2); /* a later mtime, and past the refresh interval */
    write_jwks(rotated);
    CHECK_INT_EQ(oc_auth_verify(auth, next, &p, err, sizeof(err)), OC_OK);
    CHECK_INT_EQ(oc_auth_verify(auth, old, &p, err, sizeof(err)), OC_UNAUTHORIZED);
    r_jwk_free(rotated);
    r_free(old);
    r_free(next);
    oc_auth_free(auth);
    write_jwks(pub);
}

static void test_event_time(void)
{
    long long s = 0;
    CHECK(oc_event_time_parse("1970-01-01T00:00:00Z", &s) && s == 0);
    CHECK(oc_event_time_parse("2026-12-06T05:46:00.123456Z", &s) && s == 1796535960LL);
    CHECK(oc_event_time_parse("2026-12-06T12:46:00+07:00", &s) && s == 1796535960LL);
    CHECK(!oc_event_time_parse("2026-12-06 05:46:00Z", &s));
    CHECK(!oc_event_time_parse("2026-02-30T05:46:00Z", &s));
    CHECK(!oc_event_time_parse("2026-12-06T05:46:00", &s));
    CHECK(!oc_event_time_parse("2026-12-06T05:46:00.Z", &s));
    CHECK(!oc_event_time_parse("2026-12-06T05:46:00Zjunk", &s));
}

int main(void)
{
    char dir[] = "/tmp/ocop-auth-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    snprintf(jwks_path, sizeof(jwks_path), "%s/jwks.json", dir);
    r_jwk_init(&priv);
    r_jwk_init(&pub);
    r_jwk_init(&stranger);
    r_jwk_init(&stranger_pub);
    CHECK(r_jwk_generate_key_pair(priv, pub, R_KEY_TYPE_EC, 256, "k1") == RHN_OK);
    CHECK(r_jwk_generate_key_pair(stranger, stranger_pub, R_KEY_TYPE_EC, 256, "k1") == RHN_OK);
    write_jwks(pub);
    struct oc_auth *auth = verifier(64);
    CHECK(auth != NULL);
    if (auth != NULL) {
        test_cases(auth);
        test_claims(auth);
        oc_auth_free(auth);
    }
    test_principal();
    test_rotation();
    test_event_time();
    r_jwk_free(stranger_pub);
    r_jwk_free(stranger);
    r_jwk_free(pub);
    r_jwk_free(priv);
    unlink(jwks_path);
    rmdir(dir);
    TEST_DONE();
}
