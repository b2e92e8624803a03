-- Case facts, deadlines as the law counts them: the end of the period given to complete a
-- suspended application (Awb 4:15), an extension in calendar weeks beside one in working days,
-- and whether a closed case was decided within its legal term (not only the service norm).
ALTER TABLE case_facts_v1
    ADD COLUMN suspended_until Nullable(Date) AFTER suspended_since,
    ADD COLUMN extension_weeks UInt32 DEFAULT 0 AFTER extension_working_days,
    ADD COLUMN within_legal_term Nullable(UInt8) AFTER within_norm;
