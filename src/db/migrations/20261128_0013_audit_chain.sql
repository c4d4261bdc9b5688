-- Tamper-evident audit trail (security rules §17 日志审计, §24 可追溯, §29 全过程可审计; §38 全流程审计).
-- See docs/audit.md for the design and what protects against what.
--
-- 1. audit_record becomes partitioned by Asia/Shanghai calendar month, so a month older than the
--    six-month retention (《网络安全法》第二十一条) can be archived to a signed file and detached.
--    Identity columns on partitioned tables need PostgreSQL 17: the id comes from a plain sequence.
-- 2. Hash chain: records are inserted unsealed (seal_seq, prev_hash, hash NULL) — the hot path is one
--    plain INSERT — and audit_seal() links committed records in seal order (seal_seq 1, 2, 3 …), the
--    hash computed by the application (SM3). The chain order is seal_seq, never id: ids are taken at
--    insert time, not at commit.
-- 3. Append-only: a trigger refuses UPDATE (except the one-time sealing of an unsealed row), DELETE and
--    TRUNCATE for everyone; the application role gdx_app is not granted UPDATE, DELETE or TRUNCATE at
--    all, nor INSERT of the seal columns. A month leaves only through audit_drop_month(): archived,
--    older than six months, every record sealed and matching the signed archive.

-- The application's role (cluster-wide: guard against it existing, or being created concurrently by
-- the migration of another database on the same server).
DO $$
BEGIN
  CREATE ROLE gdx_app NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

ALTER TABLE audit_record RENAME TO audit_record_unpartitioned;
ALTER TABLE audit_record_unpartitioned RENAME CONSTRAINT audit_record_pkey TO audit_record_unpartitioned_pkey;
ALTER SEQUENCE audit_record_id_seq RENAME TO audit_record_unpartitioned_id_seq;
DROP INDEX audit_record_at, audit_record_actor, audit_record_target, audit_record_org;

CREATE SEQUENCE audit_record_id_seq AS bigint;

CREATE TABLE audit_record (
  id          bigint NOT NULL DEFAULT nextval('audit_record_id_seq'),
  at          timestamptz NOT NULL DEFAULT now(),
  actor_type  text NOT NULL CHECK (actor_type IN ('user', 'app', 'system', 'anonymous')),
  actor_id    text,
  actor_name  text,
  org_id      uuid,
  action      text NOT NULL,
  target_type text,
  target_id   text,
  outcome     text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
  ip          text,
  request_id  text,
  detail      jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash   text,
  hash        text,
  seal_seq    bigint,
  PRIMARY KEY (id, at),
  CHECK ((seal_seq IS NULL) = (hash IS NULL))
) PARTITION BY RANGE (at);
ALTER SEQUENCE audit_record_id_seq OWNED BY audit_record.id;
COMMENT ON TABLE audit_record IS '审计记录 / audit record: who did what to what, when, from where, with which outcome. Append-only, hash-chained, partitioned by month (Asia/Shanghai)';
COMMENT ON COLUMN audit_record.outcome IS '结果 / success, failure (bad input, conflict) or denied (not permitted)';
COMMENT ON COLUMN audit_record.seal_seq IS '链序号 / position in the hash chain (1, 2, 3 …), assigned at sealing in commit order; NULL until sealed';
COMMENT ON COLUMN audit_record.prev_hash IS '前一条哈希 / hash of the record at seal_seq - 1 (NULL for the first)';
COMMENT ON COLUMN audit_record.hash IS '本条哈希 / "<alg>:<hex>" = SM3 (or SHA-256) of the canonical content and prev_hash (src/domain/audit/canonical.ts)';
CREATE INDEX audit_record_at ON audit_record (at);
CREATE INDEX audit_record_actor ON audit_record (actor_id, at);
CREATE INDEX audit_record_target ON audit_record (target_type, target_id);
CREATE INDEX audit_record_org ON audit_record (org_id, at);
CREATE INDEX audit_record_chain ON audit_record (seal_seq, id) WHERE seal_seq IS NOT NULL;
CREATE INDEX audit_record_unsealed ON audit_record (at, id) WHERE seal_seq IS NULL;

