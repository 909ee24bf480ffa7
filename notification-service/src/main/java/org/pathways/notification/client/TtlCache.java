package org.pathways.notification.client;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A small time-bounded cache for lookups (routing, users). Brief on purpose: a SPOC change or a new user is seen within
 * the TTL even without an event; a value is never served after it.
 */
public final class TtlCache<K, V> {

    private record Entry<V>(V value, long expiresAtNanos) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;

    public TtlCache(Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    public V get(K key, Function<K, V> loader) {
        long now = System.nanoTime();
        Entry<V> e = entries.get(key);
        if (e != null && now - e.expiresAtNanos() < 0) return e.value();
        V value = loader.apply(key);
        if (entries.size() > 10_000) entries.clear();
        entries.put(key, new Entry<>(value, now + ttlNanos));
        return value;
    }

    public void invalidate(K key) {
        entries.remove(key);
    }

    public void clear() {
        entries.clear();
    }
}
