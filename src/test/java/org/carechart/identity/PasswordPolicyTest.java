package org.carechart.identity;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 11, "Password policy: length only today (aaaaaaaaaaaa accepted)": NIST SP 800-63B blocklist checks. */
class PasswordPolicyTest {

    @Test
    void commonRepetitiveSequentialAndDressedUpPasswordsAreRefused() {
        for (String password : new String[]{"aaaaaaaaaaaa", "111111111111", "abababababab", "abcabcabcabc",
                "abcdefghijkl", "123456789012", "987654321098", "qwertyuiopas", "1q2w3e4r5t6y", "passwordpassword",
                "Password2024!", "P@ssw0rd1234", "iloveyou2000", "ILoveYou1234", "letmein12345", "L3tm31n!2024",
                "welcome12345", "carechart2026", "Carechart123!", "qazwsxedcrfv", "monkeymonkey", "dragon123456",
                "footballfootball", "sunshine2024", "princess1234", "zzzzzzzzzzzzzzz", "a1a1a1a1a1a1", "patient12345"}) {
            assertTrue(PasswordPolicy.refusal(password, "someone").isPresent(), password);
        }
    }

    @Test
    void theUsernameAndShortPasswordsAreRefused() {
        assertTrue(PasswordPolicy.refusal("river-dr.okafor-stone", "dr.okafor").isPresent());
        assertTrue(PasswordPolicy.refusal("short", "someone").isPresent());
        assertTrue(PasswordPolicy.refusal("ü".repeat(40), "someone").isPresent(), "over 72 bytes");
    }

    @Test
    void longPassphrasesWithoutCompositionRulesAreAccepted() {
        for (String password : new String[]{"correct horse battery", "purple otters juggle rain", "tram-lantern-oyster",
                "mein Hund heißt Bruno", "ZJ4q!x9Lw2#v", "granite sparrow 1987 kettle", "lowercaseonlybutlong"}) {
            assertTrue(PasswordPolicy.refusal(password, "someone").isEmpty(), password);
        }
    }

    @Test
    void theShippedListIsSmall() throws Exception {
        long size = Files.size(Path.of("src/main/resources/identity/common-passwords.txt"));
        assertTrue(size < 1_000_000, size + " bytes");
    }
}
