#include "notification/address.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

int address_parse(const char *text, struct address *out)
{
    memset(out, 0, sizeof(*out));
    if (inet_pton(AF_INET, text, out->bytes) == 1) {
        out->family = AF_INET;
        return 1;
    }
    if (inet_pton(AF_INET6, text, out->bytes) == 1) {
        out->family = AF_INET6;
        return 1;
    }
    return 0;
}

int address_allow_parse(const char *text, struct address_allow *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof(*out));
    const char *p = text;
    while (*p != '\0') {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char item[64];
        if (len == 0 || len >= sizeof(item) || out->n == ADDRESS_ALLOW_MAX) {
            snprintf(err, errlen, "must be at most %d comma-separated IP addresses",
                     ADDRESS_ALLOW_MAX);
            return -1;
        }
        memcpy(item, p, len);
        item[len] = '\0';
        if (!address_parse(item, &out->items[out->n])) {
            snprintf(err, errlen, "holds something that is not an IP address");
            return -1;
        }
        out->n++;
        p = end ? end + 1 : p + len;
        if (end != NULL && *p == '\0') {
            snprintf(err, errlen, "ends with a comma");
            return -1;
        }
    }
    return 0;
}

/* Both addresses as IPv4 when either is IPv4-mapped, for comparison. */
static struct address canonical(const struct address *a)
{
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    struct address c = *a;
    if (a->family == AF_INET6 && memcmp(a->bytes, mapped, 12) == 0) {
        memset(&c, 0, sizeof(c));
        c.family = AF_INET;
        memcpy(c.bytes, a->bytes + 12, 4);
    }
    return c;
}

int address_allowed(const struct address_allow *allow, const struct address *a)
{
    struct address c = canonical(a);
    for (size_t i = 0; i < allow->n; i++) {
        struct address l = canonical(&allow->items[i]);
        size_t len = l.family == AF_INET ? 4 : 16;
        if (l.family == c.family && memcmp(l.bytes, c.bytes, len) == 0)
            return 1;
    }
    return 0;
}

/* A forbidden range: the first bits of prefix, and why. */
struct range {
    unsigned char prefix[16]; /* the network */
    unsigned bits;            /* its length */
    const char *why;          /* the reason given */
};

static const struct range v4_ranges[] = {
    {{0}, 8, "unspecified"},
    {{10}, 8, "private"},
    {{100, 64}, 10, "shared (CGNAT)"},
    {{127}, 8, "loopback"},
    {{169, 254, 169, 254}, 32, "cloud metadata"},
    {{169, 254}, 16, "link-local"},
    {{172, 16}, 12, "private"},
    {{192, 0, 0}, 24, "reserved (IETF)"},
    {{192, 168}, 16, "private"},
    {{198, 18}, 15, "reserved (benchmarking)"},
    {{224}, 4, "multicast"},
    {{240}, 4, "reserved"},
};

static const struct range v6_ranges[] = {
    {{0}, 128, "unspecified"},
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 128, "loopback"},
    {{0xfd, 0x00, 0x0e, 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54}, 128, "cloud metadata"},
    {{0xfc}, 7, "private (unique local)"},
    {{0xfe, 0x80}, 10, "link-local"},
    {{0xfe, 0xc0}, 10, "site-local"},
    {{0xff}, 8, "multicast"},
    {{0x00, 0x64, 0xff, 0x9b}, 96, "NAT64"},
    {{0x20, 0x01, 0x0d, 0xb8}, 32, "documentation"},
    {{0}, 96, "IPv4-compatible"},
};

static int in_range(const unsigned char *bytes, const struct range *r)
{
    unsigned full = r->bits / 8, rest = r->bits % 8;
    if (memcmp(bytes, r->prefix, full) != 0)
        return 0;
    if (rest == 0)
        return 1;
    unsigned char mask = (unsigned char)(0xffu << (8 - rest));
    return (bytes[full] & mask) == (r->prefix[full] & mask);
}

const char *address_forbidden(const struct address *a)
{
    struct address c = canonical(a);
    const struct range *ranges = c.family == AF_INET ? v4_ranges : v6_ranges;
    size_t n = c.family == AF_INET ? sizeof(v4_ranges) / sizeof(v4_ranges[0])
                                   : sizeof(v6_ranges) / sizeof(v6_ranges[0]);
    if (c.family != AF_INET && c.family != AF_INET6)
        return "not an IP address";
    if (c.family == AF_INET && c.bytes[0] == 255 && c.bytes[1] == 255 && c.bytes[2] == 255 &&
        c.bytes[3] == 255)
        return "broadcast";
    for (size_t i = 0; i < n; i++)
        if (in_range(c.bytes, &ranges[i]))
            return ranges[i].why;
    return NULL;
}
