package cn.resettle.common.validation;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Chinese resident identity numbers (GB 11643-1999): 6-digit division code, 8-digit birth date, 3-digit sequence
 * (odd for men, even for women) and an ISO 7064 MOD 11-2 check character (0-9 or X).
 */
public final class CitizenIds {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    private static final LocalDate EARLIEST = LocalDate.of(1890, 1, 1);

    private CitizenIds() {
    }

    public enum Problem {
        LENGTH("must be 18 characters"),
        CHARACTERS("must be 17 digits followed by a digit or X"),
        REGION("does not start with a valid province code"),
        BIRTH_DATE("does not contain a real birth date"),
        CHECK_DIGIT("check digit is wrong");

        public final String message;

        Problem(String message) {
            this.message = message;
        }
    }

    /** Empty when the number is valid, otherwise the first thing wrong with it. */
    public static Optional<Problem> check(String id, LocalDate today) {
        if (id == null || id.length() != 18) {
            return Optional.of(Problem.LENGTH);
        }
        for (int i = 0; i < 17; i++) {
            if (!Character.isDigit(id.charAt(i)) || id.charAt(i) > '9') {
                return Optional.of(Problem.CHARACTERS);
            }
        }
        char last = Character.toUpperCase(id.charAt(17));
        if (!(last >= '0' && last <= '9') && last != 'X') {
            return Optional.of(Problem.CHARACTERS);
        }
        if (!DivisionCodes.isProvince(id.substring(0, 2))) {
            return Optional.of(Problem.REGION);
        }
        LocalDate birth = parseBirth(id);
        if (birth == null || birth.isBefore(EARLIEST) || birth.isAfter(today)) {
            return Optional.of(Problem.BIRTH_DATE);
        }
        if (checkChar(id) != last) {
            return Optional.of(Problem.CHECK_DIGIT);
        }
        return Optional.empty();
    }

    public static boolean isValid(String id) {
        return check(id, LocalDate.now()).isEmpty();
    }

    public static char checkChar(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    /**
     * The check character of the 17 ASCII digits at {@code b[start..start+16]}, or 0 if one of them is not a digit:
     * the same table for readers that check ID numbers byte by byte (screening's fast CSV path).
     */
    public static byte checkByte(byte[] b, int start) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int d = b[start + i] - '0';
            if (d < 0 || d > 9) {
                return 0;
            }
            sum += d * WEIGHTS[i];
        }
        return (byte) CHECK[sum % 11];
    }

    public static LocalDate birthDate(String id) {
        return parseBirth(id);
    }

    /** "M" or "F" from the sequence number's parity. */
    public static String gender(String id) {
        return (id.charAt(16) - '0') % 2 == 1 ? "M" : "F";
    }

    /** Upper-cases the check character so the same person is never stored twice as ...x and ...X. */
    public static String normalize(String id) {
        return id == null ? null : id.trim().toUpperCase();
    }

    private static LocalDate parseBirth(String id) {
        try {
            return LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }
}
