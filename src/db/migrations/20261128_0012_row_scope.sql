-- Structured row scope (共享范围, §27–§29): the requester states the rows it asks for in the request;
-- the grant's conditions.rowScope (set or narrowed by the provider) is what the delivery enforces.

ALTER TABLE share_request ADD COLUMN conditions jsonb NOT NULL DEFAULT '{}'::jsonb;
COMMENT ON COLUMN share_request.conditions IS '申请条件 / the rows asked for (§27): {rowScope: [{item, op: eq|in|prefix|gte|lte, values}], rowFilter: description}; the grant keeps it unless the provider narrows it (§29, §39)';
COMMENT ON COLUMN share_grant.conditions IS '授权条件 / conditions: {masking: {item: rule}, rowScope: [{item, op, values}] (enforced on every channel), rowFilter: its description, note}';
