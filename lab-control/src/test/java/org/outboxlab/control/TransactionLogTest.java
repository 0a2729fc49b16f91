package org.outboxlab.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The lab's heuristic count reads the CLI's answer: each participant in a heuristic state counts,
 * and an answer that is not a success is refused rather than read as no heuristic. Shown to fail
 * with the check of the outcome removed: the failed answer read as 0.
 */
class TransactionLogTest {

    private static final String TWO_HEURISTIC_OF_THREE =
            """
            {
                "outcome" => "success",
                "result" => {"0:ffff7f000001:-5e0c1b2a:6571f0a1:2f" => {
                    "age-in-seconds" => "12",
                    "id" => "0:ffff7f000001:-5e0c1b2a:6571f0a1:2f",
                    "participants" => {
                        "java:jboss/datasources/OutboxXADS" => {
                            "eis-product-name" => "PostgreSQL",
                            "status" => "HEURISTIC"
                        },
                        "java:/JmsXA" => {
                            "eis-product-name" => "ActiveMQ Artemis",
                            "status" => "HEURISTIC_COMMIT"
                        },
                        "java:/other" => {"status" => "PREPARED"}
                    }
                }}
            }
            """;

    @Test
    void everyHeuristicParticipantCounts() {
        assertEquals(2, TransactionLog.heuristicsIn(TWO_HEURISTIC_OF_THREE));
    }

    @Test
    void anEmptyLogStoreHasNone() {
        assertEquals(
                0, TransactionLog.heuristicsIn("{\"outcome\" => \"success\", \"result\" => {}}"));
    }

    @Test
    void aFailedReadIsNotReadAsNone() {
        IllegalStateException refused =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                TransactionLog.heuristicsIn(
                                        "{\"outcome\" => \"failed\", \"failure-description\" =>"
                                                + " \"WFLYCTL0216: Management resource not found\"}"));
        assertTrue(refused.getMessage().contains("WFLYCTL0216"), refused.getMessage());
    }

    @Test
    void thePrintedErrorOfTheCliIsNotReadAsNone() {
        assertThrows(
                IllegalStateException.class,
                () -> TransactionLog.heuristicsIn("Failed to connect to the controller"));
    }
}
