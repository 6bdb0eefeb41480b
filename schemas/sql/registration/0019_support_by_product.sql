-- A product's history (GET /v1/products/{id}/history) lists its support payments,
-- cancelled ones too: the indexes of 0015 by product cover paid payments only.
CREATE INDEX support_payments_product_all ON support_payments (product_id, paid_on)
    WHERE product_id IS NOT NULL;
