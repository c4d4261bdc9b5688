-- A request's steps in the order they were opened. started_at alone ties when two steps open in the
-- same instant — a returned review closed and the step ending the request (§19 withdrawal) — and the
-- random id then shuffled the timeline. The sequence breaks the tie by creation order.

ALTER TABLE share_request_step ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
COMMENT ON COLUMN share_request_step.seq IS 'creation order: the timeline''s order among steps started at the same instant';
