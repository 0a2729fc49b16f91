package org.outboxlab.lab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hot-key catalogue draws products by their Zipf weight: the best seller by k^-skew. */
class CatalogueTest {

    @Test
    void theTopProductTakesItsZipfShareAndTheUniformCatalogueNone() {
        Catalogue skewed = Catalogue.zipf(1000, 1.1);
        double harmonic = 0;
        for (int k = 1; k <= 1000; k++) {
            harmonic += Math.pow(k, -1.1);
        }
        assertEquals(1 / harmonic, skewed.topShare(), 1e-9);
        assertTrue(skewed.topShare() > 0.15 && skewed.topShare() < 0.2, "" + skewed.topShare());
        assertEquals(0.001, skewed.uniform().topShare(), 1e-12);
        assertEquals(1000, skewed.uniform().size());
    }

    @Test
    void picksFollowTheWeights() {
        Catalogue skewed = Catalogue.zipf(1000, 1.1);
        Map<String, Integer> picks = new HashMap<>();
        int draws = 200_000;
        for (int i = 0; i < draws; i++) {
            picks.merge(skewed.pick(), 1, Integer::sum);
        }
        double top = picks.getOrDefault("HOT-0000", 0) / (double) draws;
        double second = picks.getOrDefault("HOT-0001", 0) / (double) draws;
        assertEquals(skewed.topShare(), top, 0.01, "the best seller's share");
        assertEquals(skewed.topShare() * Math.pow(2, -1.1), second, 0.01, "the second's");
        assertTrue(
                picks.keySet().stream().allMatch(s -> s.matches("HOT-\\d{4}")),
                "" + picks.keySet());
    }

    @Test
    void anEmptyCatalogueOrANegativeSkewIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Catalogue.zipf(0, 1.1));
        assertThrows(IllegalArgumentException.class, () -> Catalogue.zipf(10, -1));
    }
}
