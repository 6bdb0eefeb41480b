-- An event's time (ce_time) is when its row is written, not when its
-- transaction began. Consumers order facts of one aggregate by ce_time and
-- ignore an event that is not newer than the one they keep: a change that
-- waited for the aggregate's row lock behind another one must carry the later
-- time, and two events written one after the other in the same transaction
-- (a certificate issued, then its predecessor superseded) must not share one.
ALTER TABLE outbox ALTER COLUMN occurred_at SET DEFAULT clock_timestamp();
