/*
 * Potential 5 stars in the catalogue: the setting's values, and which
 * evaluation events mark or clear a product with the feature on or off.
 */
#include <stdio.h>

#include "promotion/potential.h"
#include "unit/test.h"

#define FORWARDED "ocop.evaluation.evaluation.forwarded.v1"
#define COMPLETED "ocop.evaluation.evaluation.completed.v1"

int main(void)
{
    static const struct {
        const char *value;
        int rc, on;
    } settings[] = {
        {NULL, 0, 0}, {"", 0, 0},  {"off", 0, 0},  {"0", 0, 0},    {"false", 0, 0},
        {"on", 0, 1}, {"1", 0, 1}, {"true", 0, 1}, {"yes", -1, 0}, {"ON ", -1, 0},
    };
    for (size_t i = 0; i < sizeof(settings) / sizeof(settings[0]); i++) {
        int on = -1;
        CHECK_INT_EQ(potential_feature_parse(settings[i].value, &on), settings[i].rc);
        CHECK_INT_EQ(on, settings[i].on);
    }
    static const struct {
        int on;
        const char *type, *level;
        int potential;
        enum potential_change change;
    } events[] = {
        {1, FORWARDED, "province", 1, POTENTIAL_MARK},
        {0, FORWARDED, "province", 1, POTENTIAL_NONE}, /* off by default: ignored */
        {1, FORWARDED, "district", 0, POTENTIAL_NONE}, /* a district's 90 is no potential 5 stars */
        {1, FORWARDED, "commune", 0, POTENTIAL_NONE},
        {1, COMPLETED, "central", 0, POTENTIAL_CLEAR},
        {0, COMPLETED, "central", 0, POTENTIAL_NONE},
        {1, COMPLETED, "province", 0, POTENTIAL_NONE},
        {1, "ocop.evaluation.certificate.issued.v1", "central", 1, POTENTIAL_NONE},
    };
    for (size_t i = 0; i < sizeof(events) / sizeof(events[0]); i++)
        CHECK_INT_EQ(
            potential_change_of(events[i].on, events[i].type, events[i].level, events[i].potential),
            events[i].change);
    TEST_DONE();
}
