package org.outboxlab.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.validation.Validation;
import org.junit.jupiter.api.Test;
import org.outboxlab.contract.CrashPoint;
import org.outboxlab.faults.FaultPlan;

class FaultPlanJsonTest {

    private static final FaultPlanJson PLANS =
            new FaultPlanJson(Validation.buildDefaultValidatorFactory().getValidator());

    private static ProblemException refused(String body) {
        ProblemException refusal = assertThrows(ProblemException.class, () -> PLANS.parse(body));
        assertEquals(400, refusal.status(), body);
        return refusal;
    }

    @Test
    void readsAWholePlanAndLeavesOutFieldsOff() {
        CrashPoint point = CrashPoint.values()[0];
        FaultPlan plan =
                PLANS.parse(
                        "{\"crashPoint\":\""
                                + point.id()
                                + "\",\"transientFailureEvery\":3,\"poisonCustomerSuffix\":\"-poison\","
                                + "\"duplicatePublishEvery\":1,\"rollbackAfterEffectEvery\":1000000,"
                                + "\"customerPrefix\":\"scoped-\"}");
        assertEquals(new FaultPlan(point, 3, "-poison", 1, 1_000_000, "scoped-"), plan);
        assertEquals(FaultPlan.NONE, PLANS.parse("{}"));
        assertEquals(FaultPlan.NONE, PLANS.parse("{\"crashPoint\":null,\"customerPrefix\":null}"));
    }

    @Test
    void namesTheFieldAtFault() {
        assertEquals("crashPoint", refused("{\"crashPoint\":\"nowhere\"}").field());
        assertEquals("crashPoint", refused("{\"crashPoint\":7}").field());
        assertEquals("transientFailureEvery", refused("{\"transientFailureEvery\":-1}").field());
        assertEquals(
                "duplicatePublishEvery", refused("{\"duplicatePublishEvery\":1000001}").field());
        for (String notWhole : new String[] {"\"often\"", "\"5\"", "1.5", "10000000000"}) {
            ProblemException refusal = refused("{\"rollbackAfterEffectEvery\":" + notWhole + "}");
            assertEquals("rollbackAfterEffectEvery", refusal.field(), notWhole);
            assertEquals(
                    "rollbackAfterEffectEvery must be a whole number",
                    refusal.getMessage(),
                    notWhole);
        }
        assertEquals("customerPrefix", refused("{\"customerPrefix\":\" \"}").field());
        assertEquals(
                "poisonCustomerSuffix",
                refused("{\"poisonCustomerSuffix\":\"" + "x".repeat(65) + "\"}").field());
        ProblemException unknown = refused("{\"surprise\":1}");
        assertEquals("surprise", unknown.field());
        assertTrue(unknown.getMessage().contains("crashPoint"), unknown.getMessage());
    }

    @Test
    void refusesWhatIsNotAJsonObject() {
        for (String body : new String[] {null, "", "[]", "not json", "7", "{\"crashPoint\":"}) {
            assertNull(refused(body).field(), body);
        }
    }
}
