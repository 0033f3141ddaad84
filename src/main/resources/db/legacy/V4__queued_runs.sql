-- On-demand dumps are recorded as 'queued' when requested, so the caller gets a run id at once.
ALTER TABLE dump_runs DROP CONSTRAINT dump_runs_status_check;
ALTER TABLE dump_runs ADD CONSTRAINT dump_runs_status_check CHECK (status IN ('queued', 'running', 'published', 'failed', 'pruned'));
