/*
 * Applications (hồ sơ) for OCOP evaluation, pure C: their kinds, the states
 * they move through with the national public-service portal's status codes,
 * which role may make which transition, the dossier checklist per rule set
 * and kind, the dossier code format, and which uploaded files are accepted.
 * No I/O.
 */
#ifndef REG_APPLICATION_H
#define REG_APPLICATION_H

#include <stddef.h>

#include <jansson.h>

#include "common/auth.h"
#include "common/validate.h"

/* Kinds of application: "first_time", "upgrade", "re_recognition". */
extern const char *const application_kinds[];

/*
 * Roles that act on applications (as named across the platform), with their
 * masks (common/auth.h); "system", mask 0, is the service itself moving an
 * application on an event, which no caller can act as.
 */
struct application_role {
    const char *name; /* e.g. "commune_officer" */
    unsigned mask;    /* OC_ROLE_COMMUNE_OFFICER; 0 for "system" */
};
extern const struct application_role application_roles[];

/*
 * The first role of roles (comma-separated names, in the order a caller acts
 * as them) that acting (a mask) holds, by name; NULL when none.
 */
const char *application_first_role(const char *roles, unsigned acting);

/* Status of an application and its code on the national public-service portal. */
struct application_status {
    const char *name;  /* e.g. "supplement_requested" */
    int portal_code;   /* DVCQG TrangThaiHoSo code; 0 for "draft" (not yet on the portal) */
    const char *label; /* Vietnamese label as the portal shows it */
};

/* Returns the status called name, or NULL. */
const struct application_status *application_status_find(const char *name);

/* 1 when an application in status may be changed and given documents: a draft, or supplementing. */
int application_editable(const char *status);

/*
 * Checks a transition by a caller acting under the roles of mask acting (a
 * mask of OC_ROLE_*, the request's oc_principal()->acting). Returns NULL when
 * it may move an application from from to to, and sets *role to the role it
 * acts as: the first of the transition's roles, in the table's order, that
 * acting holds (a static string). Otherwise returns a message and sets *role
 * to NULL; *forbidden is 1 when the transition exists but for none of the
 * caller's roles, 0 when it does not exist at all. *needs_reason is 1 when
 * the transition must say why.
 */
const char *application_transition_problem(const char *from, const char *to, unsigned acting,
                                           const char **role, int *forbidden, int *needs_reason);

/* One item of a dossier checklist. */
struct dossier_item {
    const char *code;  /* e.g. "self_assessment" */
    const char *label; /* Vietnamese label */
};

/* Every item a dossier may hold (NULL-terminated by code). */
extern const struct dossier_item dossier_items[];

/* Returns 1 when code names a dossier item. */
int dossier_item_known(const char *code);

/*
 * Returns 1 when item is required for an application of kind under rule_set
 * (any id of rule_sets_table: QĐ 1489 asks what QĐ 148 asks), 0 when it is
 * optional evidence or the rule set is unknown.
 */
int dossier_item_required(const char *rule_set, const char *kind, const char *item);

/* Samples a product dossier must bring (none for services, criteria set 26, and re-recognition). */
int dossier_samples_required(const char *kind, long long criteria_set);

/*
 * Builds the checklist: for each item, whether it is required and how many
 * documents are present (present: object item -> count, borrowed). Returns a
 * new object {"complete", "missing": [...], "items": [...], "samples": {...}}.
 */
json_t *dossier_checklist(const char *rule_set, const char *kind, long long criteria_set,
                          long long samples_count, const json_t *present);

/* Writes "<agency>-<YYMMDD>-<NNNN>" into buf; day is "YYYY-MM-DD". Returns 0, -1 when seq > 9999.
 */
int dossier_code_format(char *buf, size_t len, const char *agency, const char *day, long seq);

/* Returns 1 when code suits the national agency-code format we accept: 1-32 of [A-Z0-9.]. */
int dossier_agency_ok(const char *code);

/*
 * Identifies an upload by its first bytes: returns the media type
 * ("application/pdf", "image/jpeg" or "image/png") or NULL when it is none of them.
 */
