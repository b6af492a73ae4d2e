package cn.resettle.common.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A domain event as it travels on Kafka: CloudEvents 1.0 attributes in structured JSON mode.
 * <ul>
 *   <li>{@code id} is unique per event and is what consumers de-duplicate on;</li>
 *   <li>{@code type} is versioned ({@code cn.resettle.community.household.registered.v1});</li>
 *   <li>{@code source} names the producing service; {@code subject} the aggregate id, which is also the record key,
 *       so one household's events stay in one partition and in order.</li>
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventEnvelope(
        String specversion,
        UUID id,
        String type,
        String source,
        String subject,
        OffsetDateTime time,
        String datacontenttype,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";
}
