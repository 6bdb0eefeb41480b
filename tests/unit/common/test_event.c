/* oc_event_parse and oc_event_traceparent_ok: the CloudEvents envelope, no I/O. */
#include <string.h>

#include <jansson.h>

#include "common/event.h"
#include "unit/test.h"

#define TP_OK "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

enum { H_SPEC, H_ID, H_TYPE, H_SOURCE, H_TIME, H_SUBJECT, H_TRACE, H_CT, H_COUNT };

/* A complete, valid set of headers; tests overwrite or drop entries. */
static void headers_valid(struct oc_event_header *h)
{
    static const char *const names[H_COUNT] = {"ce_specversion", "ce_id",       "ce_type",
                                               "ce_source",      "ce_time",     "ce_subject",
                                               "traceparent",    "content-type"};
    static const char *const values[H_COUNT] = {"1.0",
                                                "7d3c0e9a-1f43-4e51-9a7e-2b1c5d8f0a11",
                                                "ocop.registration.product.registered.v1",
                                                "/ocop/registration",
                                                "2025-03-01T08:30:00.123456Z",
                                                "0b5f6c7e-3a91-4c2d-8e4f-1a2b3c4d5e6f",
                                                TP_OK,
                                                "application/json"};
    for (int i = 0; i < H_COUNT; i++)
        h[i] = (struct oc_event_header){names[i], values[i], strlen(values[i])};
}

static void header_set(struct oc_event_header *h, const char *value)
{
    h->value = value;
    h->len = value ? strlen(value) : 0;
}

static const char VALUE[] =
    "{\"product_id\":\"0b5f6c7e-3a91-4c2d-8e4f-1a2b3c4d5e6f\",\"version\":1}";

/* Parses h with VALUE; returns the result code, cleaning ev on success. */
static enum oc_err parse_value(const struct oc_event_header *h, size_t n, const char *value,
                               size_t len, char *err, size_t errlen)
{
    struct oc_event_in ev;
    err[0] = '\0';
    enum oc_err rc = oc_event_parse(&ev, h, n, value, len, err, errlen);
    if (rc != OC_OK)
        CHECK(ev.data == NULL); /* on failure ev holds nothing to free */
    oc_event_clean(&ev);
    return rc;
}

static enum oc_err parse(const struct oc_event_header *h, size_t n, char *err, size_t errlen)
{
    return parse_value(h, n, VALUE, strlen(VALUE), err, errlen);
}

static void test_valid(void)
{
    struct oc_event_header h[H_COUNT];
    struct oc_event_in ev;
    char err[256] = "";
    headers_valid(h);
    CHECK_INT_EQ(oc_event_parse(&ev, h, H_COUNT, VALUE, strlen(VALUE), err, sizeof(err)), OC_OK);
    CHECK_STR_EQ(ev.id, "7d3c0e9a-1f43-4e51-9a7e-2b1c5d8f0a11");
    CHECK_STR_EQ(ev.type, "ocop.registration.product.registered.v1");
    CHECK_STR_EQ(ev.source, "/ocop/registration");
    CHECK_STR_EQ(ev.time, "2025-03-01T08:30:00.123456Z");
    CHECK_STR_EQ(ev.subject, "0b5f6c7e-3a91-4c2d-8e4f-1a2b3c4d5e6f");
    CHECK_STR_EQ(ev.traceparent, TP_OK);
    CHECK(json_is_object(ev.data));
    CHECK_INT_EQ(json_integer_value(json_object_get(ev.data, "version")), 1);
    oc_event_clean(&ev);
    CHECK(ev.data == NULL);
    oc_event_clean(&ev); /* twice is harmless */

    /* Optional attributes may be absent: only specversion, id, type and source. */
    CHECK_INT_EQ(oc_event_parse(&ev, h, 4, VALUE, strlen(VALUE), err, sizeof(err)), OC_OK);
    CHECK_STR_EQ(ev.subject, "");
    CHECK_STR_EQ(ev.time, "");
    CHECK_STR_EQ(ev.traceparent, "");
    oc_event_clean(&ev);

    /* A content type with parameters is still JSON. */
    header_set(&h[H_CT], "application/json; charset=utf-8");
    CHECK_INT_EQ(parse(h, H_COUNT, err, sizeof(err)), OC_OK);
}

