package org.pathways.consent;

import org.pathways.platform.testing.ServiceFoundationContract;
import org.pathways.stack.testing.LocalStackTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = StackWithDirectory.class, initArgs = @ResourceArg(name = "service", value = "consent"))
class ConsentFoundationTest extends ServiceFoundationContract {

    @Override
    protected String serviceName() {
        return "consent-service";
    }
}
