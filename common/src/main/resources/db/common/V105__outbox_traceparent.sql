-- Traces (issue 12): the W3C trace context of the request or event that wrote the row, taken at write time, so the
-- relay can continue that trace when it publishes the row (Kafka header `traceparent`) and the consumer after it.
-- Null when tracing is off or the write had no trace. Holds trace and span ids only, nothing about the data.
alter table outbox_event add column traceparent varchar(128);
