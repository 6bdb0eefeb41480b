/*
 * ocop-token: makes a local signing key and prints access tokens signed with
 * it, for the local stack and the tests (the province's identity provider
 * issues the real ones). It can also forge the bad tokens the tests throw at
 * the services.
 *
 *   ocop-token keygen DIR
 *       makes DIR if needed and writes DIR/signing-key.json (private ES256 JWK, mode 0600) and
 *       DIR/jwks.json (the public JWKS the services pin), unless they exist
 *   ocop-token mint --key FILE --iss ISS --aud AUD [--sub S] [--role R]...
 *       [--commune CODE] [--producer UUID]... [--member UUID]...
 *       [--ttl SECONDS] [--exp-offset SECONDS] [--nbf-offset SECONDS]
 *       [--keycloak] [--forge none|embedded-jwk|jku|x5u|bad-signature|hs256]
 *       prints one token; --keycloak puts the roles in realm_access.roles;
 *       --exp-offset dates exp from now instead of --ttl (negative: expired);
 *       --forge makes a token the services must refuse: alg none; signed by
 *       another key named in the header (embedded-jwk, jku, x5u, under the real
 *       kid); a broken signature; HS256 keyed with the public key
 */
#include <rhonabwy.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <jansson.h>

struct mint {
    const char *key_file, *iss, *aud, *sub, *commune, *forge;
    json_t *roles, *producers, *members;
    long ttl, exp_offset, nbf_offset;
    int has_exp_offset, has_nbf_offset, keycloak;
};

static int usage(void)
{
    fprintf(stderr,
            "usage: ocop-token keygen DIR\n"
            "       ocop-token mint --key FILE --iss ISS --aud AUD [--sub S] [--role R]...\n"
            "         [--commune CODE] [--producer UUID]... [--member UUID]... [--ttl S]\n"
            "         [--exp-offset S] [--nbf-offset S] [--keycloak]\n"
            "         [--forge none|embedded-jwk|jku|x5u|bad-signature|hs256]\n");
    return 2;
}

static int write_file(const char *path, const char *text, mode_t mode)
{
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return -1;
    chmod(path, mode);
    int ok = fputs(text, f) >= 0 && fputc('\n', f) != EOF;
    return fclose(f) == 0 && ok ? 0 : -1;
}

static int keygen(const char *dir)
{
    char priv_path[4096], pub_path[4096], kid[64];
    struct stat st;
    snprintf(priv_path, sizeof(priv_path), "%s/signing-key.json", dir);
    snprintf(pub_path, sizeof(pub_path), "%s/jwks.json", dir);
    if (stat(priv_path, &st) == 0 && stat(pub_path, &st) == 0)
        return 0;
    mkdir(dir, 0700); /* the folder may exist already; writing tells if it is usable */
    jwk_t *priv = NULL, *pub = NULL;
    jwks_t *set = NULL;
    r_jwk_init(&priv);
    r_jwk_init(&pub);
    r_jwks_init(&set);
    snprintf(kid, sizeof(kid), "ocop-local-%ld", (long)time(NULL));
    int rc = r_jwk_generate_key_pair(priv, pub, R_KEY_TYPE_EC, 256, kid) == RHN_OK ? 0 : -1;
    if (rc == 0) {
        r_jwk_set_property_str(priv, "alg", "ES256");
        r_jwk_set_property_str(pub, "alg", "ES256");
        r_jwk_set_property_str(pub, "use", "sig");
        r_jwks_append_jwk(set, pub);
        char *priv_text = r_jwk_export_to_json_str(priv, 0);
        char *pub_text = r_jwks_export_to_json_str(set, 1);
        rc = write_file(priv_path, priv_text, 0600) | write_file(pub_path, pub_text, 0644);
        r_free(priv_text);
        r_free(pub_text);
    }
    r_jwks_free(set);
    r_jwk_free(pub);
    r_jwk_free(priv);
    if (rc != 0)
        fprintf(stderr, "ocop-token: could not write the key files in %s\n", dir);
    return rc == 0 ? 0 : 1;
}

