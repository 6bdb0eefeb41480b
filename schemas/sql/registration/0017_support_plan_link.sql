-- A support payment names the business plan it carries out (cycle step 4):
-- the ledger (0015) and the business plans (0014) landed together, so the
-- link is now a foreign key (the service checks it first: 422 on
-- business_plan_id, not_found, mismatch or status, the plan not approved).
ALTER TABLE support_payments
    ADD CONSTRAINT support_payments_business_plan_fk
    FOREIGN KEY (business_plan_id) REFERENCES business_plans (id);

CREATE INDEX support_payments_business_plan ON support_payments (business_plan_id)
    WHERE business_plan_id IS NOT NULL;
