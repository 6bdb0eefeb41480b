/*
 * The daily follow-up job (run by the certificate scheduler's thread after
 * its certificate work, on the same clock): every open guidance follow-up
 * whose due_on is before today and that was not found overdue before is
 * marked overdue on today and announced once with
 * ocop.evaluation.inspection.follow_up_overdue.v1, in the same transaction.
 *
 * Once per follow-up across restarts and several instances on one
 * database: rows are claimed with FOR UPDATE SKIP LOCKED and only those
 * without follow_up_overdue_on, which the same transaction sets.
 */
#ifndef EVAL_INSPECTION_FOLLOW_UP_JOB_H
#define EVAL_INSPECTION_FOLLOW_UP_JOB_H

#include "common/service.h"

/*
 * Marks and announces the follow-ups overdue on today (YYYY-MM-DD), in
 * batches. Returns how many were marked; failures are logged and rolled back
 * (the next run takes them again).
 */
int inspection_follow_up_run(struct oc_service *svc, const char *today);

#endif
