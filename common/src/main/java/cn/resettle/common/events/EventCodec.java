package cn.resettle.common.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Turns payload records into envelopes and back, with the application's ObjectMapper (ISO dates, no nulls). */
@ApplicationScoped
public class EventCodec {

    private final ObjectMapper mapper;

    @Inject
    public EventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public static EventType typeOf(Object payload) {
        EventType t = payload.getClass().getAnnotation(EventType.class);
        if (t == null) {
            throw new IllegalArgumentException(payload.getClass().getName() + " is not annotated with @EventType");
        }
        return t;
    }

    public JsonNode toTree(Object payload) {
        return mapper.valueToTree(payload);
    }

    public String write(EventEnvelope envelope) {
        try {
            return mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise event " + envelope.type(), e);
        }
    }

    /** Parses a record value; anything that is not a usable envelope is a {@link MalformedEventException}. */
    public EventEnvelope read(String json) {
        try {
            EventEnvelope e = mapper.readValue(json, EventEnvelope.class);
            if (e.id() == null || e.type() == null || e.data() == null) {
                throw new MalformedEventException("event without id, type or data");
            }
            return e;
        } catch (JsonProcessingException ex) {
            throw new MalformedEventException("not a CloudEvents JSON envelope: " + ex.getOriginalMessage());
        }
    }

    public <T> T data(EventEnvelope envelope, Class<T> type) {
        try {
            return mapper.treeToValue(envelope.data(), type);
        } catch (JsonProcessingException | IllegalArgumentException ex) {
            throw new MalformedEventException("payload of " + envelope.type() + " does not match " + type.getSimpleName()
                    + ": " + ex.getMessage());
        }
    }

    /** A record that can never be processed, however often it is retried: it goes straight to the dead letters. */
    public static class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message) {
            super(message);
        }
    }
}
