-- Trademark support (hỗ trợ xây dựng nhãn hiệu, step 4 of the OCOP cycle) and
-- the province's yearly plan targets, the data GET /v1/statistics measures
-- progress against.
--
-- The status rules (requested -> filed -> granted | refused, requested ->
-- refused, no way back) are enforced in services/registration/trademark.c; the
-- CHECKs below repeat what every status requires so that no other writer can
-- store a record the rules would refuse.

CREATE TABLE trademarks (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    product_id          uuid NOT NULL REFERENCES products (id),
    kind                text NOT NULL CHECK (kind IN ('ordinary', 'collective', 'certification')),
    mark_name           text NOT NULL,          -- the mark as filed, e.g. 'Dừa sáp Cầu Kè'
    office              text NOT NULL DEFAULT 'Cục Sở hữu trí tuệ',
    status              text NOT NULL DEFAULT 'requested'
                            CHECK (status IN ('requested', 'filed', 'granted', 'refused')),
    requested_on        date NOT NULL,          -- support requested
    filing_number       text,                   -- số đơn, given by the office on filing
    filed_on            date,
    decided_on          date,                   -- grant or refusal
    certificate_number  text,                   -- số văn bằng, when granted
    support_amount_vnd  bigint CHECK (support_amount_vnd >= 0),
    notes               text,
    version             bigint NOT NULL DEFAULT 1,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT trademarks_filing_pair CHECK ((filing_number IS NULL) = (filed_on IS NULL)),
    CONSTRAINT trademarks_by_status CHECK (
        (status = 'requested' AND filing_number IS NULL AND decided_on IS NULL
            AND certificate_number IS NULL)
        OR (status = 'filed' AND filing_number IS NOT NULL AND decided_on IS NULL
            AND certificate_number IS NULL)
        OR (status = 'granted' AND filing_number IS NOT NULL AND decided_on IS NOT NULL
            AND certificate_number IS NOT NULL)
        OR (status = 'refused' AND decided_on IS NOT NULL AND certificate_number IS NULL)),
    CONSTRAINT trademarks_date_order CHECK (
        (filed_on IS NULL OR filed_on >= requested_on)
        AND (decided_on IS NULL OR decided_on >= coalesce(filed_on, requested_on)))
);

CREATE INDEX trademarks_page ON trademarks (created_at DESC, id DESC);
CREATE INDEX trademarks_product ON trademarks (product_id);
CREATE INDEX trademarks_granted ON trademarks (decided_on) WHERE status = 'granted';

-- Yearly targets of the provincial OCOP plan, one row per year and indicator.
-- The indicators a target may name are a table in services/registration/plan.c
-- (products_3star_plus, trademarks_supported, evaluation_rounds); the database
-- only checks their shape so that adding one needs no migration.
CREATE TABLE plan_targets (
    year            integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    indicator       text NOT NULL CHECK (indicator ~ '^[a-z0-9_]{1,64}$'),
    target_value    bigint NOT NULL CHECK (target_value >= 0),  -- a minimum to reach
    basis           text NOT NULL,          -- the document that set it
    note            text,
    version         bigint NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (year, indicator)
);

-- KH 43/KH-UBND of 2022-06-06 (UBND tỉnh Trà Vinh), plan for the OCOP programme
-- in 2022 (schemas seed: tra-vinh-ocop-plan-2022.txt).
INSERT INTO plan_targets (year, indicator, target_value, basis, note) VALUES
    (2022, 'products_3star_plus', 27, 'Kế hoạch 43/KH-UBND ngày 06/6/2022 của UBND tỉnh Trà Vinh',
     'Ít nhất 27 sản phẩm được công nhận sản phẩm OCOP đạt hạng 3 sao trở lên'),
    (2022, 'trademarks_supported', 7, 'Kế hoạch 43/KH-UBND ngày 06/6/2022 của UBND tỉnh Trà Vinh',
     'Hỗ trợ xây dựng ít nhất 07 nhãn hiệu sản phẩm OCOP'),
    (2022, 'evaluation_rounds', 2, 'Kế hoạch 43/KH-UBND ngày 06/6/2022 của UBND tỉnh Trà Vinh',
     'Tổ chức đánh giá, phân hạng sản phẩm OCOP 2 lần/năm');
