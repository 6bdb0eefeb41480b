/*
 * The SSRF guard's rule, without a socket: which addresses a webhook may
 * never reach (loopback, private, link-local, cloud metadata, unspecified,
 * multicast, CGNAT and the like) and the operator's allow-list
 * (OCOP_WEBHOOK_ALLOW_ADDRESSES) that lifts the rule for the addresses it names.
 */
#ifndef NOTIF_ADDRESS_H
#define NOTIF_ADDRESS_H

#include <stddef.h>

#define ADDRESS_ALLOW_MAX 16

/* One IPv4 or IPv6 address, in network byte order. */
struct address {
    int family;              /* AF_INET or AF_INET6 */
    unsigned char bytes[16]; /* 4 or 16 bytes used */
};

/* The allow-list. */
struct address_allow {
    struct address items[ADDRESS_ALLOW_MAX]; /* the listed addresses */
    size_t n;                                /* entries used */
};

/*
 * Parses a comma-separated list of IP literals ("" is empty). Returns 0, or
 * -1 with the reason in err.
 */
int address_allow_parse(const char *text, struct address_allow *out, char *err, size_t errlen);

/* Parses one IP literal. Returns 1 when it is one. */
int address_parse(const char *text, struct address *out);

/* 1 when a is on the list. */
int address_allowed(const struct address_allow *allow, const struct address *a);

/*
 * Why a webhook may not reach a (a short static phrase such as "loopback"),
 * or NULL when it is a public unicast address. An IPv4-mapped IPv6 address
 * is judged as its IPv4 address.
 */
const char *address_forbidden(const struct address *a);

#endif
