package cn.resettle.common.outbox;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * On Kubernetes the broker takes only authenticated clients (SASL_SSL, deploy/k8s): the relay's own producer must
 * get the same security settings as the SmallRye channels, from the environment the Deployment sets.
 */
class OutboxRelaySettingsTest {

    @Test
    void relayTakesTheBrokersSecuritySettingsFromTheEnvironmentLikeTheChannels() {
        String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"community-service\" password=\"s3cret\";";
        SmallRyeConfig cfg = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SASL_JAAS_CONFIG", jaas,
                "KAFKA_SSL_TRUSTSTORE_TYPE", "PEM",
                "kafka.ssl.truststore.location", "/etc/resettle/kafka-ca/ca.crt",
                "KAFKA_GROUP_ID", "community-service",
                "KAFKA_BOOTSTRAP_SERVERS", "resettle-kafka-kafka-bootstrap:9093",
                "quarkus.http.port", "8080"), "env", 300)).build();

        Properties p = OutboxRelay.connectionSettings(cfg);

        assertEquals("SASL_SSL", p.getProperty("security.protocol"));
        assertEquals("SCRAM-SHA-512", p.getProperty("sasl.mechanism"));
        assertEquals(jaas, p.getProperty("sasl.jaas.config"));
        assertEquals("PEM", p.getProperty("ssl.truststore.type"));
        assertEquals("/etc/resettle/kafka-ca/ca.crt", p.getProperty("ssl.truststore.location"));
        // only connection security: the relay keeps its own producer settings and takes no consumer setting
        assertFalse(p.containsKey("group.id"));
        assertFalse(p.containsKey("bootstrap.servers"));
        assertEquals(5, p.size(), p.toString());
    }

    @Test
    void nothingAddedWhenTheBrokerIsPlain() {
        SmallRyeConfig cfg = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "kafka.bootstrap.servers", "localhost:9092"), "app", 100)).build();
        assertEquals(0, OutboxRelay.connectionSettings(cfg).size());
    }
}
