package org.concretelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The golden run's choice of kernels when this JVM's have no fingerprint: never a silent skip. */
class GoldenRunCoreTypeTest {
    private static final String AVX512 = "fpu sse2 avx avx2 fma avx512f avx512bw avx512vl";
    private static final String AVX2 = "fpu sse2 avx avx2 fma";

    private static Properties known(String... cores) {
        Properties p = new Properties();
        for (String c : cores) {
            p.setProperty(c + ".training", "x");
            p.setProperty(c + ".epochs", "y");
        }
        return p;
    }

    @Test
    void theLaunchersChoiceWhenFingerprinted() {
        assertEquals("SkylakeX", GoldenRunTest.fingerprintedCoreType(known("Haswell", "SkylakeX"), AVX512));
        assertEquals("Haswell", GoldenRunTest.fingerprintedCoreType(known("Haswell", "SkylakeX"), AVX2));
    }

    @Test
    void anAvx512CpuFallsBackToHaswellsFingerprint() {
        assertEquals("Haswell", GoldenRunTest.fingerprintedCoreType(known("Haswell"), AVX512));
    }

    @Test
    void aCpuWithoutAFingerprintedFamilyFailsLoudly() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> GoldenRunTest.fingerprintedCoreType(known("Haswell", "SkylakeX"), "fpu sse2"));
        assertTrue(e.getMessage().contains("no golden fingerprint"), e.getMessage());
    }
}
