/*
 * Market findings (hậu kiểm on the market, domain §5: correct use of the
 * OCOP mark and stars): a product seen for sale showing the OCOP mark or a
 * star level it has no certificate for. Pure C.
 *
 * A finding records the day (not in the future), the place (text and an
 * optional 5-digit commune code), the product's and the producer's names as
 * printed on the product, what was shown (the OCOP mark, the stars claimed
 * 1..5, a note; at least the mark or a star claim), the registered product
 * when it is one (it must then have no certificate in force), the evidence
 * (notes, an optional photo reference), the action taken and the
 * inspecting body.
 *
 * The producer's name is that of whoever puts the product on the market
 * with the mark (as printed, usually an enterprise): it is kept and
 * announced on ocop.evaluation.market_finding.recorded.v1 as found.
 */
#ifndef EVAL_MARKET_FINDING_H
#define EVAL_MARKET_FINDING_H

#include "common/fields.h"

/* The members, in this order (also the SQL parameters' order). */
enum {
    MARKET_FINDING_FOUND_ON,        /* YYYY-MM-DD, not after today */
    MARKET_FINDING_PLACE,           /* where: market, shop, address */
    MARKET_FINDING_COMMUNE_CODE,    /* 5 digits, or unset */
    MARKET_FINDING_PRODUCT_NAME,    /* as printed */
    MARKET_FINDING_PRODUCER_NAME,   /* as printed */
    MARKET_FINDING_OCOP_MARK_SHOWN, /* n 1 when the OCOP mark was shown */
    MARKET_FINDING_STARS_CLAIMED,   /* 1..5, or unset */
    MARKET_FINDING_SHOWN_NOTE,      /* what else was shown, or unset */
    MARKET_FINDING_PRODUCT_ID,      /* a registered product without a certificate in force */
    MARKET_FINDING_EVIDENCE_NOTES,  /* what was seen and kept */
    MARKET_FINDING_PHOTO_REFERENCE, /* a reference to a photo kept elsewhere, or unset */
    MARKET_FINDING_ACTION_TAKEN,    /* what the inspectors did */
    MARKET_FINDING_INSPECTING_BODY, /* the inspecting body */
    MARKET_FINDING_N
};
extern const struct oc_field market_finding_fields[MARKET_FINDING_N];

/* A validated finding; strings borrowed from the body. */
struct market_finding_input {
    struct oc_field_value m[MARKET_FINDING_N]; /* the members, by the MARKET_FINDING_* indexes */
    const char *actor;                         /* the token's subject, set by the handler */
};

/*
 * Validates a POST /v1/market-findings body into out against today
 * (YYYY-MM-DD). Records every problem in v and returns 1 when there is none.
 */
int market_finding_from_json(struct oc_v *v, const char *today, struct market_finding_input *out);

#endif
