/* What of a product the public may see: no person's name. */
#include "common/contracts.h"
#include "promotion/listing.h"
#include "unit/test.h"

int main(void)
{
    static const char *const shown[] = {"enterprise", "cooperative", "cooperative_group", NULL};
    const char *name = "HTX Chè Tân Cương";
    for (const char *const *t = shown; *t; t++) {
        CHECK(oc_producer_public_name(*t, name) == name);
        CHECK_STR_EQ(oc_producer_public_name(*t, name), "HTX Chè Tân Cương");
    }
    /* a household business is named after a person: hidden */
    CHECK(oc_producer_public_name("household", "Nguyễn Văn An") == NULL);
    CHECK(oc_producer_public_name("household", "") == NULL);
    CHECK(oc_producer_public_name("household", NULL) == NULL);
    TEST_DONE();
}
