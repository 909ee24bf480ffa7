package org.pathways.referral;

import org.pathways.platform.testing.ServiceFoundationContract;
import org.pathways.stack.testing.LocalStackTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
class ReferralFoundationTest extends ServiceFoundationContract {

    @Override
    protected String serviceName() {
        return "referral-service";
    }
}
