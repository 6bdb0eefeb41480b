#include "promotion/listing.h"

#include <string.h>

const char *listing_public_name(const char *producer_type, const char *producer_name)
{
    return strcmp(producer_type, "household") == 0 ? NULL : producer_name;
}
