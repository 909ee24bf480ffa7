package org.pathways.platform.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class KafkaConnectionTest {

    /** A secured cluster's settings reach our own clients; a consumer's settings do not reach a producer. */
    @Test
    void keepsConnectionAndSecuritySettingsOnly() {
        Properties p = KafkaConnection.settings(Map.of(
                "bootstrap.servers", "pathways-kafka-kafka-bootstrap:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";",
                "ssl.truststore.type", "PEM",
                "ssl.truststore.location", "/etc/pathways/kafka-ca/ca.crt",
                "group.id", "notification-service",
                "key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer"));
        assertEquals(6, p.size(), p.toString());
        assertEquals("SASL_SSL", p.getProperty("security.protocol"));
        assertEquals("/etc/pathways/kafka-ca/ca.crt", p.getProperty("ssl.truststore.location"));
        assertEquals(null, p.getProperty("group.id"));
    }

    @Test
    void plainLocalStackIsJustTheBootstrap() {
        assertEquals(Map.of("bootstrap.servers", "127.0.0.1:25092"), Map.copyOf(KafkaConnection.settings(Map.of("bootstrap.servers", "127.0.0.1:25092"))));
    }
}
