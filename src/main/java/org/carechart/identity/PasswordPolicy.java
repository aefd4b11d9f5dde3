package org.carechart.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a new password must be, after NIST SP 800-63B (5.1.1.2): long enough, not too long for bcrypt,
 * and not common, expected or breached-style; no composition rules (no "one digit, one symbol").
 * Refused: passwords on the shipped list ({@code identity/common-passwords.txt}), passwords whose
 * letters are a common word or a repetition of one once substitutions like {@code @->a, 0->o} are
 * undone ({@code P@ssw0rd2024!}), repetitive or sequential ones ({@code aaaaaaaaaaaa},
 * {@code abcabcabcabc}, {@code 123456789012}), and ones that contain the username.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = Passwords.MIN_LENGTH;

    private static final Set<String> COMMON = new HashSet<>();
    private static final Set<String> BASES = new HashSet<>();

    static {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("/identity/common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("identity/common-passwords.txt is missing from the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith("@base ")) {
                    BASES.add(line.substring(6).trim());
                } else if (!line.isBlank() && !line.startsWith("#")) {
                    COMMON.add(line.trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PasswordPolicy() {
    }

    /** Why this password may not be used, or empty when it may. */
    public static Optional<String> refusal(String password, String username) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("must be at least " + MIN_LENGTH + " characters");
        }
        if (!Passwords.fitsBcrypt(password)) {
            return Optional.of("must be at most " + Passwords.MAX_BYTES + " bytes in UTF-8");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        String compact = lower.replaceAll("\\s+", "");
        if (COMMON.contains(lower) || COMMON.contains(compact)) {
            return Optional.of("is too common: it is on the list of common and breached passwords");
        }
        if (password.codePoints().distinct().count() < 4 || repeatsAShortPart(compact)) {
            return Optional.of("is too repetitive");
        }
        if (sequential(compact) || keyboardWalk(compact)) {
            return Optional.of("is a sequence (like abcdef or 123456)");
        }
        // The letters alone (Password2024!), and the letters with substitutions undone (P@ssw0rd!).
        String core = compact.replaceAll("^[0-9!?#*.,_+=~-]+|[0-9!?#*.,_+=~-]+$", "");
        for (String letters : new String[]{compact.replaceAll("[^a-z]", ""), unsubstituted(compact).replaceAll("[^a-z]", ""),
                unsubstituted(core).replaceAll("[^a-z]", "")}) {
            if (!letters.isEmpty() && (BASES.contains(letters) || repetitionOfBase(letters))) {
                return Optional.of("is too common: it is a well-known password with small changes");
            }
        }
        if (username != null && username.trim().length() >= 4 && compact.contains(username.trim().toLowerCase(Locale.ROOT))) {
            return Optional.of("must not contain the username");
        }
        return Optional.empty();
    }

    /** abcabcabcabc, 121212121212: the whole is one short part over and over. */
    private static boolean repeatsAShortPart(String s) {
        int n = s.length();
        for (int period = 1; period <= n / 3; period++) {
            if (n % period != 0 && period > 4) {
                continue;
            }
            boolean repeats = true;
            for (int i = period; i < n && repeats; i++) {
                repeats = s.charAt(i) == s.charAt(i - period);
            }
            if (repeats) {
                return true;
            }
        }
        return false;
    }

    /** Runs along a keyboard: qwertyuiopas, 1qaz2wsx3edc, zxcvbnmasdfg. */
    private static final String[] KEYBOARD = {"1234567890qwertyuiopasdfghjklzxcvbnm", "qazwsxedcrfvtgbyhnujmikolp",
            "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p", "zaq1xsw2cde3vfr4bgt5nhy6mju7", "qwertzuiopasdfghjklyxcvbnm",
            "azertyuiopqsdfghjklmwxcvbn", "1q2w3e4r5t6y7u8i9o0p", "q1w2e3r4t5y6u7i8o9p0"};

    private static boolean keyboardWalk(String s) {
        for (String row : KEYBOARD) {
            if (row.contains(s) || new StringBuilder(row).reverse().toString().contains(s)) {
                return true;
            }
        }
        return false;
    }

    /** Every step the same +1 or -1 (abcdefghijkl, 987654321098 wraps through 0 and 9). */
    private static boolean sequential(String s) {
        for (int direction : new int[]{1, -1}) {
            boolean all = true;
            for (int i = 1; i < s.length() && all; i++) {
                char a = s.charAt(i - 1);
                char b = s.charAt(i);
                boolean digitWrap = Character.isDigit(a) && Character.isDigit(b) && Math.floorMod(b - a, 10) == Math.floorMod(direction, 10);
                all = b - a == direction || digitWrap;
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static boolean repetitionOfBase(String letters) {
        for (String base : BASES) {
            if (letters.length() % base.length() == 0 && letters.equals(base.repeat(letters.length() / base.length()))) {
                return true;
            }
            if (letters.startsWith(base) && BASES.contains(letters.substring(base.length()))) {
                return true; // two common words glued: "loveprincess"
            }
        }
        return false;
    }

    /** The substitutions people use to dress up a word: p@ssw0rd -> password, l3tm31n -> letmein. */
    private static String unsubstituted(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            out.append(switch (c) {
                case '@', '4' -> 'a';
                case '8' -> 'b';
                case '(' -> 'c';
                case '3' -> 'e';
                case '6', '9' -> 'g';
                case '1', '!', '|' -> 'i';
                case '0' -> 'o';
                case '$', '5' -> 's';
                case '7', '+' -> 't';
                case '2' -> 'z';
                default -> c;
            });
        }
        return out.toString();
    }
}
