#include "promotion/point_of_sale.h"

const char *const pos_location_types[] = {
    "station", "airport",       "highway_stop", "supermarket_or_market", "tourist_site",
    "hotel",   "craft_village", "fair_centre",  "post_office",           NULL};
const char *const pos_statuses[] = {"open", "closed", NULL};
const char *const listing_statuses[] = {"listed", "delisted", NULL};
const char pos_default_delist_reason[] = "removed from the point of sale";

const struct field pos_fields[POS_N] = {
    [POS_NAME] = {"name", FIELD_TEXT, 2, 255, NULL, FIELD_REQUIRED},
    [POS_LOCATION_TYPE] = {"location_type", FIELD_ENUM, 0, 0, pos_location_types, FIELD_REQUIRED},
    [POS_OPERATOR] = {"operator", FIELD_TEXT, 2, 255, NULL, FIELD_REQUIRED},
    [POS_ADDRESS] = {"address", FIELD_TEXT, 5, 500, NULL, FIELD_REQUIRED},
    [POS_COMMUNE] = {"commune_code", FIELD_DIGITS, 5, 5, NULL, FIELD_REQUIRED},
    [POS_STATUS] = {"status", FIELD_ENUM, 0, 0, pos_statuses, FIELD_SERVER},
    [POS_NOTES] = {"notes", FIELD_TEXT, 1, 4000, NULL, FIELD_CLEARABLE},
};
