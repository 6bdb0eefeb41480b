-- OCOP points of introduction and sale (điểm giới thiệu và bán sản phẩm
-- OCOP, QĐ 950/QĐ-BCT of 2023) and the products they carry.

CREATE TABLE points_of_sale (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name            text NOT NULL,
    location_type   text NOT NULL CHECK (location_type IN ('station', 'airport', 'highway_stop',
                                         'supermarket_or_market', 'tourist_site', 'hotel',
                                         'craft_village', 'fair_centre', 'post_office')),
    operator        text NOT NULL,
    address         text NOT NULL,
    commune_code    text NOT NULL CHECK (commune_code ~ '^[0-9]{5}$'),
    status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    notes           text,
    version         bigint NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX points_of_sale_page ON points_of_sale (created_at DESC, id DESC);

-- A product carried at a point of sale; a delisted entry stays on record
-- with why, and a product listed again gets a new entry.
CREATE TABLE listings (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    point_of_sale_id uuid NOT NULL REFERENCES points_of_sale (id),
    product_id      uuid NOT NULL REFERENCES products (product_id),
    status          text NOT NULL DEFAULT 'listed' CHECK (status IN ('listed', 'delisted')),
    reason          text,                   -- why it was delisted
    cause_event_id  text,                   -- the consumed event behind a reaction
    listed_at       timestamptz NOT NULL DEFAULT now(),
    delisted_at     timestamptz,
    version         bigint NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX listings_once ON listings (point_of_sale_id, product_id)
    WHERE status = 'listed';
CREATE INDEX listings_product ON listings (product_id, status);
CREATE INDEX listings_page ON listings (listed_at DESC, id DESC);
