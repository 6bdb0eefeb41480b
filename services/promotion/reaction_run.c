#include "promotion/reaction_run.h"

#include "promotion/reaction_store.h"

enum oc_err reaction_run(PGconn *conn, struct oc_service *svc, const char *product_id,
                         const struct oc_event_in *cause, const char *reason, const char *today)
{
    (void)svc;
    (void)today;
    struct reaction_record r = {product_id, cause->id, cause->type, reason, 0, 0, 0};
    return reaction_store_record(conn, &r);
}
