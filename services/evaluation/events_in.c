#include "common/contracts.h"
#include "common/log.h"
#include "evaluation/candidate_store.h"
#include "evaluation/entry.h"
#include "evaluation/entry_store.h"
#include "evaluation/evidence_store.h"
#include "evaluation/handlers.h"

enum oc_err on_producer_changed(PGconn *conn, const struct oc_event_in *ev, struct oc_service *svc,
                                char *err, size_t errlen)
{
    (void)svc;
    struct oc_producer_registered p;
    enum oc_err rc = oc_producer_registered_parse(ev->data, &p, err, errlen);
    return rc == OC_OK ? candidate_store_producer(conn, &p) : rc;
}

enum oc_err on_product_registered(PGconn *conn, const struct oc_event_in *ev,
                                  struct oc_service *svc, char *err, size_t errlen)
{
    (void)svc;
    struct oc_product_registered p;
    enum oc_err rc = oc_product_registered_parse(ev->data, &p, err, errlen);
    return rc == OC_OK ? candidate_store_product(conn, &p, ev->id) : rc;
}

enum oc_err on_application_changed(PGconn *conn, const struct oc_event_in *ev,
                                   struct oc_service *svc, char *err, size_t errlen)
{
    (void)svc;
    struct candidate_application a;
    enum oc_err rc = candidate_application_parse(ev->data, &a, err, errlen);
    if (rc == OC_OK && a.dossier_code == NULL)
        return OC_OK; /* a draft withdrawn before submission was never a candidate */
    if (rc == OC_OK)
        rc = candidate_store_application(conn, &a, ev->id);
    /* an application the registry ended leaves the rounds it waits in */
    if (rc == OC_OK && entry_application_ended(a.status))
        rc = entry_store_application_ended(conn, a.application_id, a.status, ev->id);
    return rc;
}

enum oc_err on_linkage_changed(PGconn *conn, const struct oc_event_in *ev, struct oc_service *svc,
                               char *err, size_t errlen)
{
    (void)svc;
    struct evidence_linkage l;
    int applied = 0;
    enum oc_err rc = evidence_linkage_parse(ev->data, ev->time, &l, err, errlen);
    if (rc == OC_OK)
        rc = evidence_store_linkage(conn, &l, ev->data, ev->time, ev->id, &applied);
    if (rc == OC_OK && !applied)
        oc_log(OC_LOG_INFO, "linkage %s: event %s is not newer than the one kept; ignored",
               l.linkage_id, ev->id);
    return rc;
}
