#include "notification/contact.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "common/alloc.h"
#include "notification/mail_compose.h"

#define CONTACT_BODY_MAX  65536 /* a producer's JSON is far smaller */
#define CONTACT_TOKEN_MAX 16384 /* an access token, at most */

struct contact_client {
    char *base_url;   /* registration's base URL (owned) */
    char *token_file; /* file holding the bearer token (owned) */
    int timeout_ms;   /* per request */
    char *token;      /* the token last read (owned), or NULL */
    struct stat seen; /* the file as it was when read */
};

struct contact_client *contact_client_new(const char *base_url, const char *token_file,
                                          int timeout_ms)
{
    struct contact_client *c = oc_xcalloc(1, sizeof(*c));
    c->base_url = oc_xstrdup(base_url);
    c->token_file = oc_xstrdup(token_file);
    c->timeout_ms = timeout_ms;
    return c;
}

void contact_client_free(struct contact_client *c)
{
    if (c == NULL)
        return;
    free(c->base_url);
    free(c->token_file);
    free(c->token);
    free(c);
}

/* Re-reads the token when its file changed. Returns the token, or NULL with why in err. */
static const char *contact_token(struct contact_client *c, char *err, size_t errlen)
{
    struct stat st;
    if (stat(c->token_file, &st) != 0) {
        snprintf(err, errlen, "the token file cannot be read");
        return NULL;
    }
    if (c->token != NULL && st.st_mtim.tv_sec == c->seen.st_mtim.tv_sec &&
        st.st_mtim.tv_nsec == c->seen.st_mtim.tv_nsec && st.st_size == c->seen.st_size &&
        st.st_ino == c->seen.st_ino)
        return c->token;
    FILE *f = fopen(c->token_file, "r");
    if (f == NULL) {
        snprintf(err, errlen, "the token file cannot be read");
        return NULL;
    }
    char *text = oc_xmalloc(CONTACT_TOKEN_MAX + 1);
    size_t n = fread(text, 1, CONTACT_TOKEN_MAX, f);
    fclose(f);
    text[n] = '\0';
    while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == '\r' || text[n - 1] == ' '))
        text[--n] = '\0';
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)text[i] <= ' ' || (unsigned char)text[i] >= 0x7f)
            n = 0; /* not a token: nothing may reach a header */
    }
    if (n == 0) {
        free(text);
        snprintf(err, errlen, "the token file holds no token");
        return NULL;
    }
    free(c->token);
    c->token = text;
    c->seen = st;
    return c->token;
}

struct body {
    char *p;  /* received bytes (owned) */
    size_t n; /* how many */
};

static size_t body_write(char *data, size_t size, size_t nmemb, void *userdata)
{
    struct body *b = userdata;
    size_t n = size * nmemb;
    if (b->n + n > CONTACT_BODY_MAX)
        return 0; /* too large: the transfer fails */
    b->p = oc_xrealloc(b->p, b->n + n + 1);
    memcpy(b->p + b->n, data, n);
    b->n += n;
    b->p[b->n] = '\0';
    return n;
}

/* Reads email and name from registration's producer JSON. */
static enum contact_result contact_parse(const struct body *b, char *email, size_t emaillen,
                                         char *name, size_t namelen, char *err, size_t errlen)
{
    json_t *producer = b->p ? json_loadb(b->p, b->n, 0, NULL) : NULL;
    const char *address = json_string_value(json_object_get(producer, "email"));
    const char *who = json_string_value(json_object_get(producer, "name"));
    enum contact_result rc = CONTACT_NONE;
    if (!json_is_object(producer)) {
        snprintf(err, errlen, "registration answered something that is not a producer");
        rc = CONTACT_FAILURE;
    } else if (address == NULL || address[0] == '\0') {
        snprintf(err, errlen, "the producer has no e-mail address");
    } else if (!mail_address_ok(address) || strlen(address) >= emaillen) {
        snprintf(err, errlen, "the producer's e-mail address is not usable");
    } else {
        snprintf(email, emaillen, "%s", address);
        snprintf(name, namelen, "%s", who ? who : "");
        rc = CONTACT_OK;
    }
    json_decref(producer);
    return rc;
}

enum contact_result contact_fetch(struct contact_client *c, const char *producer_id, char *email,
                                  size_t emaillen, char *name, size_t namelen, char *err,
                                  size_t errlen)
{
    const char *token = contact_token(c, err, errlen);
    if (token == NULL)
        return CONTACT_FAILURE;
    CURL *curl = curl_easy_init();
    if (curl == NULL) {
        snprintf(err, errlen, "could not start an HTTP request");
        return CONTACT_FAILURE;
    }
    char *url = oc_xasprintf("%s/v1/producers/%s", c->base_url, producer_id);
    char *auth = oc_xasprintf("Authorization: Bearer %s", token);
    struct curl_slist *headers = curl_slist_append(NULL, auth);
    headers = curl_slist_append(headers, "Accept: application/json");
    struct body b = {NULL, 0};
    long status = 0;
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, body_write);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &b);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, (long)c->timeout_ms);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, (long)c->timeout_ms);
    CURLcode cc = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    enum contact_result rc = CONTACT_FAILURE;
    if (cc != CURLE_OK)
        snprintf(err, errlen, "registration could not be reached: %s", curl_easy_strerror(cc));
    else if (status == 404) {
        snprintf(err, errlen, "registration has no such producer");
        rc = CONTACT_NONE;
    } else if (status != 200)
        snprintf(err, errlen, "registration answered %ld", status);
    else
        rc = contact_parse(&b, email, emaillen, name, namelen, err, errlen);
    free(b.p);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    free(auth);
    free(url);
    return rc;
}
