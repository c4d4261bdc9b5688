-- Holiday schedules of years beyond the shipped official ones (gdx calendar import), and the
-- authority's platform settings such as the catalog coding rule (§13 编码规范).

CREATE TABLE calendar_year (
  year        integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2200),
  holidays    date[] NOT NULL,
  workdays    date[] NOT NULL,
  source      text,
  imported_at timestamptz NOT NULL DEFAULT now(),
  imported_by text NOT NULL
);
COMMENT ON TABLE calendar_year IS '节假日安排 / a year''s official holiday schedule: holidays and 调休 make-up workdays';

CREATE TABLE platform_setting (
  key        text PRIMARY KEY,
  value      jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL
);
COMMENT ON TABLE platform_setting IS '平台设置 / settings owned by the authority, e.g. catalog.codingRule (§13)';
