/*
 * Open data routes: the index (latest files, licence, field dictionary), the
 * list of kept snapshots, and each file of a day. Today's snapshot is made by
 * the first request of the day that needs it and kept unchanged thereafter.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/date.h"
#include "common/db.h"
#include "common/http.h"
#include "common/log.h"
#include "common/read.h"
#include "notification/handlers.h"
#include "notification/open_data.h"
#include "notification/open_data_store.h"
#include "notification/public_http.h"

#define INDEX_MAX_AGE 300   /* the index and list change once a day */
#define FILE_MAX_AGE  86400 /* a day's file never changes */

/* Renders and keeps day's four files, in the open transaction on conn. */
static enum oc_err snapshot_make(PGconn *conn, const struct public_settings *s, const char *day)
{
    json_t *products = NULL, *revocations = NULL;
    enum oc_err rc = open_data_store_rows(conn, day, s->expiring_days, &products, &revocations);
    if (rc != OC_OK)
        return rc;
    rc = open_data_store_snapshot(conn, day, json_array_size(products),
                                  json_array_size(revocations));
    for (size_t i = 0; rc == OC_OK && i < OPEN_DATA_FILES; i++) {
        const struct open_data_file *f = &open_data_files[i];
        char *content = open_data_render(f, f->set == OPEN_DATA_PRODUCTS ? products : revocations,
                                         day, s->licence);
        rc = open_data_store_file_add(conn, day, f->name, f->media_type, content);
        free(content);
    }
    json_decref(products);
    json_decref(revocations);
    return rc;
}

/* Makes day's snapshot unless it is kept already (once, whatever the concurrency). */
static enum oc_err snapshot_ensure(struct oc_service *svc, const char *day)
{
    int found = 0;
    PGconn *conn = oc_db_acquire(svc->pool);
    if (conn == NULL)
        return OC_DB;
    enum oc_err rc = open_data_store_has(conn, day, &found);
    if (rc != OC_OK || found)
        goto out_release;
    rc = oc_db_begin(conn);
    if (rc == OC_OK)
        rc = open_data_store_lock(conn);
    if (rc == OC_OK)
        rc = open_data_store_has(conn, day, &found);
    if (rc == OC_OK && !found)
        rc = snapshot_make(conn, public_settings_of(svc), day);
    if (rc == OC_OK)
        rc = oc_db_commit(conn);
    if (rc != OC_OK)
        oc_db_rollback(conn);
    else if (!found)
        oc_log(OC_LOG_INFO, "open data snapshot of %s made", day);
out_release:
    oc_db_release(svc->pool, conn);
    return rc;
}

int open_data_index(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    const struct public_settings *s = public_settings_of(svc);
    char today[11];
    json_t *latest = NULL;
    (void)req;
    public_today(s, today, sizeof(today));
    enum oc_err rc = snapshot_ensure(svc, today);
    PGconn *conn = rc == OC_OK ? oc_db_acquire(svc->pool) : NULL;
    if (rc == OC_OK)
        rc = conn ? open_data_store_latest(conn, &latest) : OC_DB;
    oc_db_release(svc->pool, conn);
    if (rc != OC_OK)
        return oc_http_problem(resp, rc, NULL, NULL);
    json_t *body =
        json_pack("{s:s,s:s,s:s,s:s,s:o,s:s,s:o}", "title",
                  "Dữ liệu mở OCOP — sản phẩm OCOP còn hiệu lực và danh sách thu hồi", "licence",
                  s->licence, "licence_note",
                  "Dữ liệu được công bố theo giấy phép ghi ở trên; khi dùng lại, xin ghi nguồn "
                  "\"Chương trình "
                  "OCOP\". The data is published under the licence above; please credit \"OCOP "
                  "programme\" when reusing it.",
                  "today", today, "latest", latest, "snapshots_path", "/v1/open-data/snapshots",
                  "fields", open_data_dictionary());
    json_object_set_new(body, "note",
                        json_pack("{s:s,s:s}", "vi",
                                  "Mỗi ngày một bản chụp, giữ nguyên sau khi công bố. Không có dữ "
                                  "liệu cá nhân: tên hộ sản xuất không được công bố.",
                                  "en",
                                  "One snapshot a day, unchanged once published. No personal "
                                  "data: a household producer's name is never published."));
    public_validators(resp, NULL, 0, INDEX_MAX_AGE);
    return oc_http_json(resp, 200, body);
}

int open_data_snapshots(const struct _u_request *req, struct _u_response *resp,
                        struct oc_service *svc)
{
    char today[11];
    public_today(public_settings_of(svc), today, sizeof(today));
    enum oc_err rc = snapshot_ensure(svc, today);
    if (rc != OC_OK)
        return oc_http_problem(resp, rc, NULL, NULL);
    public_validators(resp, NULL, 0, INDEX_MAX_AGE);
    return oc_list_serve(req, resp, svc, json_array(), open_data_store_list, NULL);
}

int open_data_file_get(const struct _u_request *req, struct _u_response *resp,
                       struct oc_service *svc)
{
    const char *day = u_map_get(req->map_url, "date"), *name = u_map_get(req->map_url, "file");
    const struct open_data_file *f = open_data_file_find(name);
    long d;
    char today[11], etag[72], disposition[96];
    if (f == NULL || day == NULL || strlen(day) != 10 || !oc_date_parse(day, &d))
        return oc_http_problem(resp, OC_NOT_FOUND, "no such open data file", NULL);
    public_today(public_settings_of(svc), today, sizeof(today));
    enum oc_err rc = strcmp(day, today) == 0 ? snapshot_ensure(svc, today) : OC_OK;
    struct open_data_stored file;
    memset(&file, 0, sizeof(file));
    PGconn *conn = rc == OC_OK ? oc_db_acquire(svc->pool) : NULL;
    if (rc == OC_OK)
        rc = conn ? open_data_store_file(conn, day, f->name, &file) : OC_DB;
    oc_db_release(svc->pool, conn);
    if (rc != OC_OK)
        return oc_http_problem(resp, rc, rc == OC_NOT_FOUND ? "no snapshot of this day" : NULL,
                               NULL);
    snprintf(etag, sizeof(etag), "\"%s\"", file.sha256);
    public_validators(resp, etag, file.created_at, FILE_MAX_AGE);
    if (public_not_modified(req, etag, file.created_at)) {
        free(file.content);
        return public_send_304(resp);
    }
    public_send(resp, 200, file.media_type, file.content, file.len);
    snprintf(disposition, sizeof(disposition), "inline; filename=\"ocop-%s-%s\"", day, f->name);
    u_map_put(resp->map_header, "Content-Disposition", disposition);
    free(file.content);
    return U_CALLBACK_COMPLETE;
}
