-- Market linkages (liên kết tiêu thụ): a product linked with a partner
-- (distributor, supermarket chain, e-commerce platform, exporter, hotel,
-- tourist site) through a channel, under an agreement, and every move of its
-- status with who made it, when and why.

CREATE TABLE linkages (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    product_id      uuid NOT NULL REFERENCES products (product_id),
    partner_kind    text NOT NULL CHECK (partner_kind IN ('distributor', 'supermarket_chain',
                                         'ecommerce_platform', 'exporter', 'hotel',
                                         'tourist_site')),
    partner_name    text NOT NULL,
    partner_tax_code text CHECK (partner_tax_code ~ '^[0-9]{10}(-[0-9]{3})?$'),
    channel         text NOT NULL CHECK (channel IN ('supermarket', 'e_commerce', 'export',
                                         'wholesale', 'retail', 'tourism', 'hospitality')),
    volume          numeric CHECK (volume > 0),   -- agreement: quantity, in unit
    unit            text,
    value_vnd       bigint CHECK (value_vnd >= 0), -- agreement: value
    starts_on       date,                          -- agreement: first day
    ends_on         date CHECK (ends_on >= starts_on),
    status          text NOT NULL DEFAULT 'proposed'
                    CHECK (status IN ('proposed', 'signed', 'active', 'suspended', 'ended')),
    notes           text,
    version         bigint NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((volume IS NULL) = (unit IS NULL))
);
CREATE INDEX linkages_product ON linkages (product_id, status);
CREATE INDEX linkages_page ON linkages (created_at DESC, id DESC);

-- Every status a linkage took: its creation (from_status NULL) and each move.
CREATE TABLE linkage_transitions (
    id              bigserial PRIMARY KEY,
    linkage_id      uuid NOT NULL REFERENCES linkages (id),
    from_status     text,
    to_status       text NOT NULL,
    actor           text NOT NULL,          -- who: a person or account, or "promotion" for a reaction
    reason          text,
    cause_event_id  text,                   -- the consumed event behind a reaction
    at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX linkage_transitions_linkage ON linkage_transitions (linkage_id, id);
