-- 挂接文件的加密存储与销毁 (security rules §21, §23 加密存储; §29 数据销毁): chunks of files of entries whose
-- grade requires encryption at rest are stored encrypted, one envelope per chunk naming its key, so key
-- rotation re-seals them (src/modules/security/sealed-columns.ts); a file destroyed under an approved
-- destruction keeps its metadata row (deliveries and trace lookups refer to it) and loses its bytes.

ALTER TABLE entry_file ADD COLUMN sealed boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN entry_file.sealed IS '分块加密存储 / chunks are encrypted envelopes (encryptBytes) because the entry''s grade requires encryption at rest (Sec §23); sha256 and bytes stay those of the plaintext';

ALTER TABLE entry_file ADD COLUMN destroyed_at timestamptz;
ALTER TABLE entry_file ADD COLUMN destruction_id uuid REFERENCES destruction_request (id);
COMMENT ON COLUMN entry_file.destroyed_at IS '销毁时间：内容分块已删除，元数据留存供追溯 / destroyed: chunks deleted, the row kept for delivery records and trace lookups (Sec §29)';
COMMENT ON COLUMN entry_file.destruction_id IS '依据的销毁申请 / the approved destruction that deleted it';

ALTER TABLE entry_file DROP CONSTRAINT entry_file_state_check;
ALTER TABLE entry_file ADD CONSTRAINT entry_file_state_check CHECK (state IN ('uploading', 'stored', 'destroyed'));
ALTER TABLE entry_file DROP CONSTRAINT entry_file_check;
ALTER TABLE entry_file ADD CONSTRAINT entry_file_check CHECK ((state IN ('stored', 'destroyed')) = (version IS NOT NULL AND sha256 IS NOT NULL));
ALTER TABLE entry_file ADD CONSTRAINT entry_file_destroyed_check CHECK ((state = 'destroyed') = (destroyed_at IS NOT NULL));
COMMENT ON COLUMN entry_file.state IS '上传中 / uploading (chunks arriving) → 已存储 / stored → 已销毁 / destroyed (Sec §29)';

ALTER TABLE destruction_request DROP CONSTRAINT destruction_request_method_check;
ALTER TABLE destruction_request ADD CONSTRAINT destruction_request_method_check
  CHECK (method IN ('delete_rows', 'drop_synced_copy', 'attested_deletion', 'delete_stored_files'));
COMMENT ON COLUMN destruction_request.files IS 'files to destroy: [{name, bytes, sha256}], with fileId and version when they are files the platform stores (method delete_stored_files)';
