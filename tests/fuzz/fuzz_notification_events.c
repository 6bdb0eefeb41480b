/*
 * The data of the events the notification service consumes, as its handler
 * reads them before any store is called: the first byte picks the event type
 * (all of them), the rest is the record value (a JSON object, as
 * oc_event_parse leaves it). Each goes where on_event sends it: the read
 * model's certificate facts, the mail it calls for (rendered with a template
 * into a whole message), whether a subscription wants it, and both webhook
 * bodies (the structured CloudEvent and the portal's dossier status) with
 * their Standard Webhooks signature.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "common/event.h"
#include "fuzz/fuzz.h"
#include "notification/delivery.h"
#include "notification/mail_compose.h"
#include "notification/read_model.h"
#include "notification/subscription.h"

static const char *const types[] = {
    "ocop.registration.application.submitted.v1",
    "ocop.registration.application.status_changed.v1",
    "ocop.evaluation.evaluation.completed.v1",
    "ocop.evaluation.certificate.issued.v1",
    "ocop.evaluation.certificate.status_changed.v1",
    "ocop.evaluation.certificate.expiry_notice.v1",
    "ocop.promotion.participation.changed.v1",
    "ocop.registration.product.registered.v1",
};
#define NTYPES (sizeof(types) / sizeof(types[0]))

static const char subject_line[] = "Subject: [OCOP] {{certificate_number}} {{product_name}}\n\n";
static struct mail_template template;
static json_t *subscribed;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char err[256];
    (void)argc;
    (void)argv;
    fuzz_quiet();
    char txt[512];
    snprintf(txt, sizeof(txt), "%s{{reason}} {{days_left}} {{expires_on}}\n", subject_line);
    if (mail_template_parse(txt, "<p>{{reason}} {{stars}}</p>", &template, err, sizeof(err)) != 0)
        abort();
    subscribed = json_pack("[sss]", "ocop.evaluation.certificate.", "ocop.registration.",
                           "ocop.promotion.participation.changed.v1");
    return 0;
}

/* The message the event calls for, built whole as the sender would. */
static void mail_of(const char *type, json_t *value)
{
    char err[256];
    struct mail_item item;
    if (mail_compose(type, value, &item, err, sizeof(err)) != 1)
        return;
    (void)mail_kind_name(item.kind);
    (void)mail_kind_mandatory(item.kind);
    char *subject = mail_render(template.subject, item.vars, 0, 1);
    char *text = mail_render(template.text, item.vars, 0, 0);
    char *html = mail_render(template.html, item.vars, 1, 0);
    struct mail_message m = {"ocop@test.invalid",
                             "OCOP Trà Vinh",
                             "producer@test.invalid",
                             subject,
                             text,
                             html,
                             "<1.1@test.invalid>",
                             "b0undaryX",
                             0};
    free(mail_message_build(&m));
    free(subject);
    free(text);
    free(html);
    json_decref(item.vars);
}

/* Both webhook bodies of the event, each signed with two secrets (a rotation). */
static void webhooks_of(const char *type, json_t *value)
{
    static const char secret[] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    char header[512];
    struct oc_event_in ev;
    memset(&ev, 0, sizeof(ev));
    snprintf(ev.id, sizeof(ev.id), "%s", "0f3c2b1a-0000-4000-8000-00000000abcd");
    snprintf(ev.type, sizeof(ev.type), "%s", type);
    snprintf(ev.source, sizeof(ev.source), "%s", "/ocop/registration");
    snprintf(ev.time, sizeof(ev.time), "%s", "2025-10-01T03:00:00Z");
    ev.data = value;
    if (!subscription_matches(subscribed, type))
        return;
    char *bodies[] = {delivery_cloudevent(&ev), delivery_dossier_status(&ev, "OCOP.TV")};
    for (size_t i = 0; i < 2; i++) {
        if (bodies[i] != NULL)
            (void)delivery_signature_header(secret, secret, ev.id, 1733450000, bodies[i],
                                            strlen(bodies[i]), header, sizeof(header));
        free(bodies[i]);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[256];
    unsigned pick = 0;
    json_t *value = fuzz_pick_json(data, size, 1, &pick);
    if (value == NULL)
        return 0;
    const char *type = types[pick % NTYPES];
    struct read_model_certificate c;
    if (strncmp(type, "ocop.evaluation.certificate.", 28) == 0 &&
        read_model_certificate_parse(value, &c, err, sizeof(err)) == OC_OK)
        (void)read_model_status_on(c.status, c.expires_on, "2026-12-06");
    mail_of(type, value);
    webhooks_of(type, value);
    json_decref(value);
    return 0;
}
