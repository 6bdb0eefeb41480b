#include "promotion/point_of_sale.h"

const char *const point_of_sale_location_types[] = {
    "station", "airport",       "highway_stop", "supermarket_or_market", "tourist_site",
    "hotel",   "craft_village", "fair_centre",  "post_office",           NULL};
const char *const point_of_sale_statuses[] = {"open", "closed", NULL};
const char *const listing_statuses[] = {"listed", "delisted", NULL};
const char point_of_sale_default_delist_reason[] = "removed from the point of sale";

const struct oc_field point_of_sale_fields[POINT_OF_SALE_N] = {
    [POINT_OF_SALE_NAME] = {"name", OC_FIELD_TEXT, 2, 255, NULL, OC_FIELD_REQUIRED},
    [POINT_OF_SALE_LOCATION_TYPE] = {"location_type", OC_FIELD_ENUM, 0, 0,
                                     point_of_sale_location_types, OC_FIELD_REQUIRED},
    [POINT_OF_SALE_OPERATOR] = {"operator", OC_FIELD_TEXT, 2, 255, NULL, OC_FIELD_REQUIRED},
    [POINT_OF_SALE_ADDRESS] = {"address", OC_FIELD_TEXT, 5, 500, NULL, OC_FIELD_REQUIRED},
    [POINT_OF_SALE_COMMUNE] = {"commune_code", OC_FIELD_DIGITS, 5, 5, NULL, OC_FIELD_REQUIRED},
    [POINT_OF_SALE_STATUS] = {"status", OC_FIELD_ENUM, 0, 0, point_of_sale_statuses,
                              OC_FIELD_SERVER},
    [POINT_OF_SALE_NOTES] = {"notes", OC_FIELD_TEXT, 1, 4000, NULL, OC_FIELD_CLEARABLE},
};
