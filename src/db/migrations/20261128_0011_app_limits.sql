-- Per-app rate limits and daily quotas of the governed API plane (issue 4; §38 接口访问安全, security
-- rules §24 访问控制): the city authority sets the defaults and the ceilings (platform_setting
-- 'delivery.appLimits'), a department's data steward may set one of its apps' limits up to the ceiling.
-- The data API and verification are limited separately. The daily quota is counted here, so several
-- server processes on this database share it; the per-second rate is kept per process (docs/api-sharing.md).

ALTER TABLE consumer_app
  ADD COLUMN secret_version integer NOT NULL DEFAULT 1,
  ADD COLUMN api_per_second integer CHECK (api_per_second > 0),
  ADD COLUMN api_per_day integer CHECK (api_per_day > 0),
  ADD COLUMN verify_per_second integer CHECK (verify_per_second > 0),
  ADD COLUMN verify_per_day integer CHECK (verify_per_day > 0);
COMMENT ON COLUMN consumer_app.secret_version IS '密钥版本 / raised by every rotation: a server process holding an older secret in memory refuses it at the next call';
COMMENT ON COLUMN consumer_app.api_per_second IS '数据接口每秒调用上限 / data API calls per second for this app; null = the platform default (never above the ceiling)';
COMMENT ON COLUMN consumer_app.api_per_day IS '数据接口每日调用配额 / data API calls per day (Asia/Shanghai); null = the platform default';
COMMENT ON COLUMN consumer_app.verify_per_second IS '核验每秒批次上限 / verification batches per second; null = the platform default';
COMMENT ON COLUMN consumer_app.verify_per_day IS '核验每日记录配额 / verified records per day; null = the platform default';

CREATE TABLE app_usage_day (
  app_id     uuid NOT NULL REFERENCES consumer_app (id),
  channel    text NOT NULL CHECK (channel IN ('api', 'verify')),
  day        date NOT NULL,
  leased     integer NOT NULL DEFAULT 0,
  last_lease integer NOT NULL DEFAULT 0,
  used       integer NOT NULL DEFAULT 0,
  PRIMARY KEY (app_id, channel, day)
);
COMMENT ON TABLE app_usage_day IS '应用每日用量 / an app''s daily quota of one channel: units handed to server processes (leased, never above the quota) and units used (written with the access records)';
COMMENT ON COLUMN app_usage_day.day IS 'the calendar day in Asia/Shanghai';
COMMENT ON COLUMN app_usage_day.leased IS 'units of today''s quota handed out to server processes in blocks; a process serves from its block, so the sum never exceeds the quota';
COMMENT ON COLUMN app_usage_day.last_lease IS 'size of the block handed out by the last lease (read back by the process that took it)';
COMMENT ON COLUMN app_usage_day.used IS 'units actually used: data API calls, or verified records';

INSERT INTO platform_setting (key, value, updated_by) VALUES ('delivery.appLimits',
  '{"defaults": {"api": {"perSecond": 50, "perDay": 100000}, "verify": {"perSecond": 10, "perDay": 100000}},
    "ceiling": {"api": {"perSecond": 500, "perDay": 5000000}, "verify": {"perSecond": 100, "perDay": 2000000}}}'::jsonb, 'migration')
ON CONFLICT (key) DO NOTHING;
