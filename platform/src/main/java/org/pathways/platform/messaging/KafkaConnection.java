package org.pathways.platform.messaging;

import java.util.Map;
import java.util.Properties;

/**
 * How our own Kafka clients (the outbox relay's producer, dead-letter replay consumers) connect: the same settings the
 * messaging connector uses, from Quarkus' {@code default-kafka-broker} configuration ({@code kafka.*} properties and
 * {@code KAFKA_*} environment variables). Without this, a client built from {@code kafka.bootstrap.servers} alone cannot
 * reach a secured cluster (TLS and SCRAM on Strimzi, deploy/k8s) that the connector reaches fine.
 */
public final class KafkaConnection {

    private KafkaConnection() {
    }

    /** Only the connection and security keys: a producer must not inherit a consumer's group or deserializers. */
    public static Properties settings(Map<String, Object> defaultKafkaBroker) {
        Properties p = new Properties();
        defaultKafkaBroker.forEach((k, v) -> {
            if (v == null) return;
            if (k.equals("bootstrap.servers") || k.equals("client.dns.lookup") || k.equals("security.protocol")
                    || k.startsWith("ssl.") || k.startsWith("sasl.")) {
                p.put(k, v.toString());
            }
        });
        return p;
    }
}
