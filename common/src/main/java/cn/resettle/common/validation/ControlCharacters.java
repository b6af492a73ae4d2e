package cn.resettle.common.validation;

/**
 * Text from outside must not carry control characters: PostgreSQL refuses NUL outright (a 500 before this
 * check), and the others (bell, escape, form feed, DEL …) only corrupt ledgers and exports. Tab, line feed and
 * carriage return stay allowed, since notes and addresses are typed on several lines.
 */
public final class ControlCharacters {

    public static final String MESSAGE = "must not contain control characters (such as NUL) / 不得包含控制字符";

    private ControlCharacters() {
    }

    public static boolean isForbidden(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
    }

    /** Whether {@code s} contains a forbidden control character; null is fine. */
    public static boolean present(CharSequence s) {
        if (s == null) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (isForbidden(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
