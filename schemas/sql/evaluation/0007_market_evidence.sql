-- Market evidence for re-evaluation: the market linkages (liên kết tiêu thụ)
-- of products, kept from the promotion service's
-- ocop.promotion.linkage.changed.v1 events. One row per linkage, the newest
-- event wins: by the linkage's version when both events carry one, else by
-- ce_time; a late, older event never overwrites a newer one (the inbox makes
-- a redelivered event change nothing). No foreign key to products: a
-- linkage may arrive before the product's own event.

CREATE TABLE market_linkages (
    linkage_id      text PRIMARY KEY CHECK (linkage_id <> ''),
    product_id      uuid NOT NULL,
    status          text NOT NULL CHECK (status IN ('proposed', 'signed', 'active', 'suspended',
                                                    'ended')),
    partner_name    text,
    channel         text,
    source_version  bigint CHECK (source_version >= 1),  -- the linkage's version, when sent
    data            jsonb NOT NULL,                       -- the event's data as received
    event_time      timestamptz NOT NULL,                 -- its ce_time
    last_event_id   text NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX market_linkages_product ON market_linkages (product_id, event_time DESC);
