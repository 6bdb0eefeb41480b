/*
 * Potential 5 stars in the catalogue (domain §2): a province council's 90+ is
 * forwarded to the central council as "potential 5 stars" until that council
 * decides. Promotion may feature such products: with the setting
 * OCOP_PROMOTION_FEATURE_POTENTIAL_5_STAR on (default off), the evaluation's
 * ocop.evaluation.evaluation.forwarded.v1 with potential_5_star true marks
 * the product, and the central council's ocop.evaluation.evaluation.completed.v1
 * clears the mark; off, both events are ignored. Pure C.
 */
#ifndef PROMO_POTENTIAL_H
#define PROMO_POTENTIAL_H

/*
 * Reads the setting's value (NULL: unset) into *on: "on", "true" or "1"
 * switch the feature on; "off", "false", "0", "" or unset leave it off.
 * Returns 0, or -1 for any other value.
 */
int potential_feature_parse(const char *value, int *on);

/* What a consumed evaluation event does to a product's potential 5-star mark. */
enum potential_change {
    POTENTIAL_NONE,  /* nothing: the feature is off, or the event does not concern it */
    POTENTIAL_MARK,  /* a province forwarded it as potential 5 stars */
    POTENTIAL_CLEAR, /* the central council decided */
};

/*
 * The change an event of type with data's members level (the council's) and
 * potential_5_star (1 or 0) makes, with the feature on or off.
 */
enum potential_change potential_change_of(int on, const char *type, const char *level,
                                          int potential_5_star);

#endif
