-- The trace of what recorded an outbox event (the request, or the event being applied), as a W3C traceparent
-- (00-<trace id>-<span id>-<flags>); the relay sends the event as that trace's child, so that one trace follows a lead
-- across services (docs/operations.md, "Tracing"). Null when tracing is off.
alter table outbox_event add column traceparent text;
