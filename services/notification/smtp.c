#include "notification/smtp.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"

struct upload {
    const char *p; /* what is left to send (borrowed) */
    size_t n;      /* its length */
};

static size_t upload_read(char *buffer, size_t size, size_t nitems, void *userdata)
{
    struct upload *u = userdata;
    size_t n = size * nitems < u->n ? size * nitems : u->n;
    memcpy(buffer, u->p, n);
    u->p += n;
    u->n -= n;
    return n;
}

int smtp_send(const struct smtp_options *o, const char *from, const char *to, const char *message,
              char *err, size_t errlen)
{
    CURL *curl = curl_easy_init();
    if (curl == NULL) {
        snprintf(err, errlen, "could not start an SMTP session");
        return -1;
    }
    char *mail_from = oc_xasprintf("<%s>", from);
    char *rcpt_to = oc_xasprintf("<%s>", to);
    struct curl_slist *rcpt = curl_slist_append(NULL, rcpt_to);
    struct upload u = {message, strlen(message)};
    curl_easy_setopt(curl, CURLOPT_URL, o->url);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(curl, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, mail_from);
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, upload_read);
    curl_easy_setopt(curl, CURLOPT_READDATA, &u);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)u.n);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, (long)o->timeout_ms);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, (long)o->timeout_ms);
    if (o->username != NULL) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, o->username);
        curl_easy_setopt(curl, CURLOPT_PASSWORD, o->password ? o->password : "");
    }
    CURLcode cc = curl_easy_perform(curl);
    long reply = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
    if (cc != CURLE_OK)
        snprintf(err, errlen, "SMTP: %s (reply %ld)", curl_easy_strerror(cc), reply);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(curl);
    free(rcpt_to);
    free(mail_from);
    return cc == CURLE_OK ? 0 : -1;
}
