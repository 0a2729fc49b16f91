package org.outboxlab.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.validation.Validation;
import org.junit.jupiter.api.Test;
import org.outboxlab.contract.CrashPoint;
import org.outboxlab.contract.FaultPlan;

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

    @Test
    void writesThePlanAsTheApiAlwaysAnsweredAndReadsItBack() {
        for (FaultPlan plan :
                new FaultPlan[] {
                    FaultPlan.NONE,
                    FaultPlan.crashAt(CrashPoint.XA_AFTER_PREPARE),
                    new FaultPlan(null, 7, "-poison", 0, 0, "lab-1-consumer-failure"),
                    new FaultPlan(null, 0, null, 5, 6, "odd \"quoted\\ \t tag\u0001")
                }) {
            JsonObjectBuilder expected =
                    Json.createObjectBuilder()
                            .add("transientFailureEvery", plan.transientFailureEvery())
                            .add("duplicatePublishEvery", plan.duplicatePublishEvery())
                            .add("rollbackAfterEffectEvery", plan.rollbackAfterEffectEvery());
            if (plan.crashPoint() != null) {
                expected.add("crashPoint", plan.crashPoint().id());
            }
            if (plan.poisonCustomerSuffix() != null) {
                expected.add("poisonCustomerSuffix", plan.poisonCustomerSuffix());
            }
            if (plan.customerPrefix() != null) {
                expected.add("customerPrefix", plan.customerPrefix());
            }
            assertEquals(expected.build().toString(), plan.toJson());
            assertEquals(plan, PLANS.parse(plan.toJson()));
        }
    }
}
