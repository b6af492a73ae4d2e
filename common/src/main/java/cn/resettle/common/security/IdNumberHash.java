package cn.resettle.common.security;

import cn.resettle.common.validation.CitizenIds;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * The keyed hash of an ID number: HMAC-SHA256 of the normalised number (trimmed, check character upper-cased) with
 * the secret {@code resettle.privacy.id-hash-key} (env {@code RESETTLE_PRIVACY_ID_HASH_KEY}), as 64 lower-case hex
 * digits. Community events carry it instead of the clear number; the registry copies keep it to tell people apart
 * and monitoring matches a department's screening file on it. Without the key the hash cannot be reversed by trying
 * the few billion possible ID numbers. Every service must be given the same key; the built-in value is for developer
 * machines and tests only and is logged as a warning outside them.
 */
@ApplicationScoped
public class IdNumberHash {

    public static final String KEY_PROPERTY = "resettle.privacy.id-hash-key";
    /** Developer and test default. Production sets its own secret (docs/operations.md). */
    public static final String DEV_KEY = "resettle-dev-only-id-hash-key-change-me";
    private static final Logger LOG = Logger.getLogger(IdNumberHash.class);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final byte[] key;

    public IdNumberHash() {
        this(ConfigProvider.getConfig().getOptionalValue(KEY_PROPERTY, String.class).orElse(DEV_KEY));
    }

    public IdNumberHash(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalStateException(KEY_PROPERTY + " is empty");
        }
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    void warnOnDevKey(@Observes StartupEvent e) {
        if (LaunchMode.current() == LaunchMode.NORMAL && java.util.Arrays.equals(key, DEV_KEY.getBytes(StandardCharsets.UTF_8))) {
            LOG.warn(KEY_PROPERTY + " is the developer default: set RESETTLE_PRIVACY_ID_HASH_KEY to a secret "
                    + "(the same in every service) before real data is entered");
        }
    }

    /** The keyed hash of an ID number, or null for null. */
    public String of(String idNumber) {
        if (idNumber == null) {
            return null;
        }
        return hex(newMac().doFinal(CitizenIds.normalize(idNumber).getBytes(StandardCharsets.US_ASCII)));
    }

    /** A Mac ready for this key, for a hot loop on one thread (a Mac is not thread-safe). */
    public Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the 64 hex digits of {@code hash} at {@code o[op]}; returns the new position. */
    public static int hex(byte[] hash, byte[] o, int op) {
        for (byte b : hash) {
            o[op++] = (byte) HEX[(b >> 4) & 0xf];
            o[op++] = (byte) HEX[b & 0xf];
        }
        return op;
    }

    public static String hex(byte[] hash) {
        byte[] o = new byte[hash.length * 2];
        hex(hash, o, 0);
        return new String(o, StandardCharsets.US_ASCII);
    }
}
