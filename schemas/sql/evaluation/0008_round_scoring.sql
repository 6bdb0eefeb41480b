-- How a round's sheets are written (issue 12): "detailed", option by option
-- where the entry's criteria set is detailed and by parts where it is not (as
-- every round before this migration); or "parts", part totals only (A/B/C
-- within each part's maximum) whatever the criteria set, for a council that
-- scores a low-confidence criteria set on paper. Under "parts" no mandatory
-- criterion is checked (there are no criterion lines to check).

ALTER TABLE rounds ADD COLUMN scoring text NOT NULL DEFAULT 'detailed'
    CHECK (scoring IN ('detailed', 'parts'));
