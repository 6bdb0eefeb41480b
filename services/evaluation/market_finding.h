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

#include "common/validate.h"

/* A validated finding; strings borrowed from the body, NULL when absent. */
struct market_finding_new {
    const char *found_on;        /* YYYY-MM-DD, not after today */
    const char *place;           /* where: market, shop, address */
    const char *commune_code;    /* 5 digits, or NULL */
    const char *product_name;    /* as printed */
    const char *producer_name;   /* as printed */
    int ocop_mark_shown;         /* 1 when the OCOP mark was shown */
    long long stars_claimed;     /* 1..5 when has_stars */
    int has_stars;               /* 1 when stars_claimed was sent */
    const char *shown_note;      /* what else was shown, or NULL */
    const char *product_id;      /* a registered product without a certificate in force, or NULL */
    const char *evidence_notes;  /* what was seen and kept */
    const char *photo_reference; /* a reference to a photo kept elsewhere, or NULL */
    const char *action_taken;    /* what the inspectors did */
    const char *body;            /* the inspecting body */
    const char *actor;           /* the token's subject, set by the handler */
};

/*
 * Validates a POST /v1/market-findings body into out against today
 * (YYYY-MM-DD). Records every problem in v and returns 1 when there is none.
 */
int market_finding_from_json(struct oc_v *v, const char *today, struct market_finding_new *out);

#endif
