-- 挂接变更 (§16, §17, §30(二)): a change of an entry's mount while consumers hold live grants waits for the
-- authority that reviews the entry's catalog changes; until approved the current mount keeps serving.
-- A first mount, a change with no live grant, and new files of a file mount (§18) apply at once and
-- leave no row here. Secrets are sealed exactly as catalog_mount seals them (security rules §23).

CREATE TABLE catalog_mount_change (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entry_id           uuid NOT NULL REFERENCES catalog_entry (id),
  kind               text NOT NULL CHECK (kind IN ('table', 'api', 'file')),
  config             jsonb NOT NULL,
  connection_sealed  text,
  proposed_by        uuid NOT NULL REFERENCES app_user (id),
  proposed_at        timestamptz NOT NULL DEFAULT now(),
  status             text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
  decided_by         uuid REFERENCES app_user (id),
  decided_at         timestamptz,
  reason             text,
  CHECK ((status = 'pending') = (decided_at IS NULL)),
  CHECK (status <> 'rejected' OR reason IS NOT NULL)
);
-- At most one pending change per entry: a new proposal replaces (withdraws) the pending one.
CREATE UNIQUE INDEX catalog_mount_change_one_pending ON catalog_mount_change (entry_id) WHERE status = 'pending';
CREATE INDEX catalog_mount_change_entry ON catalog_mount_change (entry_id, proposed_at DESC);
COMMENT ON TABLE catalog_mount_change IS '挂接变更 (§16, §17): a proposed change of a mount with live grants, reviewed by the authority over the entry''s region; the current catalog_mount serves until approval';
COMMENT ON COLUMN catalog_mount_change.config IS 'the checked mount config, as catalog_mount.config would hold it (an api mount''s URL and credential sealed)';
COMMENT ON COLUMN catalog_mount_change.connection_sealed IS '前置库连接串，平台密钥加密 / the proposed front-end database URL sealed under the platform key; NULL = the platform''s own database';
COMMENT ON COLUMN catalog_mount_change.reason IS '驳回理由 / the rejection''s reason (required), or why it was withdrawn (replaced by a newer proposal)';
