-- A dump that retention no longer keeps stays in storage for the lifetime of the links to it ('expiring'): it is not
-- offered any more, but links handed out before, and by API nodes whose cached current dump it still was, work until
-- delete_after; then its files go and it becomes 'pruned'.
ALTER TABLE dump_runs DROP CONSTRAINT dump_runs_status_check;
ALTER TABLE dump_runs ADD CONSTRAINT dump_runs_status_check
    CHECK (status IN ('queued', 'running', 'published', 'expiring', 'failed', 'pruned'));
ALTER TABLE dump_runs ADD COLUMN delete_after timestamptz;
CREATE INDEX dump_runs_expiring ON dump_runs (delete_after) WHERE status = 'expiring';
CREATE INDEX dump_runs_account_snapshot ON dump_runs (account_id, snapshot_at DESC) WHERE status = 'published';

-- The results of 'datadump check' as the scheduler runs it every day (DATADUMP_CHECK_TIME): the metrics report the
-- newest, whichever node ran it.
CREATE TABLE storage_checks (
    id            bigserial   PRIMARY KEY,
    at            timestamptz NOT NULL DEFAULT now(),
    dumps         integer     NOT NULL,
    files         integer     NOT NULL,
    bytes         bigint      NOT NULL,
    problems      integer     NOT NULL,
    first_problem text
);
