package cn.resettle.common.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.util.Arrays;
import java.util.Optional;

/** Finds a service's {@link InboxHandler} by channel, or by a topic its channel consumes. */
@ApplicationScoped
public class InboxHandlers {

    @Inject
    @Any
    Instance<InboxHandler> handlers;
    @Inject
    Config config;

    public Optional<InboxHandler> byChannel(String channel) {
        return handlers.stream().filter(h -> h.channel().equals(channel)).findFirst();
    }

    public Optional<InboxHandler> byTopic(String topic) {
        return handlers.stream().filter(h -> topics(h.channel()).anyMatch(topic::equals)).findFirst();
    }

    private java.util.stream.Stream<String> topics(String channel) {
        String prefix = "mp.messaging.incoming." + channel + ".";
        String list = config.getOptionalValue(prefix + "topics", String.class)
                .or(() -> config.getOptionalValue(prefix + "topic", String.class)).orElse(channel);
        return Arrays.stream(list.split(",")).map(String::trim);
    }
}
