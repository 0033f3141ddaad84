-- Webhook events waiting for delivery: db-scheduler's table shape, a table of their own so that webhook
-- tasks run on their own threads and never wait behind (or hold up) dumps.
CREATE TABLE webhook_deliveries (
    task_name            text                     NOT NULL,
    task_instance        text                     NOT NULL,
    task_data            bytea,
    execution_time       timestamp with time zone NOT NULL,
    picked               boolean                  NOT NULL,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat       timestamp with time zone,
    version              bigint                   NOT NULL,
    priority             smallint,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX webhook_deliveries_execution_time_idx ON webhook_deliveries (execution_time);
CREATE INDEX webhook_deliveries_last_heartbeat_idx ON webhook_deliveries (last_heartbeat);
CREATE INDEX webhook_deliveries_priority_execution_time_idx ON webhook_deliveries (priority DESC, execution_time ASC);
