package cn.resettle.common.security;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens this service has already verified (signature against the realm's keys, issuer, audience, expiry),
 * kept until they expire but at most {@code resettle.security.token-cache.ttl} (default 60 s; 0 turns the cache off):
 * a caller's next requests with the same token skip the RS256 check and the claims parsing, which the province
 * benchmark's profile showed as a third of community-service's CPU per list request (docs/benchmarks.md). The roles,
 * the data scope and the audit still come from the token's claims on every request; only the signature check is
 * not repeated. The gateway holds a copy (it does not depend on common's runtime).
 * <p>
 * The {@link Mechanism} answers a bearer token it knows before quarkus-oidc's mechanism is asked (a higher priority);
 * an unknown token gets no answer, so quarkus-oidc verifies it as before, and {@link Remember} (an augmentor, run on
 * every identity quarkus-oidc produced) keeps it. A token that failed is never kept; an expired one is never answered.
 */
public final class VerifiedTokens {

    private VerifiedTokens() {
    }

    record Entry(SecurityIdentity identity, long until) {
    }

    @ApplicationScoped
    public static class Cache {
        @ConfigProperty(name = "resettle.security.token-cache.ttl", defaultValue = "60s")
        Duration ttl;
        @ConfigProperty(name = "resettle.security.token-cache.max-size", defaultValue = "10000")
        int maxSize;

        private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

        boolean enabled() {
            return maxSize > 0 && !ttl.isZero();
        }

        SecurityIdentity get(String token) {
            Entry e = entries.get(token);
            if (e == null) {
                return null;
            }
            if (System.currentTimeMillis() >= e.until()) {
                entries.remove(token, e);
                return null;
            }
            return e.identity();
        }

        void put(String token, SecurityIdentity identity) {
            long now = System.currentTimeMillis();
            long until = now + ttl.toMillis();
            if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0) {
                until = Math.min(until, jwt.getExpirationTime() * 1000L);
            }
            if (until <= now) {
                return;
            }
            if (entries.size() >= maxSize) {
                entries.values().removeIf(x -> now >= x.until());
                if (entries.size() >= maxSize) {
                    entries.clear();
                }
            }
            entries.put(token, new Entry(detached(identity), until));
        }

        /** The identity without what belongs to the request that verified it (quarkus-oidc keeps its RoutingContext). */
        static SecurityIdentity detached(SecurityIdentity identity) {
            QuarkusSecurityIdentity.Builder b = QuarkusSecurityIdentity.builder()
                    .setPrincipal(identity.getPrincipal()).addRoles(identity.getRoles()).addCredentials(identity.getCredentials());
            identity.getAttributes().forEach((k, v) -> {
                if (!(v instanceof RoutingContext) && !k.contains("RoutingContext")) {
                    b.addAttribute(k, v);
                }
            });
            return b.build();
        }
    }

    /** Answers a bearer token verified before (and not expired); otherwise no answer, and quarkus-oidc verifies it. */
    @ApplicationScoped
    public static class Mechanism implements HttpAuthenticationMechanism {
        final Cache cache;

        Mechanism(Cache cache) {
            this.cache = cache;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
            if (cache.enabled()) {
                String header = context.request().getHeader("Authorization");
                if (header != null && header.length() > 7 && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                    SecurityIdentity known = cache.get(header.substring(7).trim());
                    if (known != null) {
                        return Uni.createFrom().item(known);
                    }
                }
            }
            return Uni.createFrom().nullItem();
        }

        @Override
        public Uni<ChallengeData> getChallenge(RoutingContext context) {
            return Uni.createFrom().nullItem(); // quarkus-oidc's mechanism answers the challenge
        }

        @Override
        public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
            return Set.of();
        }

        @Override
        public int getPriority() {
            return DEFAULT_PRIORITY + 500; // before quarkus-oidc's
        }
    }

    /** Remembers what quarkus-oidc verified (a bearer access token; the identity it produced). */
    @ApplicationScoped
    public static class Remember implements SecurityIdentityAugmentor {
        final Cache cache;

        Remember(Cache cache) {
            this.cache = cache;
        }

        @Override
        public int priority() {
            return Integer.MIN_VALUE; // last: the identity as every other augmentor left it
        }

        @Override
        public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
            if (cache.enabled() && !identity.isAnonymous()) {
                AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
                if (token != null && token.getToken() != null && cache.get(token.getToken()) == null) {
                    cache.put(token.getToken(), identity);
                }
            }
            return Uni.createFrom().item(identity);
        }
    }
}