-- Append-only. The single UPDATE ever allowed seals an unsealed row without touching its content.
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Nested IFs: a record's fields may only be read once TG_OP and the table say which record it is.
  IF TG_OP = 'UPDATE' THEN
    IF TG_TABLE_NAME = 'audit_archive' THEN
      IF OLD.dropped_at IS NULL AND NEW.dropped_at IS NOT NULL AND (to_jsonb(NEW) - 'dropped_at') = (to_jsonb(OLD) - 'dropped_at') THEN
        RETURN NEW;
      END IF;
    ELSIF TG_TABLE_NAME LIKE 'audit_record%' THEN
      IF OLD.seal_seq IS NULL AND NEW.seal_seq IS NOT NULL
         AND (NEW.id, NEW.at, NEW.actor_type, NEW.actor_id, NEW.actor_name, NEW.org_id, NEW.action, NEW.target_type,
              NEW.target_id, NEW.outcome, NEW.ip, NEW.request_id, NEW.detail)
             IS NOT DISTINCT FROM
             (OLD.id, OLD.at, OLD.actor_type, OLD.actor_id, OLD.actor_name, OLD.org_id, OLD.action, OLD.target_type,
              OLD.target_id, OLD.outcome, OLD.ip, OLD.request_id, OLD.detail) THEN
        RETURN NEW;
      END IF;
    END IF;
  END IF;
  RAISE EXCEPTION '审计数据只能追加，拒绝 % / audit data is append-only: % refused on %', TG_OP, TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;
-- Rows outside every month partition land here rather than fail the audited change.
CREATE TABLE audit_record_default PARTITION OF audit_record DEFAULT;
-- TRUNCATE of a partition does not fire the parent's trigger: each partition gets its own.
CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record_default
  FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

