#include "promotion/listing.h"

#include <string.h>

/* Producer types that are organisations, whose registered names are public. */
static const char *const organisation_types[] = {"enterprise", "cooperative", "cooperative_group"};

const char *listing_public_name(const char *producer_type, const char *producer_name)
{
    for (size_t i = 0; i < sizeof(organisation_types) / sizeof(organisation_types[0]); i++)
        if (strcmp(producer_type, organisation_types[i]) == 0)
            return producer_name;
    return NULL; /* households, and any type not known to be an organisation */
}
