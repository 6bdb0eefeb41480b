#include "registration/scope.h"

#include <stdio.h>
#include <string.h>

void reg_scope_init(struct reg_scope *s, const struct oc_principal *p)
{
    memset(s, 0, sizeof(*s));
    s->all = oc_principal_restricted(p, REG_SCOPE_FULL) ? "f" : "t";
    if (s->all[0] == 't')
        return;
    if (oc_principal_acts_as(p, OC_ROLE_PRODUCER)) {
        oc_principal_producers_sql(p, s->producers_buf, sizeof(s->producers_buf));
        s->producers = s->producers_buf;
    }
    if (oc_principal_acts_as(p, OC_ROLE_COMMUNE_OFFICER)) {
        snprintf(s->commune_buf, sizeof(s->commune_buf), "%s", p->commune);
        s->commune = s->commune_buf;
    }
}

void reg_scope_everything(struct reg_scope *s)
{
    memset(s, 0, sizeof(*s));
    s->all = "t";
}

int reg_scope_limited(const struct reg_scope *s)
{
    return s->all[0] != 't';
}
