-- 后台任务队列 / background job queue (DESIGN.md Architecture; docs/api-sharing.md "Background jobs"):
-- grant expiry, idle-grant flags, deadline warnings and overdue marks, webhook deliveries. Workers in any
-- number of server processes claim a job with FOR UPDATE SKIP LOCKED (src/db/jobs.ts), so no job is
-- processed twice at once; a worker that dies leaves its job to be reclaimed when the lease runs out.
--
-- Finished jobs (done/failed) are kept: they are the record of what ran, when, where and how often.
-- Pruning, when the table grows, is an operator's DELETE of old finished rows only, e.g.
--   DELETE FROM job WHERE status IN ('done', 'failed') AND finished_at < now() - interval '180 days';
-- Never prune queued/running rows, and keep finished rows well past any periodic slot length: deleting a
-- row frees its unique_key, and a process with a lagging clock could then enqueue that slot again.

CREATE TABLE job (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind         text NOT NULL,
  payload      jsonb NOT NULL DEFAULT '{}'::jsonb,
  run_at       timestamptz NOT NULL DEFAULT now(),
  status       text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  attempts     integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts integer NOT NULL DEFAULT 5 CHECK (max_attempts >= 1),
  unique_key   text UNIQUE,
  locked_by    text,
  locked_at    timestamptz,
  last_error   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  -- a running job always names its worker and lease; only finished jobs have a finish time
  CHECK (status <> 'running' OR (locked_by IS NOT NULL AND locked_at IS NOT NULL)),
  CHECK ((status IN ('done', 'failed')) = (finished_at IS NOT NULL))
);
COMMENT ON TABLE job IS '后台任务 / background job; kept after it finishes as the record of what ran';
COMMENT ON COLUMN job.kind IS '任务类型 / handler name, e.g. grant.expire; a kind no worker handles fails with a named error';
COMMENT ON COLUMN job.payload IS '任务参数 / the handler''s input (JSON)';
COMMENT ON COLUMN job.run_at IS '计划执行时间 / not claimed before this time; moved forward by retry backoff';
COMMENT ON COLUMN job.status IS '状态 / queued → running → done, or back to queued for a retry, or failed after max_attempts';
COMMENT ON COLUMN job.attempts IS '已领取次数 / times claimed (incremented by each claim, reclaims included); fences a stale worker';
COMMENT ON COLUMN job.max_attempts IS '最大尝试次数 / after this many claims the job fails instead of retrying';
COMMENT ON COLUMN job.unique_key IS '去重键 / idempotent enqueue: a second enqueue with the same key is ignored; periodic slots use kind@slotStart';
COMMENT ON COLUMN job.locked_by IS '执行者 / worker id (process) that holds or last ran the job';
COMMENT ON COLUMN job.locked_at IS '租约 / lease: set at claim and renewed while the handler runs; older than the lease = worker died, job reclaimable';
COMMENT ON COLUMN job.last_error IS '最近错误 / message of the last failure (message only, no stack)';
COMMENT ON COLUMN job.created_at IS '入队时间 / enqueued at';
COMMENT ON COLUMN job.finished_at IS '完成时间 / when it became done or failed';

-- Claiming looks only at live rows; the partial index stays small however much history is kept.
CREATE INDEX job_claim ON job (status, run_at) WHERE status IN ('queued', 'running');
