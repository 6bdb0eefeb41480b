#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/alloc.h"
#include "common/db.h"
#include "common/http.h"
#include "common/multipart.h"
#include "common/validate.h"
#include "common/write.h"
#include "registration/application_store.h"
#include "registration/handlers.h"

/* An upload, borrowed from the request. */
struct upload {
    const char *application_id; /* from the path */
    char item[64];              /* dossier item */
    const char *filename;       /* as the client named it */
    const char *media_type;     /* as sniffed from the bytes */
    const unsigned char *data;  /* the file (borrowed from the request body) */
    size_t len;                 /* its size */
};

/* Reads the form's parts into u and checks them (dossier_upload_check), appending field errors. */
static void upload_check(const struct oc_multipart *mp, struct upload *u, json_t *errors)
{
    const struct oc_part *item = oc_multipart_get(mp, "item");
    const struct oc_part *file = oc_multipart_get(mp, "file");
    int has_file = file != NULL && file->is_file;
    if (item != NULL && item->len < sizeof(u->item) && memchr(item->data, 0, item->len) == NULL)
        snprintf(u->item, sizeof(u->item), "%.*s", (int)item->len, item->data);
    u->filename = has_file ? file->filename : NULL;
    u->data = has_file ? (const unsigned char *)file->data : NULL;
    u->len = has_file ? file->len : 0;
    u->media_type =
        dossier_upload_check(item != NULL ? u->item : NULL, u->filename,
                             has_file ? file->content_type : NULL, u->data, u->len, errors);
}

static enum oc_err document_store(PGconn *conn, const void *input, struct oc_service *svc,
                                  const char *traceparent, struct oc_write_result *out)
{
    (void)traceparent;
    const struct upload *u = input;
    struct application_row row;
    enum oc_err rc = application_lock(conn, u->application_id, &row, out);
    if (rc != OC_OK)
        return rc;
    if (!application_editable(row.status)) {
        snprintf(out->detail, sizeof(out->detail),
                 "documents are accepted while the application is a draft or a supplement "
                 "is requested, not when it is %s",
                 row.status);
        return OC_CONFLICT;
    }
    long long count = 0, bytes = 0;
    rc = application_store_doc_usage(conn, u->application_id, &count, &bytes);
    if (rc != OC_OK)
        return rc;
    if (count + 1 > svc->cfg.max_documents ||
        bytes + (long long)u->len > svc->cfg.max_document_bytes) {
        snprintf(out->detail, sizeof(out->detail),
                 "the dossier is full: it may hold %d documents of %d bytes in all, and holds %lld "
                 "of %lld bytes",
                 svc->cfg.max_documents, svc->cfg.max_document_bytes, count, bytes);
        return OC_CONFLICT;
    }
    rc = application_store_add_document(conn, u->application_id, u->item, u->filename,
                                        u->media_type, u->data, u->len, &out->view);
    return rc == OC_OK ? application_store_touch(conn, u->application_id) : rc;
}

int document_post(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    static const struct oc_write_spec spec = {201, NULL};
    struct upload u = {u_map_get(req->map_url, "id"), "", NULL, NULL, NULL, 0};
    const char *ct = u_map_get_case(req->map_header, "Content-Type");
    struct oc_multipart mp;
    char detail[160];
    if (!oc_uuid_ok(u.application_id))
        return oc_http_problem(resp, OC_NOT_FOUND, "no application has this id", NULL);
    if (ct == NULL || strncasecmp(ct, "multipart/form-data", 19) != 0)
        return oc_http_problem(resp, OC_MEDIA_TYPE, "send the document as multipart/form-data",
                               NULL);
    json_t *errors = json_array();
    enum oc_err rc = oc_multipart_parse(ct, req->binary_body, req->binary_body_length, &mp, errors,
                                        detail, sizeof(detail));
    if (rc == OC_BAD_REQUEST) {
        json_decref(errors);
        return oc_http_problem(resp, rc, detail, NULL);
    }
    if (rc == OC_OK)
        upload_check(&mp, &u, errors);
    if (json_array_size(errors) > 0)
        return oc_http_problem(resp, OC_INVALID, "the upload is not valid", errors);
    json_decref(errors);
    return oc_write(req, resp, svc, &spec, document_store, &u);
}

/*
 * Content-Disposition for a stored file name (RFC 6266): a plain ASCII
 * fallback name and the exact UTF-8 name percent-encoded (RFC 8187).
 * Caller frees.
 */
static char *content_disposition(const char *filename, const char *media_type)
{
    static const char hex[] = "0123456789ABCDEF";
    const char *ext = strcmp(media_type, "application/pdf") == 0 ? "pdf"
                      : strcmp(media_type, "image/png") == 0     ? "png"
                                                                 : "jpg";
    size_t n = strlen(filename);
    char *encoded = oc_xmalloc(n * 3 + 1);
    size_t pos = 0;
    for (const unsigned char *p = (const unsigned char *)filename; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~", *p) != NULL) {
            encoded[pos++] = (char)*p;
        } else {
            encoded[pos++] = '%';
            encoded[pos++] = hex[*p >> 4];
            encoded[pos++] = hex[*p & 15];
        }
    }
    encoded[pos] = '\0';
    char *header =
        oc_xasprintf("attachment; filename=\"document.%s\"; filename*=UTF-8''%s", ext, encoded);
    free(encoded);
    return header;
}

int document_get(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    const char *id = u_map_get(req->map_url, "id");
    const char *doc_id = u_map_get(req->map_url, "document_id");
    struct dossier_document doc;
    struct reg_scope scope;
    if (!oc_uuid_ok(id) || !oc_uuid_ok(doc_id))
        return oc_http_problem(resp, OC_NOT_FOUND, "no such document", NULL);
    reg_scope_init(&scope, oc_principal());
    PGconn *conn = oc_db_acquire(svc->pool);
    enum oc_err rc = conn ? application_store_document(conn, &scope, id, doc_id, &doc) : OC_DB;
    oc_db_release(svc->pool, conn);
    if (rc != OC_OK)
        return oc_http_problem(resp, rc, rc == OC_NOT_FOUND ? "no such document" : NULL, NULL);
    char *disposition = content_disposition(doc.filename, doc.media_type);
    ulfius_set_binary_body_response(resp, 200, (const char *)doc.content, doc.len);
    u_map_put(resp->map_header, "Content-Type", doc.media_type);
    u_map_put(resp->map_header, "Content-Disposition", disposition);
    free(disposition);
    u_map_put(resp->map_header, "X-Content-SHA256", doc.sha256);
    u_map_put(resp->map_header, "X-Content-Type-Options", "nosniff");
    application_store_document_clean(&doc);
    return U_CALLBACK_COMPLETE;
}
