#include "common/err.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

static const struct {
    const char *name;
    unsigned int status;
    const char *title;
} err_table[] = {
#define XX(name, status, text) {#name, status, text},
    OC_ERR_MAP(XX)
#undef XX
};

#define ERR_COUNT (sizeof(err_table) / sizeof(err_table[0]))

unsigned int oc_err_status(enum oc_err err)
{
    return (size_t)err < ERR_COUNT ? err_table[err].status : 500;
}

const char *oc_err_title(enum oc_err err)
{
    return (size_t)err < ERR_COUNT ? err_table[err].title : "internal error";
}

const char *oc_err_name(enum oc_err err)
{
    return (size_t)err < ERR_COUNT ? err_table[err].name : "INTERNAL";
}

int oc_say(char *msg, size_t len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    (void)vsnprintf(msg, len, fmt, ap);
    va_end(ap);
    return 0;
}
