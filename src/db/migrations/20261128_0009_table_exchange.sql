-- Table exchange (库表交换, §17 共享方式「库表」; issue 4): the provider's 前置库 may live on another
-- PostgreSQL server (its URL sealed under the platform key, security rules §23), and a consumer's
-- data steward points a table grant at a schema of its own database, which runs fill — in full, then
-- incrementally — with only the granted items, masked, inside the grant's row scope.
-- Resumption state lives in the TARGET database (gdx_sync_state, written in the same transaction as
-- each batch); the tables here are the platform's record of targets and runs, with their progress.

ALTER TABLE catalog_mount ADD COLUMN connection_sealed text;
COMMENT ON COLUMN catalog_mount.connection_sealed IS '前置库连接串，平台密钥加密 / the front-end database''s PostgreSQL URL sealed under the platform key (never returned); NULL = the platform''s own database';

CREATE TABLE sync_target (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  grant_id          uuid NOT NULL REFERENCES share_grant (id),
  consumer_id       uuid NOT NULL REFERENCES org (id),
  connection_sealed text,
  connection_label  text NOT NULL,
  target_schema     text NOT NULL,
  target_table      text NOT NULL,
  batch_rows        integer NOT NULL DEFAULT 10000 CHECK (batch_rows BETWEEN 10 AND 100000),
  reconcile_hours   integer NOT NULL DEFAULT 24 CHECK (reconcile_hours BETWEEN 1 AND 8760),
  created_by        uuid NOT NULL REFERENCES app_user (id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  deleted_at        timestamptz,
  deleted_by        uuid REFERENCES app_user (id)
);
COMMENT ON TABLE sync_target IS '库表交换目标 / where a table grant is synced: a schema.table in the consumer''s database, configured by the consumer''s data steward';
COMMENT ON COLUMN sync_target.connection_sealed IS '目标库连接串，平台密钥加密 / the target PostgreSQL URL, sealed; NULL = the platform''s own database';
COMMENT ON COLUMN sync_target.connection_label IS '只显示主机/库名 / host:port/database shown instead of the URL ("platform" for the platform''s own database)';
COMMENT ON COLUMN sync_target.reconcile_hours IS '删除对账周期 / how often an incremental run also compares keys to propagate deletes';
CREATE UNIQUE INDEX sync_target_one_per_grant ON sync_target (grant_id) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX sync_target_place ON sync_target (connection_label, target_schema, target_table) WHERE deleted_at IS NULL;
CREATE INDEX sync_target_consumer ON sync_target (consumer_id) WHERE deleted_at IS NULL;

CREATE TABLE sync_run (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  target_id           uuid NOT NULL REFERENCES sync_target (id),
  grant_id            uuid NOT NULL REFERENCES share_grant (id),
  trigger             text NOT NULL CHECK (trigger IN ('manual', 'schedule', 'cli')),
  requested_by        uuid REFERENCES app_user (id),
  force_full          boolean NOT NULL DEFAULT false,
  reconcile           boolean NOT NULL DEFAULT false,
  status              text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted')),
  mode                text CHECK (mode IN ('full', 'incremental')),
  rows_total          bigint,
  rows_done           bigint NOT NULL DEFAULT 0,
  rows_deleted        bigint NOT NULL DEFAULT 0,
  bytes               bigint NOT NULL DEFAULT 0,
  batches             integer NOT NULL DEFAULT 0,
  resumed             boolean NOT NULL DEFAULT false,
  holder              text,
  heartbeat_at        timestamptz,
  cancel_requested_at timestamptz,
  error_code          text,
  error_zh            text,
  error_en            text,
  created_at          timestamptz NOT NULL DEFAULT now(),
  started_at          timestamptz,
  finished_at         timestamptz
);
COMMENT ON TABLE sync_run IS '库表同步运行 / one sync run of a target: mode, progress (rows done of total, bytes, batches), outcome with a Chinese and English reason';
COMMENT ON COLUMN sync_run.holder IS 'host:pid of the process running it; with heartbeat_at it tells a live run from one whose process died';
COMMENT ON COLUMN sync_run.resumed IS 'continued a pass an earlier run left unfinished (from the checkpoint in the target database)';
-- One queued or running run per target: a second start is refused, a dead one is marked interrupted first.
CREATE UNIQUE INDEX sync_run_one_active ON sync_run (target_id) WHERE status IN ('queued', 'running');
CREATE INDEX sync_run_target ON sync_run (target_id, created_at DESC);
