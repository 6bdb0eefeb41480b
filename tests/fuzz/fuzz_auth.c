/*
 * Bearer tokens and the keys they are checked with. The first byte picks:
 * 0, the rest is a token as a client sends it (oc_auth_verify: the compact
 * form, rhonabwy's parse, the header and algorithm checks, a signature that
 * does not verify); 1, the rest is a claims set, signed here with the pinned
 * key so that the claims are read (iss, aud, exp, nbf, sub, roles,
 * commune_code, producer_ids, member_ids); 2, the rest is a JWKS file as the
 * operator's job writes it (oc_auth_new). The key pair is made at start-up
 * and its JWKS written to a temporary file (in TMPDIR, else /tmp), removed at exit.
 */
#include <rhonabwy.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "common/auth.h"
#include "common/config.h"
#include "fuzz/fuzz.h"

#define ISS "https://idp.test/realms/ocop"

static jwk_t *priv;
static struct oc_auth *auth;
static char jwks_path[512];
static char file_path[512];

/* The configuration oc_auth_new reads, for a JWKS file. No cache: every token is verified. */
static void auth_config(struct oc_config *cfg, char *file)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->auth_jwks_file = file;
    cfg->auth_issuer = ISS;
    cfg->auth_audience = "ocop-platform";
    cfg->auth_roles_claim = "roles,realm_access.roles";
    cfg->auth_clock_skew_s = 60;
    cfg->auth_jwks_refresh_s = 86400;
    cfg->auth_cache_entries = 0;
}

static void remove_files(void)
{
    oc_auth_free(auth);
    r_jwk_free(priv);
    unlink(jwks_path);
    unlink(file_path);
}

static void write_file(const char *path, const void *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
}

static void verify(const char *token)
{
    char err[256], sql[2048], roles[256];
    struct oc_principal p;
    if (oc_auth_verify(auth, token, &p, err, sizeof(err)) != OC_OK)
        return;
    oc_principal_producers_sql(&p, sql, sizeof(sql));
    oc_roles_format(p.roles, " ", roles, sizeof(roles));
}

static void signed_claims(const uint8_t *data, size_t size)
{
    json_t *claims = fuzz_json(data, size);
    if (!json_is_object(claims)) {
        json_decref(claims);
        return;
    }
    jwt_t *jwt = NULL;
    r_jwt_init(&jwt);
    r_jwt_set_full_claims_json_t(jwt, claims);
    r_jwt_set_sign_alg(jwt, R_JWA_ALG_ES256);
    r_jwt_set_header_str_value(jwt, "kid", "k1");
    char *token = r_jwt_serialize_signed(jwt, priv, 0);
    if (token != NULL)
        verify(token);
    r_free(token);
    r_jwt_free(jwt);
    json_decref(claims);
}

static void jwks_file(const uint8_t *data, size_t size)
{
    char err[256];
    struct oc_config cfg;
    write_file(file_path, data, size);
    auth_config(&cfg, file_path);
    oc_auth_free(oc_auth_new(&cfg, err, sizeof(err)));
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char err[256];
    struct oc_config cfg;
    jwk_t *pub = NULL;
    jwks_t *set = NULL;
    (void)argc;
    (void)argv;
    fuzz_quiet();
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(jwks_path, sizeof(jwks_path), "%s/ocop-fuzz-jwks-XXXXXX", tmp);
    snprintf(file_path, sizeof(file_path), "%s/ocop-fuzz-file-XXXXXX", tmp);
    int fd = mkstemp(jwks_path), fd2 = mkstemp(file_path);
    if (fd < 0 || fd2 < 0)
        abort();
    close(fd);
    close(fd2);
    r_jwk_init(&priv);
    r_jwk_init(&pub);
    if (r_jwk_generate_key_pair(priv, pub, R_KEY_TYPE_EC, 256, "k1") != RHN_OK)
        abort();
    r_jwks_init(&set);
    r_jwks_append_jwk(set, pub);
    char *text = r_jwks_export_to_json_str(set, 0);
    write_file(jwks_path, text, strlen(text));
    r_free(text);
    r_jwks_free(set);
    r_jwk_free(pub);
    auth_config(&cfg, jwks_path);
    auth = oc_auth_new(&cfg, err, sizeof(err));
    if (auth == NULL) {
        fprintf(stderr, "%s\n", err);
        abort();
    }
    atexit(remove_files);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    if (data[0] % 3 == 0) {
        char *token = fuzz_cstr(data + 1, size - 1);
        verify(token);
        free(token);
    } else if (data[0] % 3 == 1) {
        signed_claims(data + 1, size - 1);
    } else {
        jwks_file(data + 1, size - 1);
    }
    return 0;
}
