/* What of a product the public may see: no person's name. */
#include "promotion/listing.h"
#include "unit/test.h"

int main(void)
{
    static const char *const shown[] = {"enterprise", "cooperative", "cooperative_group", NULL};
    const char *name = "HTX Chè Tân Cương";
    for (const char *const *t = shown; *t; t++) {
        CHECK(listing_public_name(*t, name) == name);
        CHECK_STR_EQ(listing_public_name(*t, name), "HTX Chè Tân Cương");
    }
    /* a household business is named after a person: hidden */
    CHECK(listing_public_name("household", "Nguyễn Văn An") == NULL);
    CHECK(listing_public_name("household", "") == NULL);
    CHECK(listing_public_name("household", NULL) == NULL);
    TEST_DONE();
}
