/*
 * Commune codes then and now, pure C: reads the administrative units
 * reference file (schemas/reference/admin-units-vinh-long-2025.csv) and resolves
 * every commune code it names to the current commune. After the 2025 reform
 * each current commune reuses the code of one of its predecessors, and a few
 * communes were merged twice (2025-01-01, then 2025-07-01): a legacy code is
 * followed through its successors until a current code is reached.
 */
#ifndef PROMO_COMMUNE_H
#define PROMO_COMMUNE_H

#include <stddef.h>

/* One commune code and the current commune it resolves to. */
struct commune_code {
    char code[6];    /* 5 digits */
    char current[6]; /* 5 digits: code itself when it is a current commune */
};

/*
 * Parses the CSV text (header level,code,name,type,parent_code,valid_from,
 * valid_to,successor_code; rows without quotes) and writes every distinct
 * commune code with its current commune into *out (caller frees), *n of them.
 * A current commune has no valid_to. Returns 1, or 0 with the line at fault
 * in err (a malformed row). A legacy commune whose successors never reach a
 * current commune (one that ended without a known successor) is left out.
 */
int commune_resolve_csv(const char *text, struct commune_code **out, size_t *n, char *err,
                        size_t errlen);

#endif
