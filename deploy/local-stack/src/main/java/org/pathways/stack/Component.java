package org.pathways.stack;

/** One part of the local stack: PostgreSQL, the Kafka broker, Keycloak or one of our services. */
public interface Component {

    String name();

    /** True if our process for it is alive (whether or not it is ready yet). */
    boolean isRunning();

    /** True if it answers as it should (accepts connections, serves the realm, reports UP). */
    boolean isReady();

    /** Starts it (cleaning any orphan first) and returns once it is ready; throws with the log tail if it is not. */
    void start() throws Exception;

    void stop();

    /** One line for the status table: where to reach it. */
    String endpoint();

    ManagedProcess process();
}