static void test_rejected_attributes(void)
{
    struct oc_event_header h[H_COUNT];
    char err[256];

    /* missing ce_id: drop it by renaming the header */
    headers_valid(h);
    h[H_ID].name = "ce_idx";
    CHECK_INT_EQ(parse(h, H_COUNT, err, sizeof(err)), OC_INVALID);
    CHECK(strstr(err, "ce_id") != NULL);
    headers_valid(h);
    h[H_TYPE].name = "type";
    CHECK_INT_EQ(parse(h, H_COUNT, err, sizeof(err)), OC_INVALID);
    CHECK(strstr(err, "ce_type") != NULL);
    headers_valid(h);
    h[H_SOURCE].name = "source";
    CHECK_INT_EQ(parse(h, H_COUNT, err, sizeof(err)), OC_INVALID);
    CHECK(strstr(err, "ce_source") != NULL);

    /* specversion */
    static const char *const bad_spec[] = {"0.3", "1.1", "1", "1.0.0", "", NULL};
    for (const char *const *s = bad_spec; *s; s++) {
        headers_valid(h);
        header_set(&h[H_SPEC], *s);
        CHECK_INT_EQ(parse(h, H_COUNT, err, sizeof(err)), OC_INVALID);
        CHECK(strstr(err, "specversion") != NULL);
    }
    headers_valid(h);
    h[H_SPEC].name = "specversion";
    CHECK_INT_EQ(parse(h, H_COUNT, err, sizeof(err)), OC_INVALID);

    /* content type */
    static const char *const bad_ct[] = {
        "text/plain", "application/jsonx", "application/xml", "application/cloudevents+json", "",
        NULL};
    for (const char *const *s = bad_ct; *s; s++) {
        headers_valid(h);
        header_set(&h[H_CT], *s);
        CHECK_INT_EQ(parse(h, H_COUNT, err, sizeof(err)), OC_INVALID);
        CHECK(strstr(err, "content-type") != NULL);
    }

    /* oversize: ce_id holds 128 bytes, ce_type 200 */
    char big[202];
    memset(big, 'a', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    headers_valid(h);
    h[H_ID] = (struct oc_event_header){"ce_id", big, 128};
    CHECK_INT_EQ(parse(h, H_COUNT, err, sizeof(err)), OC_OK);
    h[H_ID].len = 129;
    CHECK_INT_EQ(parse(h, H_COUNT, err, sizeof(err)), OC_INVALID);
    CHECK(strstr(err, "ce_id") != NULL);
    headers_valid(h);
    h[H_TYPE] = (struct oc_event_header){"ce_type", big, 200};
    CHECK_INT_EQ(parse(h, H_COUNT, err, sizeof(err)), OC_OK);
    h[H_TYPE].len = 201;
    CHECK_INT_EQ(parse(h, H_COUNT, err, sizeof(err)), OC_INVALID);
    CHECK(strstr(err, "ce_type") != NULL);

    /* empty, NULL or non-printable values */
    headers_valid(h);
    header_set(&h[H_ID], "");
    CHECK_INT_EQ(parse(h, H_COUNT, err, sizeof(err)), OC_INVALID);
    headers_valid(h);
    h[H_ID] = (struct oc_event_header){"ce_id", NULL, 5};
    CHECK_INT_EQ(parse(h, H_COUNT, err, sizeof(err)), OC_INVALID);
    headers_valid(h);
    header_set(&h[H_ID], "abc\ndef");
    CHECK_INT_EQ(parse(h, H_COUNT, err, sizeof(err)), OC_INVALID);
    headers_valid(h);
    h[H_ID] = (struct oc_event_header){"ce_id", "ab\0cd", 5}; /* embedded NUL */
    CHECK_INT_EQ(parse(h, H_COUNT, err, sizeof(err)), OC_INVALID);
    headers_valid(h);
    header_set(&h[H_SUBJECT], "s\xc3\xa1n-ph\xe1\xba\xa9m"); /* non-ASCII */
    CHECK_INT_EQ(parse(h, H_COUNT, err, sizeof(err)), OC_INVALID);
    CHECK(strstr(err, "ce_subject") != NULL);
}

static void test_value(void)
{
    struct oc_event_header h[H_COUNT];
    char err[256];
    headers_valid(h);
    static const char *const bad[] = {"[1,2,3]",     "\"text\"",          "42",
                                      "null",        "not json",          "{\"a\":1",
                                      "{\"a\":1} x", "{\"a\":1,\"a\":2}", NULL};
    for (const char *const *s = bad; *s; s++) {
        CHECK_INT_EQ(parse_value(h, H_COUNT, *s, strlen(*s), err, sizeof(err)), OC_INVALID);
        CHECK(strstr(err, "value") != NULL);
    }
    CHECK_INT_EQ(parse_value(h, H_COUNT, VALUE, 0, err, sizeof(err)), OC_INVALID); /* empty */
    CHECK_INT_EQ(parse_value(h, H_COUNT, NULL, 0, err, sizeof(err)), OC_INVALID);
    CHECK_INT_EQ(parse_value(h, H_COUNT, VALUE, OC_EVENT_MAX_BYTES + 1, err, sizeof(err)),
                 OC_INVALID); /* refused by size before being read */
    CHECK_INT_EQ(parse_value(h, H_COUNT, "{}", 2, err, sizeof(err)), OC_OK);
    /* the length bounds the value: trailing bytes past len are not read */
    CHECK_INT_EQ(parse_value(h, H_COUNT, "{}garbage", 2, err, sizeof(err)), OC_OK);
}

static void test_duplicates(void)
{
    struct oc_event_header h[H_COUNT + 2];
    struct oc_event_in ev;
    char err[256];
    headers_valid(h);
    h[H_COUNT] = (struct oc_event_header){"ce_id", "second-id", 9};
    CHECK_INT_EQ(oc_event_parse(&ev, h, H_COUNT + 1, VALUE, strlen(VALUE), err, sizeof(err)),
                 OC_OK);
    CHECK_STR_EQ(ev.id, "second-id");
    oc_event_clean(&ev);

    /* a bad specversion followed by a good one: the last wins */
    headers_valid(h);
    header_set(&h[H_SPEC], "0.3");
    h[H_COUNT] = (struct oc_event_header){"ce_specversion", "1.0", 3};
    CHECK_INT_EQ(parse(h, H_COUNT + 1, err, sizeof(err)), OC_OK);
    /* and a good one followed by a bad one is refused */
    headers_valid(h);
    h[H_COUNT] = (struct oc_event_header){"ce_specversion", "0.3", 3};
    CHECK_INT_EQ(parse(h, H_COUNT + 1, err, sizeof(err)), OC_INVALID);
    headers_valid(h);
    h[H_COUNT] = (struct oc_event_header){"content-type", "text/plain", 10};
    h[H_COUNT + 1] = (struct oc_event_header){"content-type", "application/json", 16};
    CHECK_INT_EQ(parse(h, H_COUNT + 2, err, sizeof(err)), OC_OK);
}

static void test_traceparent_in_event(void)
{
    struct oc_event_header h[H_COUNT];
    struct oc_event_in ev;
    char err[256];
    headers_valid(h);
    /* right length, wrong content: dropped, the event is still valid */
    header_set(&h[H_TRACE], "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01");
    CHECK_INT_EQ(oc_event_parse(&ev, h, H_COUNT, VALUE, strlen(VALUE), err, sizeof(err)), OC_OK);
    CHECK_STR_EQ(ev.traceparent, "");
    CHECK_STR_EQ(ev.id, "7d3c0e9a-1f43-4e51-9a7e-2b1c5d8f0a11");
    oc_event_clean(&ev);
    header_set(&h[H_TRACE], "not a trace context");
    CHECK_INT_EQ(oc_event_parse(&ev, h, H_COUNT, VALUE, strlen(VALUE), err, sizeof(err)), OC_OK);
    CHECK_STR_EQ(ev.traceparent, "");
    oc_event_clean(&ev);
    header_set(&h[H_TRACE], TP_OK);
    CHECK_INT_EQ(oc_event_parse(&ev, h, H_COUNT, VALUE, strlen(VALUE), err, sizeof(err)), OC_OK);
    CHECK_STR_EQ(ev.traceparent, TP_OK);
    oc_event_clean(&ev);
}

static void test_traceparent_ok(void)
{
    CHECK_INT_EQ(oc_event_traceparent_ok(TP_OK), 1);
    CHECK_INT_EQ(oc_event_traceparent_ok("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"),
                 1);
    CHECK_INT_EQ(oc_event_traceparent_ok("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
                 1); /* a later version of the same length */
    /* version ff is forbidden */
    CHECK_INT_EQ(oc_event_traceparent_ok("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
                 0);
    /* all-zero trace id or parent id */
    CHECK_INT_EQ(oc_event_traceparent_ok("00-00000000000000000000000000000000-00f067aa0ba902b7-01"),
                 0);
    CHECK_INT_EQ(oc_event_traceparent_ok("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01"),
                 0);
    /* upper-case hex, wrong separators, wrong lengths, non-hex */
    CHECK_INT_EQ(oc_event_traceparent_ok("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"),
                 0);
    CHECK_INT_EQ(oc_event_traceparent_ok("00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
                 0);
    CHECK_INT_EQ(oc_event_traceparent_ok("00-4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7-01"),
                 0);
    CHECK_INT_EQ(oc_event_traceparent_ok("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7_01"),
                 0);
    CHECK_INT_EQ(oc_event_traceparent_ok("00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01"),
                 0);
    CHECK_INT_EQ(
        oc_event_traceparent_ok("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-"), 0);
    CHECK_INT_EQ(oc_event_traceparent_ok("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g"),
                 0);
    CHECK_INT_EQ(oc_event_traceparent_ok("0x-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
                 0);
    CHECK_INT_EQ(oc_event_traceparent_ok("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0bz902b7-01"),
                 0);
    CHECK_INT_EQ(oc_event_traceparent_ok(""), 0);
}

/* ce_time in UTC as our relays write it (one check for every consumer that orders facts by it). */
static void test_time_utc(void)
{
    static const struct {
        const char *time;
        int ok;
    } cases[] = {
        {"2025-03-01T02:00:00Z", 1},
        {"2025-03-01T02:00:00.5Z", 1},
        {"2025-03-01T02:00:00.123456Z", 1},
        {"2025-03-01T02:00:00.123456789Z", 1}, /* nine fraction digits at most */
        {"2025-03-01T02:00:00.1234567890Z", 0},
        {"2024-02-29T23:59:60Z", 1}, /* a leap second; 2024 is a leap year */
        {"2025-02-29T02:00:00Z", 0},
        {"2025-03-01T24:00:00Z", 0},
        {"2025-03-01T23:60:00Z", 0},
        {"2025-03-01T02:00:61Z", 0},
        {"2025-03-01T02:00:00+07:00", 0}, /* an offset: valid RFC 3339, not our form */
        {"2025-03-01T02:00:00z", 0},
        {"2025-03-01 02:00:00Z", 0},
        {"2025-03-01T02:00:00.Z", 0},
        {"2025-03-01T02:00Z", 0},
        {"2025-03-01T02:00:00ZZ", 0},
        {"", 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        CHECK_INT_EQ(oc_event_time_utc_ok(cases[i].time), cases[i].ok);
        if (oc_event_time_utc_ok(cases[i].time) != cases[i].ok)
            fprintf(stderr, "    %s\n", cases[i].time);
    }
    CHECK(!oc_event_time_utc_ok(NULL));
}

int main(void)
{
    test_time_utc();
    test_valid();
    test_rejected_attributes();
    test_value();
    test_duplicates();
    test_traceparent_in_event();
    test_traceparent_ok();
    TEST_DONE();
}
