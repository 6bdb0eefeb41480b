-- The catalogue evaluated the standing view for every product promotion knows
-- and then filtered: its cost grew with the registry, not with the page (348 ms
-- for a page of 20 at 61 k products). The standing is now kept in a table, one
-- row per product, worked out again by triggers whenever a product appears or
-- one of its certificates or inspections changes, and a partial index holds the
-- promotable products in the catalogue's order, so a page reads about a page.
-- The view stays, as product_standing_live, to work a row out.
ALTER VIEW product_standing RENAME TO product_standing_live;

CREATE TABLE product_standing AS SELECT * FROM product_standing_live;
ALTER TABLE product_standing ADD PRIMARY KEY (product_id);
CREATE INDEX product_standing_promotable ON product_standing (stars DESC, product_id DESC)
    WHERE status IN ('valid', 'expiring') AND stars >= 3 AND block_inspection_id IS NULL;

-- Works one product's row out again from the view.
CREATE FUNCTION product_standing_refresh(p_product uuid) RETURNS void
LANGUAGE sql SET search_path FROM CURRENT AS $$
    DELETE FROM product_standing WHERE product_id = p_product;
    INSERT INTO product_standing SELECT * FROM product_standing_live WHERE product_id = p_product;
$$;

CREATE FUNCTION product_standing_follow() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM product_standing_refresh(OLD.product_id);
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.product_id <> OLD.product_id) THEN
        PERFORM product_standing_refresh(NEW.product_id);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER products_standing AFTER INSERT OR DELETE ON products
    FOR EACH ROW EXECUTE FUNCTION product_standing_follow();
CREATE TRIGGER certificates_standing AFTER INSERT OR UPDATE OR DELETE ON certificates
    FOR EACH ROW EXECUTE FUNCTION product_standing_follow();
CREATE TRIGGER inspections_standing AFTER INSERT OR UPDATE OR DELETE ON inspections
    FOR EACH ROW EXECUTE FUNCTION product_standing_follow();
