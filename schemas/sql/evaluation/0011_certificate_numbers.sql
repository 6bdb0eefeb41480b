-- Certificates keep the number printed on them (issue 12). A certificate the
-- platform issues is numbered by OCOP_CERTIFICATE_NUMBER_PATTERN and takes a
-- place in its year's sequence (number_source 'pattern'); a recognition
-- decided outside the platform (a central 5-star decision, a certificate
-- issued before the platform, a line of the province's list loaded from
-- CSV) keeps its printed number and takes no place in a sequence
-- (number_source 'printed'). Numbers stay unique across all certificates.
-- Expired certificates may now be revoked (expired -> revoked): the status
-- check below is unchanged, the rule lives in certificate.c.
ALTER TABLE certificates
    ALTER COLUMN sequence_year DROP NOT NULL,
    ALTER COLUMN sequence_number DROP NOT NULL,
    ADD COLUMN number_source text NOT NULL DEFAULT 'pattern'
        CHECK (number_source IN ('pattern', 'printed')),
    ADD CONSTRAINT certificates_number_text
        CHECK (char_length(number) BETWEEN 1 AND 64 AND number = btrim(number)),
    ADD CONSTRAINT certificates_number_source
        CHECK ((number_source = 'pattern') = (sequence_year IS NOT NULL AND sequence_number IS NOT NULL));
ALTER TABLE certificates ALTER COLUMN number_source DROP DEFAULT;
