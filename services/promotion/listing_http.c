#include "common/http.h"
#include "common/read.h"
#include "promotion/handlers.h"
#include "promotion/listing.h"
#include "promotion/listing_store.h"
#include "promotion/today.h"

/* Reads a product's view and says whether it is promotable today. */
enum oc_err listing_read(PGconn *conn, const char *id, json_t **out)
{
    enum oc_err rc = listing_store_get(conn, id, out);
    if (rc == OC_OK) {
        char today[11];
        promo_today(today, sizeof(today));
        listing_decorate(*out, today);
    }
    return rc;
}

int catalogue_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    static const char *const stars[] = {"3", "4", "5", NULL};
    static const char *const sectors[] = {"I", "II", "III", "IV", "V", "VI", NULL};
    struct catalogue_filter f;
    json_t *errors = json_array();
    promo_today(f.today, sizeof(f.today));
    f.stars = oc_query_enum(req, "stars", stars, errors);
    f.sector = oc_query_enum(req, "sector", sectors, errors);
    f.commune = oc_query_digits(req, "commune", 5, errors);
    f.q = oc_query_text(req, "q", 100, errors);
    return oc_list_serve(req, resp, svc, errors, listing_store_catalogue, &f);
}
