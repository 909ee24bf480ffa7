package org.pathways.platform.client;

import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;
import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;

import io.smallrye.faulttolerance.api.Guard;

/**
 * A service this one calls (another of our services, or Keycloak), and the one way a call to it is made: through a
 * SmallRye Fault Tolerance guard — a circuit breaker that answers at once while the dependency is known to be down
 * (half the last 10 calls failed; tried again after 5 s), and for idempotent reads one retry after 100 ms — with every
 * failure the same 503 problem, so a request that depends on it changes nothing and is never a 500. Timeouts are the
 * HTTP client's (connect and read timeouts in configuration). Logs name the dependency and the failure type only.
 */
public final class Dependency {

    private static final Logger LOG = Logger.getLogger(Dependency.class);

    /** Thrown inside a call to say the dependency failed (down, slow, refusing us, or an answer that makes no sense). */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String reason) {
            super(reason, null, false, false);
        }

        public Unavailable(Throwable cause) {
            super(cause.getClass().getSimpleName(), cause, false, false);
        }
    }

    private final String name;
    private final Guard guard;

    /**
     * @param name the dependency's name, as the 503 and the log say it (e.g. {@code directory-service})
     * @param idempotent whether calls only read, so a failed one may be retried once
     */
    public Dependency(String name, boolean idempotent) {
        this.name = name;
        var builder = Guard.create().withDescription("dependency-" + name)
                .withCircuitBreaker().requestVolumeThreshold(10).failureRatio(0.5).delay(5, ChronoUnit.SECONDS)
                .failOn(Unavailable.class).done();
        if (idempotent) {
            builder = builder.withRetry().maxRetries(1).delay(100, ChronoUnit.MILLIS).jitter(0, ChronoUnit.MILLIS)
                    .retryOn(Unavailable.class).done();
        }
        this.guard = builder.build();
    }

    /**
     * A call through a REST client: its answer; for a 404, {@code onNotFound}'s (null: the 404 is a failure too); any
     * other status or failure to answer, a 503 problem.
     */
    public <T> T call(Supplier<T> call, Supplier<T> onNotFound) {
        return guarded(() -> {
            try {
                return call.get();
            } catch (WebApplicationException e) {
                if (onNotFound != null && e.getResponse().getStatus() == 404) return onNotFound.get();
                throw new Unavailable("http-" + e.getResponse().getStatus());
            } catch (ProblemException | Unavailable e) {
                throw e;
            } catch (RuntimeException e) {
                throw new Unavailable(e);
            }
        });
    }

    /** A call that reports its own failures by throwing {@link Unavailable} (e.g. a plain HTTP client's). */
    @SuppressWarnings("unchecked")
    public <T> T guarded(Supplier<T> call) {
        try {
            return (T) guard.get(call::get, Object.class);
        } catch (Unavailable e) {
            LOG.warnf("%s unavailable: %s", name, e.getMessage());
            throw unavailable();
        } catch (CircuitBreakerOpenException e) {
            throw unavailable();
        }
    }

    /** The 503 problem a request gets when this dependency does not answer. */
    public ProblemException unavailable() {
        return new ProblemException(Problem.of(503, "dependency-unavailable", "Service unavailable",
                "A service this request depends on (" + name + ") did not answer; nothing was changed. Try again shortly."));
    }
}