const char *dossier_sniff(const unsigned char *data, size_t len);

/*
 * Checks the parts of a dossier upload (multipart/form-data): item names a
 * dossier item; the file (data, len bytes) is there, its filename is a plain
 * name of 1..200 characters of UTF-8 (no slash, backslash, quote or line break) and
 * its bytes are a PDF, JPEG or PNG, the type declared for it (declared; NULL,
 * "" or application/octet-stream declare nothing). Any argument may be NULL.
 * Appends a field error to errors for each problem; returns the sniffed media
 * type, or NULL when there is no file or it is none of the accepted types.
 */
const char *dossier_upload_check(const char *item, const char *filename, const char *declared,
                                 const unsigned char *data, size_t len, json_t *errors);

/* A validated new application; strings borrowed from the body. */
struct application_input {
    const char *product_id;       /* UUID of a registered product */
    const char *kind;             /* one of application_kinds */
    long long samples_count;      /* samples handed in, 0 when not given */
    const char *note;             /* NULL when absent */
    const char *rule_set;         /* NULL from the body; the handler sets the one in force today */
    const char *idea_id;          /* the accepted idea it rests on (UUID), NULL when none */
    const char *business_plan_id; /* the approved business plan it rests on, NULL when none */
};

/* Validates a new application body. Returns 1 when valid. */
int application_from_json(struct oc_v *v, struct application_input *out);

/* A validated change to a draft (merge patch). */
struct application_patch {
    int has_samples;         /* 1 when samples_count is given */
    long long samples_count; /* samples handed in */
    const char *note;        /* new note, or NULL */
    int clear_note;          /* 1: note becomes NULL */
};

/* Validates an application merge-patch body. Returns 1 when valid and not empty. */
int application_patch_from_json(struct oc_v *v, struct application_patch *out);

/*
 * A validated transition request; strings borrowed from the body. Who acts
 * and as what comes from the caller's token, not from the body.
 */
struct application_move {
    const char *to;     /* target status */
    const char *reason; /* why; NULL when absent */
};

/* Validates a transition body ({"to", "reason"}; any other member is unknown). Returns 1 when
 * valid. */
int application_move_from_json(struct oc_v *v, struct application_move *out);

/*
 * Reads the data of ocop.evaluation.evaluation.completed.v1: application_id
 * (a UUID, borrowed from data into *id) and stars (1..5). Returns OC_OK, or
 * OC_INVALID with the reason in err.
 */
enum oc_err application_result_parse(json_t *data, const char **id, long long *stars, char *err,
                                     size_t errlen);

/*
 * Returns 1 when the service itself ("system", on an evaluation event) may
 * move an application from from to to (the transition table says so).
 */
int application_system_moves(const char *from, const char *to);

/*
 * What registration reads of ocop.evaluation.evaluation.forwarded.v1 and
 * ocop.evaluation.dossier.returned.v1 (strings borrowed from the event's data).
 */
struct application_level_event {
    const char *application_id; /* the application (UUID) */
    const char *entry_id;       /* the evaluation entry (UUID) */
    const char *level;          /* the council's level */
    const char *forwarded_to;   /* forwarded: the level that decides next; else NULL */
    const char *reason;         /* returned: what the dossier lacks, or NULL */
    const char *decided_on;     /* the decision's date (YYYY-MM-DD), or NULL */
    const char *at;             /* forwarded_at or returned_at (RFC 3339), or NULL */
    const char *returned_at;    /* returned_at, or NULL */
    int potential_5_star;       /* 1: a province's 90+, forwarded to the central council */
    char score[16];             /* the council score as "dd.dd", or "" when unscored */
};

/*
 * Reads the data of a forwarded or returned event into out. Returns OC_OK, or
 * OC_INVALID with the reason in err (a potential 5 stars needs its score).
 */
enum oc_err application_level_event_parse(json_t *data, struct application_level_event *out,
                                          char *err, size_t errlen);

#endif