static json_t *claims_of(const struct mint *m)
{
    long now = (long)time(NULL);
    long exp = m->has_exp_offset ? now + m->exp_offset : now + m->ttl;
    json_t *c = json_pack("{s:s,s:s,s:s,s:I,s:I}", "iss", m->iss, "aud", m->aud, "sub", m->sub,
                          "iat", (json_int_t)now, "exp", (json_int_t)exp);
    if (m->has_nbf_offset)
        json_object_set_new(c, "nbf", json_integer(now + m->nbf_offset));
    if (m->keycloak)
        json_object_set_new(c, "realm_access", json_pack("{s:O}", "roles", m->roles));
    else
        json_object_set(c, "roles", m->roles);
    if (m->commune != NULL)
        json_object_set_new(c, "commune_code", json_string(m->commune));
    if (json_array_size(m->producers) > 0)
        json_object_set(c, "producer_ids", m->producers);
    if (json_array_size(m->members) > 0)
        json_object_set(c, "member_ids", m->members);
    return c;
}

/*
 * Signs with an attacker's own key under the real key's kid, and points at
 * that key from the header: embedded (jwk) or by address (jku, x5u).
 */
static char *forge_own_key(jwt_t *jwt, const char *kid, const char *how)
{
    jwk_t *priv = NULL, *pub = NULL;
    r_jwk_init(&priv);
    r_jwk_init(&pub);
    r_jwk_generate_key_pair(priv, pub, R_KEY_TYPE_EC, 256, kid);
    json_t *pub_json = r_jwk_export_to_json_t(pub);
    if (strcmp(how, "embedded-jwk") == 0)
        r_jwt_set_header_json_t_value(jwt, "jwk", pub_json);
    else
        r_jwt_set_header_str_value(jwt, how, "http://127.0.0.1:9/attacker-keys.json");
    json_decref(pub_json);
    char *token = r_jwt_serialize_signed(jwt, priv, 0);
    r_jwk_free(pub);
    r_jwk_free(priv);
    return token;
}

/* HS256 with the public key's JSON as the secret: the classic algorithm confusion. */
static char *forge_hs256(jwt_t *jwt, jwk_t *key)
{
    jwk_t *pub = NULL, *oct = NULL;
    r_jwk_init(&pub);
    r_jwk_init(&oct);
    r_jwk_extract_pubkey(key, pub, 0);
    char *secret = r_jwk_export_to_json_str(pub, 0);
    r_jwk_import_from_symmetric_key(oct, (const unsigned char *)secret, strlen(secret));
    r_jwt_set_sign_alg(jwt, R_JWA_ALG_HS256);
    char *token = r_jwt_serialize_signed(jwt, oct, 0);
    r_free(secret);
    r_jwk_free(oct);
    r_jwk_free(pub);
    return token;
}

/* A copy of a rhonabwy string in our own allocation (free()), the original released. */
static char *own(char *r_text)
{
    char *copy = r_text ? strdup(r_text) : NULL;
    r_free(r_text);
    return copy;
}

