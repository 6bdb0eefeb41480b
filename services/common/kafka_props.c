#include "common/kafka_props.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/file.h"

extern char **environ;

#define PROPS_FILE_MAX (64 * 1024)
#define ENV_PREFIX     "OCOP_KAFKA_PROP_"

/* Set by the platform itself; the guarantees of the outbox and the consumer rest on them. */
static const char *const protected_names[] = {"bootstrap.servers",
                                              "metadata.broker.list",
                                              "group.id",
                                              "enable.idempotence",
                                              "acks",
                                              "request.required.acks",
                                              "enable.auto.commit",
                                              "enable.auto.offset.store",
                                              "isolation.level",
                                              "auto.offset.reset",
                                              NULL};

static int is_protected(const char *name)
{
    for (const char *const *p = protected_names; *p; p++)
        if (strcmp(*p, name) == 0)
            return 1;
    return 0;
}

static int name_ok(const char *name)
{
    if (*name == '\0' || strlen(name) > 128)
        return 0;
    for (const char *c = name; *c; c++)
        if (!(islower((unsigned char)*c) || isdigit((unsigned char)*c) || *c == '.' || *c == '_'))
            return 0;
    return 1;
}

/* Trims spaces at both ends of s in place; returns s. */
static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

int oc_kafka_props_parse(const char *text, json_t *props, char *err, size_t errlen)
{
    char *copy = oc_xstrdup(text), *save = NULL;
    int line = 0, rc = 0;
    for (char *l = strtok_r(copy, "\n", &save); l != NULL && rc == 0;
         l = strtok_r(NULL, "\n", &save)) {
        line++;
        char *s = trim(l);
        if (*s == '\0' || *s == '#' || *s == '!')
            continue;
        char *eq = strchr(s, '=');
        if (eq == NULL) {
            snprintf(err, errlen, "line %d: not name=value", line);
            rc = -1;
            break;
        }
        *eq = '\0';
        char *name = trim(s), *value = trim(eq + 1);
        if (!name_ok(name)) {
            snprintf(err, errlen, "line %d: \"%.40s\" is not a librdkafka property name", line,
                     name);
            rc = -1;
        } else {
            json_object_set_new(props, name, json_string(value));
        }
    }
    free(copy);
    return rc;
}

static char *file_text(const char *path, char *err, size_t errlen)
{
    char why[64];
    char *text = oc_file_read(path, PROPS_FILE_MAX, NULL, why, sizeof(why));
    if (text == NULL)
        snprintf(err, errlen, "OCOP_KAFKA_PROPERTIES_FILE: %s %s", path, why);
    return text;
}

/* The property a variable's name stands for: lower case, '_' as '.' (n + 1 bytes in name). */
static void prop_name(const char *var, size_t n, char *name)
{
    for (size_t i = 0; i < n; i++)
        name[i] = (char)(var[i] == '_' ? '.' : tolower((unsigned char)var[i]));
    name[n] = '\0';
}

/* Adds the OCOP_KAFKA_PROP_* variables to props. Returns 0, or -1 with err. */
static int env_props(json_t *props, char *err, size_t errlen)
{
    for (char **e = environ; *e != NULL; e++) {
        if (strncmp(*e, ENV_PREFIX, strlen(ENV_PREFIX)) != 0)
            continue;
        const char *var = *e + strlen(ENV_PREFIX), *eq = strchr(var, '=');
        char name[129];
        size_t n = eq != NULL ? (size_t)(eq - var) : 0;
        if (n == 0 || n >= sizeof(name)) {
            snprintf(err, errlen, "%.60s: no property name", *e);
            return -1;
        }
        prop_name(var, n, name);
        if (!name_ok(name)) {
            snprintf(err, errlen, "%s%.*s: not a librdkafka property name", ENV_PREFIX, (int)n,
                     var);
            return -1;
        }
        json_object_set_new(props, name, json_string(eq + 1));
    }
    return 0;
}

int oc_kafka_props_apply(rd_kafka_conf_t *conf, const json_t *props, char *err, size_t errlen)
{
    const char *name;
    json_t *value;
    json_object_foreach((json_t *)props, name, value)
    {
        char why[256];
        if (rd_kafka_conf_set(conf, name, json_string_value(value), why, sizeof(why)) !=
            RD_KAFKA_CONF_OK) {
            snprintf(err, errlen, "Kafka property %s: %s", name, why);
            return -1;
        }
    }
    return 0;
}

json_t *oc_kafka_props_load(const char *path, char *err, size_t errlen)
{
    json_t *props = json_object();
    int rc = 0;
    if (path != NULL && *path != '\0') {
        char *text = file_text(path, err, errlen);
        rc = text != NULL ? oc_kafka_props_parse(text, props, err, errlen) : -1;
        free(text);
        if (rc != 0 && text != NULL) {
            char why[256];
            snprintf(why, sizeof(why), "%s", err);
            snprintf(err, errlen, "OCOP_KAFKA_PROPERTIES_FILE %s", why);
        }
    }
    if (rc == 0)
        rc = env_props(props, err, errlen);
    const char *name;
    json_t *value;
    json_object_foreach(props, name, value)
    {
        if (rc == 0 && is_protected(name)) {
            snprintf(err, errlen,
                     "Kafka property %s is set by the platform and may not be overridden", name);
            rc = -1;
        }
    }
    if (rc == 0) {
        rd_kafka_conf_t *scratch = rd_kafka_conf_new();
        rc = oc_kafka_props_apply(scratch, props, err, errlen);
        rd_kafka_conf_destroy(scratch);
    }
    if (rc != 0) {
        json_decref(props);
        return NULL;
    }
    return props;
}

json_t *oc_kafka_props_redacted(const json_t *props)
{
    json_t *out = json_object();
    const char *name;
    json_t *value;
    json_object_foreach((json_t *)props, name, value)
    {
        int secret = strstr(name, "password") || strstr(name, "secret") ||
                     strstr(name, "key.pem") || strstr(name, "sasl.oauthbearer.config") ||
                     strstr(name, "sasl.username");
        json_object_set_new(out, name, secret ? json_string("(redacted)") : json_incref(value));
    }
    return out;
}
