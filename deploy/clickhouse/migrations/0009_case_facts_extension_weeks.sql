-- An extension in force stated in calendar weeks (ZGW P…W, e.g. the six weeks of a permit), beside
-- extension_working_days, so that the rollups count every extended case, whatever its unit.
ALTER TABLE case_facts_v1 ADD COLUMN IF NOT EXISTS extension_calendar_weeks UInt32 DEFAULT 0;
