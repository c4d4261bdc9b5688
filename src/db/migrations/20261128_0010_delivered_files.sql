-- 文件共享 (§17 文件（或文件夹）共享; issue 4 items 1(c) and 5): files a provider mounts for a published
-- entry, kept in the database in chunks (one backup, one transaction story, works on PGlite — see
-- docs/api-files.md), every version kept; and one delivery record per file handed to a consumer,
-- named by the trace mark inside the delivered bytes (§38, §39; security rules §24 可追溯).

CREATE TABLE entry_file (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entry_id       uuid NOT NULL REFERENCES catalog_entry (id),
  name           text NOT NULL,
  version        integer,
  state          text NOT NULL DEFAULT 'uploading' CHECK (state IN ('uploading', 'stored')),
  kind           text NOT NULL CHECK (kind IN ('csv', 'xlsx', 'pdf', 'other')),
  media_type     text NOT NULL,
  bytes          bigint NOT NULL DEFAULT 0,
  sha256         text,
  encoding       text,
  header         text[],
  structured     boolean NOT NULL DEFAULT false,
  uploaded_by    uuid NOT NULL REFERENCES app_user (id),
  uploaded_at    timestamptz NOT NULL DEFAULT now(),
  retired_at     timestamptz,
  retired_by     uuid REFERENCES app_user (id),
  retire_reason  text,
  CHECK ((state = 'stored') = (version IS NOT NULL AND sha256 IS NOT NULL))
);
COMMENT ON TABLE entry_file IS '挂接文件 / a file (one version of a name) mounted for a catalog entry (§17); the current version of a name is its highest stored, unretired one';
COMMENT ON COLUMN entry_file.version IS '版本号，同名文件重新上传即为新版本 / version within the name; set when the upload completes';
COMMENT ON COLUMN entry_file.state IS '上传中 / uploading (chunks arriving) → 已存储 / stored';
COMMENT ON COLUMN entry_file.kind IS '文件类型 / csv | xlsx | pdf | other: decides projection, trace carrier and watermark';
COMMENT ON COLUMN entry_file.sha256 IS '原文件 SHA-256 校验值 / checksum of the uploaded bytes';
COMMENT ON COLUMN entry_file.encoding IS 'CSV 文本编码 / utf-8 or gb18030 (CSV only)';
COMMENT ON COLUMN entry_file.header IS '表头行 / header row of a CSV or of the first sheet of an XLSX';
COMMENT ON COLUMN entry_file.structured IS '表头含数据项：按授权投影脱敏交付 / header names data items: delivered projected and masked';
COMMENT ON COLUMN entry_file.retired_at IS '停用时间：停用后不再提供 / retired: no longer delivered (all versions of the name)';
CREATE UNIQUE INDEX entry_file_version ON entry_file (entry_id, name, version) WHERE version IS NOT NULL;
CREATE INDEX entry_file_entry ON entry_file (entry_id, name);

CREATE TABLE entry_file_chunk (
  file_id  uuid NOT NULL REFERENCES entry_file (id) ON DELETE CASCADE,
  seq      integer NOT NULL,
  data     bytea NOT NULL,
  PRIMARY KEY (file_id, seq)
);
COMMENT ON TABLE entry_file_chunk IS '文件内容分块 / the file''s bytes in order, 1 MiB per row, streamed in and out';

CREATE TABLE file_delivery (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  started_at        timestamptz NOT NULL DEFAULT now(),
  grant_id          uuid NOT NULL REFERENCES share_grant (id),
  entry_id          uuid NOT NULL REFERENCES catalog_entry (id),
  consumer_id       uuid NOT NULL REFERENCES org (id),
  file_id           uuid REFERENCES entry_file (id),
  export_format     text CHECK (export_format IN ('csv', 'xlsx')),
  app_id            uuid,
  user_id           uuid,
  mode              text NOT NULL CHECK (mode IN ('project', 'whole')),
  watermark         boolean NOT NULL,
  outcome           text NOT NULL DEFAULT 'started' CHECK (outcome IN ('started', 'completed', 'aborted')),
  completed_at      timestamptz,
  sha256            text,
  bytes             bigint,
  rows              integer,
  access_record_id  bigint,
  CHECK ((file_id IS NULL) <> (export_format IS NULL))
);
COMMENT ON TABLE file_delivery IS '文件交付记录 / one file handed to a consumer under a grant; written before the first byte, completed with the checksum of the delivered bytes; its id is in the file''s trace mark';
COMMENT ON COLUMN file_delivery.file_id IS '交付的挂接文件；为空时为库表导出 / the mounted file delivered; NULL for a table export';
COMMENT ON COLUMN file_delivery.export_format IS '库表导出格式 / csv | xlsx for a table export';
COMMENT ON COLUMN file_delivery.sha256 IS '交付字节的 SHA-256 / checksum of the bytes delivered (differs per delivery: the trace mark is inside)';
CREATE INDEX file_delivery_grant ON file_delivery (grant_id, started_at);
CREATE INDEX file_delivery_sha256 ON file_delivery (sha256);

ALTER TABLE access_record ADD COLUMN sha256 text;
ALTER TABLE access_record ADD COLUMN user_id uuid;
ALTER TABLE access_record ADD COLUMN delivery_id uuid;
COMMENT ON COLUMN access_record.sha256 IS '交付内容的 SHA-256（文件渠道）/ checksum of the delivered bytes (file channel)';
COMMENT ON COLUMN access_record.user_id IS '经网页下载的用户 / the user who downloaded from the web (file channel); apps are in app_id';
COMMENT ON COLUMN access_record.delivery_id IS '文件交付记录 / the file_delivery this record completes';
