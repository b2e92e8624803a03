-- The source instance of every event (envelope source.instance; '' when it has none), so that the
-- freshness of each source (system, vendor, instance) can be rebuilt from what is stored.
ALTER TABLE raw_events_v1 ADD COLUMN IF NOT EXISTS source_instance String DEFAULT '';