-- Creates the month partitions from p_from (default: this month) through p_ahead months ahead.
-- Idempotent and serialised; run daily by the job queue.
CREATE FUNCTION audit_ensure_partitions(p_ahead integer DEFAULT 3, p_from date DEFAULT NULL) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  m date := date_trunc('month', coalesce(p_from, (now() AT TIME ZONE 'Asia/Shanghai')::date))::date;
  last_month date := date_trunc('month', (now() AT TIME ZONE 'Asia/Shanghai')::date + make_interval(months => p_ahead))::date;
  part text;
  created integer := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(7470223);
  WHILE m <= last_month LOOP
    part := format('audit_record_y%sm%s', to_char(m, 'YYYY'), to_char(m, 'MM'));
    IF to_regclass(part) IS NULL THEN
      EXECUTE format('CREATE TABLE %I PARTITION OF audit_record FOR VALUES FROM (%L) TO (%L)', part,
        m::timestamp AT TIME ZONE 'Asia/Shanghai', (m + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai');
      -- Default privileges would give the application role UPDATE/DELETE on the partition itself.
      EXECUTE format('REVOKE ALL ON %I FROM PUBLIC, gdx_app', part);
      EXECUTE format('CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()', part);
      -- Sealing updates every row once: vacuum often, so the unsealed index does not fill with dead entries.
      EXECUTE format('ALTER TABLE %I SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 20000)', part);
      created := created + 1;
    END IF;
    m := (m + interval '1 month')::date;
  END LOOP;
  RETURN created;
END $$;

SELECT audit_ensure_partitions(3, (SELECT min(at) AT TIME ZONE 'Asia/Shanghai' FROM audit_record_unpartitioned)::date);

INSERT INTO audit_record (id, at, actor_type, actor_id, actor_name, org_id, action, target_type, target_id, outcome, ip, request_id, detail)
SELECT id, at, actor_type, actor_id, actor_name, org_id, action, target_type, target_id, outcome, ip, request_id, detail
FROM audit_record_unpartitioned ORDER BY id;
SELECT setval('audit_record_id_seq', coalesce((SELECT max(id) FROM audit_record_unpartitioned), 0) + 1, false);
DROP TABLE audit_record_unpartitioned;

CREATE TRIGGER audit_record_append_only BEFORE UPDATE OR DELETE ON audit_record
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record
  FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

-- The head of the chain: the last sealed record, or — should every sealed record have been archived
-- and dropped — the end of the last dropped range.
CREATE FUNCTION audit_chain_head(OUT seq bigint, OUT hash text)
LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
BEGIN
  SELECT r.seal_seq, r.hash INTO seq, hash FROM audit_record r WHERE r.seal_seq IS NOT NULL ORDER BY r.seal_seq DESC LIMIT 1;
  IF seq IS NULL THEN
    SELECT (e->>1)::bigint, a.end_hashes->>(e->>1) INTO seq, hash
      FROM audit_archive a, jsonb_array_elements(a.seq_ranges) e
     WHERE a.dropped_at IS NOT NULL ORDER BY (e->>1)::bigint DESC LIMIT 1;
  END IF;
END $$;

-- Seals committed records in the given order after the current head; the hashes come from the
-- application, the positions and links are assigned here, under one lock, so no two sealers interleave.
-- One UPDATE per record, each finding its row through the primary key (a set-wise join lets the planner
-- scan the whole unsealed backlog for every batch: quadratic in a backlog).
CREATE FUNCTION audit_seal(p_ids bigint[], p_hashes text[], p_prev text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  head record;
  wanted integer := coalesce(array_length(p_ids, 1), 0);
  base bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(7470222);
  SELECT * INTO head FROM audit_chain_head();
  IF head.hash IS DISTINCT FROM p_prev THEN
    RAISE EXCEPTION '审计链头已变化 / the audit chain head moved (expected %, found %)', p_prev, head.hash
      USING ERRCODE = 'serialization_failure';
  END IF;
  base := coalesce(head.seq, 0);
  FOR i IN 1..wanted LOOP
    UPDATE audit_record SET seal_seq = base + i, prev_hash = CASE WHEN i = 1 THEN p_prev ELSE p_hashes[i - 1] END, hash = p_hashes[i]
     WHERE id = p_ids[i]; -- no "seal_seq IS NULL" here: it would steer the planner to the unsealed index; the trigger refuses a re-seal
    IF NOT FOUND THEN
      RAISE EXCEPTION '记录 % 不存在 / record % does not exist', p_ids[i], p_ids[i] USING ERRCODE = 'serialization_failure';
    END IF;
  END LOOP;
  RETURN base + wanted;
END $$;

CREATE TABLE audit_checkpoint (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at         timestamptz NOT NULL,
  seal_seq   bigint NOT NULL,
  head_hash  text NOT NULL,
  key_id     text NOT NULL,
  public_key text NOT NULL,
  signature  text NOT NULL,
  created_by text
);
COMMENT ON TABLE audit_checkpoint IS '审计链检查点 / signed statement: the chain had seal_seq records, the last hashing to head_hash, at time at (Ed25519, platform audit key)';
COMMENT ON COLUMN audit_checkpoint.public_key IS '签名公钥 (PEM) / public key that signed it; trust it only if its key_id is the published one';
CREATE INDEX audit_checkpoint_seq ON audit_checkpoint (seal_seq);

CREATE TABLE audit_archive (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  month       text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  archived_at timestamptz NOT NULL DEFAULT now(),
  records     bigint NOT NULL,
  seq_ranges  jsonb NOT NULL,
  end_hashes  jsonb NOT NULL,
  file_sha256 text NOT NULL,
  key_id      text NOT NULL,
  signature   text NOT NULL,
  file_name   text,
  created_by  text,
  dropped_at  timestamptz
);
COMMENT ON TABLE audit_archive IS '审计归档 / a month of the audit trail written to a signed file; dropped_at: its partition left the database (retention ≥ 6 months)';
COMMENT ON COLUMN audit_archive.seq_ranges IS '链序号区间 / [[from, to], …] seal positions of the month; end_hashes: hash ending each range, so the chain can be followed across a dropped month';
CREATE INDEX audit_archive_month ON audit_archive (month);

CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON audit_checkpoint
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
  FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_archive_append_only BEFORE UPDATE OR DELETE ON audit_archive
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_archive_no_truncate BEFORE TRUNCATE ON audit_archive
  FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

-- The one way a month leaves the database: archived (signed file), every record of it older than six
-- months, sealed, and exactly the seal positions the signed archive lists. Detaches and drops the
-- partition and marks the archive dropped, so verification steps over the month via its end hashes.
CREATE FUNCTION audit_drop_month(p_month text, p_archive_id bigint) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  archive audit_archive;
  first_day date := to_date(p_month || '-01', 'YYYY-MM-DD');
  part text := format('audit_record_y%sm%s', substr(p_month, 1, 4), substr(p_month, 6, 2));
  held bigint;
  unsealed bigint;
  ranges jsonb;
  stray bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(7470222);
  SELECT * INTO archive FROM audit_archive WHERE id = p_archive_id AND month = p_month AND dropped_at IS NULL;
  IF NOT FOUND THEN
    RAISE EXCEPTION '% 没有可用的归档 % / month % has no archive %', p_month, p_archive_id, p_month, p_archive_id USING ERRCODE = 'check_violation';
  END IF;
  IF now() < (first_day + interval '7 months')::timestamp AT TIME ZONE 'Asia/Shanghai' THEN
    RAISE EXCEPTION '% 的审计记录未满六个月，不得删除 / records of % are not yet six months old', p_month, p_month USING ERRCODE = 'check_violation';
  END IF;
  IF to_regclass(part) IS NULL THEN
    RAISE EXCEPTION '分区 % 不存在 / partition % does not exist', part, part USING ERRCODE = 'check_violation';
  END IF;
  SELECT count(*) INTO stray FROM audit_record_default
   WHERE at >= first_day::timestamp AT TIME ZONE 'Asia/Shanghai' AND at < (first_day + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai';
  EXECUTE format($q$SELECT count(*), count(*) FILTER (WHERE seal_seq IS NULL),
      coalesce((SELECT jsonb_agg(jsonb_build_array(lo, hi) ORDER BY lo) FROM (
        SELECT min(seal_seq) lo, max(seal_seq) hi FROM (
          SELECT seal_seq, seal_seq - row_number() OVER (ORDER BY seal_seq) AS island FROM %I WHERE seal_seq IS NOT NULL) s
        GROUP BY island) g), '[]'::jsonb)
    FROM %I$q$, part, part) INTO held, unsealed, ranges;
  IF held <> archive.records OR unsealed > 0 OR stray > 0 OR ranges <> archive.seq_ranges THEN
    RAISE EXCEPTION '分区 % 与归档 % 不一致（% 条，归档 % 条，未封存 %）/ partition % does not match archive % (% records, archived %, unsealed %)',
      part, archive.id, held, archive.records, unsealed, part, archive.id, held, archive.records, unsealed USING ERRCODE = 'check_violation';
  END IF;
  EXECUTE format('ALTER TABLE audit_record DETACH PARTITION %I', part);
  EXECUTE format('DROP TABLE %I', part);
  UPDATE audit_archive SET dropped_at = now() WHERE id = archive.id;
  RETURN held;
END $$;

-- Privileges of the application role (used when GDX_DB_ROLE=gdx_app, docs/audit.md): read and write every
-- table, present and future (later migrations, demo schemas), but on the audit tables only SELECT and
-- INSERT of the content columns — never UPDATE, DELETE or TRUNCATE.
-- Every schema of this database's owner counts: the demo's 前置库 tables live in qzk_* schemas.
DO $$
DECLARE nsp text;
BEGIN
  FOR nsp IN SELECT nspname FROM pg_namespace
              WHERE nspowner = (SELECT oid FROM pg_roles WHERE rolname = current_user) OR nspname = 'public' LOOP
    IF nsp NOT LIKE 'pg\_%' AND nsp <> 'information_schema' THEN
      EXECUTE format('GRANT USAGE ON SCHEMA %I TO gdx_app', nsp);
      EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO gdx_app', nsp);
      EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %I TO gdx_app', nsp);
    END IF;
  END LOOP;
END $$;
ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS TO gdx_app;
ALTER DEFAULT PRIVILEGES GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO gdx_app;
ALTER DEFAULT PRIVILEGES GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO gdx_app;
DO $$
DECLARE part text;
BEGIN
  FOR part IN SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
               WHERE i.inhparent = 'audit_record'::regclass LOOP
    EXECUTE format('REVOKE ALL ON %I FROM PUBLIC, gdx_app', part);
  END LOOP;
END $$;
REVOKE ALL ON audit_record, audit_checkpoint, audit_archive FROM PUBLIC, gdx_app;
GRANT SELECT ON audit_record, audit_checkpoint, audit_archive TO gdx_app;
GRANT INSERT (actor_type, actor_id, actor_name, org_id, action, target_type, target_id, outcome, ip, request_id, detail)
  ON audit_record TO gdx_app;
GRANT INSERT (at, seal_seq, head_hash, key_id, public_key, signature, created_by) ON audit_checkpoint TO gdx_app;
REVOKE ALL ON FUNCTION audit_seal(bigint[], text[], text), audit_ensure_partitions(integer, date),
  audit_drop_month(text, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_seal(bigint[], text[], text), audit_ensure_partitions(integer, date) TO gdx_app;
