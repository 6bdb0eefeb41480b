/*
 * The certificate expiry scheduler: a thread of the evaluation service that,
 * every OCOP_SCHEDULER_INTERVAL_MS (and once soon after start), by the
 * service's clock (common/clock.h):
 *
 *  1. expires every certificate in force (valid, expiring, suspended) whose
 *     expires_on is before today: status expired, a history entry and
 *     ocop.evaluation.certificate.status_changed.v1;
 *  2. sends the expiry notices due (OCOP_CERTIFICATE_NOTICE_DAYS before
 *     expires_on) for valid and expiring certificates: a notice row and
 *     ocop.evaluation.certificate.expiry_notice.v1, and at the first notice
 *     the move valid -> expiring with its status_changed event. A suspended
 *     certificate gets no notice while suspended. When several offsets are
 *     due at once (the service was down, or the certificate was recorded
 *     late), only the latest due one is sent and the earlier ones are kept
 *     as skipped;
 *  3. runs the inspection follow-up job (inspection_follow_up_job.h).
 *
 * Exactly once, across restarts and with several instances on one database:
 * rows are claimed with FOR UPDATE SKIP LOCKED, a notice row is unique per
 * (certificate, offset), and each change commits with its outbox events in
 * one transaction (a batch of up to 20 certificates).
 */
#ifndef EVAL_CERTIFICATE_SCHEDULER_H
#define EVAL_CERTIFICATE_SCHEDULER_H

#include "common/service.h"

struct certificate_scheduler;

/*
 * Starts the thread; it waits until the service's migrations are applied
 * and stops ticking once the service drains. svc must outlive it. Returns
 * NULL (after logging why) when the thread cannot be started.
 */
struct certificate_scheduler *certificate_scheduler_start(struct oc_service *svc);

/* Stops and joins the thread, then frees it; sched may be NULL. */
void certificate_scheduler_stop(struct certificate_scheduler *sched);

#endif
