/*
 * The product's events. Their data is the product as the registry has it,
 * with its producer's name and type now, made by the store in the statement
 * that writes the product (product_store.c's PRODUCT_EVENT_JSON: one
 * statement reads both); this module gives them their type and key (the
 * product's id). Pure: the caller adds the draft to the outbox
 * (oc_outbox_add_draft) in its transaction.
 */
#ifndef REG_PRODUCT_EVENTS_H
#define REG_PRODUCT_EVENTS_H

#include <jansson.h>

#include "common/event_build.h"

#define EVENT_PRODUCT_REGISTERED "ocop.registration.product.registered.v1"
#define EVENT_PRODUCT_UPDATED    "ocop.registration.product.updated.v1"

/* ocop.registration.product.registered.v1 with the store's data (stolen; may be NULL). */
struct oc_event_draft product_event_registered(json_t *data);

/* ocop.registration.product.updated.v1 with the store's data (stolen; may be NULL). */
struct oc_event_draft product_event_updated(json_t *data);

#endif