/* The token, or a forged one (caller frees with free()). */
static char *sign(const struct mint *m, jwt_t *jwt, jwk_t *key)
{
    const char *kid = r_jwk_get_property_str(key, "kid");
    const char *forge = m->forge ? m->forge : "";
    char *token = NULL;
    if (kid != NULL)
        r_jwt_set_header_str_value(jwt, "kid", kid);
    r_jwt_set_header_str_value(jwt, "typ", "at+jwt");
    r_jwt_set_sign_alg(jwt, R_JWA_ALG_ES256);
    if (strcmp(forge, "embedded-jwk") == 0 || strcmp(forge, "jku") == 0 ||
        strcmp(forge, "x5u") == 0)
        return own(forge_own_key(jwt, kid ? kid : "k", forge));
    if (strcmp(forge, "hs256") == 0)
        return own(forge_hs256(jwt, key));
    if (strcmp(forge, "none") == 0) {
        r_jwt_set_sign_alg(jwt, R_JWA_ALG_NONE);
        char *bare = own(r_jwt_serialize_signed_unsecure(jwt, NULL, 0));
        /* A signature part, so the token is refused for its algorithm, not its shape. */
        token = bare ? malloc(strlen(bare) + 5) : NULL;
        if (token != NULL)
            snprintf(token, strlen(bare) + 5, "%ssig0", bare);
        free(bare);
        return token;
    }
    token = own(r_jwt_serialize_signed(jwt, key, 0));
    if (token != NULL && strcmp(forge, "bad-signature") == 0) {
        char *last = token + strlen(token) - 2;
        *last = *last == 'A' ? 'B' : 'A';
    }
    return token;
}

static int mint_print(const struct mint *m)
{
    jwk_t *key = NULL;
    jwt_t *jwt = NULL;
    json_error_t jerr;
    json_t *key_json = json_load_file(m->key_file, 0, &jerr);
    int rc = 1;
    r_jwk_init(&key);
    r_jwt_init(&jwt);
    if (key_json == NULL || r_jwk_import_from_json_t(key, key_json) != RHN_OK) {
        fprintf(stderr, "ocop-token: cannot read the signing key %s\n", m->key_file);
    } else {
        json_t *claims = claims_of(m);
        r_jwt_set_full_claims_json_t(jwt, claims);
        json_decref(claims);
        char *token = sign(m, jwt, key);
        if (token != NULL) {
            printf("%s\n", token);
            rc = 0;
        }
        free(token);
    }
    json_decref(key_json);
    r_jwt_free(jwt);
    r_jwk_free(key);
    return rc;
}

static int mint_args(int argc, char **argv, struct mint *m)
{
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--keycloak") == 0) {
            m->keycloak = 1;
            continue;
        }
        if (v == NULL)
            return -1;
        i++;
        if (strcmp(a, "--key") == 0)
            m->key_file = v;
        else if (strcmp(a, "--iss") == 0)
            m->iss = v;
        else if (strcmp(a, "--aud") == 0)
            m->aud = v;
        else if (strcmp(a, "--sub") == 0)
            m->sub = v;
        else if (strcmp(a, "--commune") == 0)
            m->commune = v;
        else if (strcmp(a, "--forge") == 0)
            m->forge = v;
        else if (strcmp(a, "--role") == 0)
            json_array_append_new(m->roles, json_string(v));
        else if (strcmp(a, "--producer") == 0)
            json_array_append_new(m->producers, json_string(v));
        else if (strcmp(a, "--member") == 0)
            json_array_append_new(m->members, json_string(v));
        else if (strcmp(a, "--ttl") == 0)
            m->ttl = strtol(v, NULL, 10);
        else if (strcmp(a, "--exp-offset") == 0) {
            m->has_exp_offset = 1;
            m->exp_offset = strtol(v, NULL, 10);
        } else if (strcmp(a, "--nbf-offset") == 0) {
            m->has_nbf_offset = 1;
            m->nbf_offset = strtol(v, NULL, 10);
        } else
            return -1;
    }
    return m->key_file && m->iss && m->aud ? 0 : -1;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "keygen") == 0)
        return keygen(argv[2]);
    if (argc < 2 || strcmp(argv[1], "mint") != 0)
        return usage();
    struct mint m = {NULL,
                     NULL,
                     NULL,
                     "local-user",
                     NULL,
                     NULL,
                     json_array(),
                     json_array(),
                     json_array(),
                     3600,
                     0,
                     0,
                     0,
                     0,
                     0};
    int rc = mint_args(argc, argv, &m) == 0 ? mint_print(&m) : usage();
    json_decref(m.roles);
    json_decref(m.producers);
    json_decref(m.members);
    return rc;
}
