package org.pathways.notification;

import org.pathways.platform.testing.ServiceFoundationContract;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(NotificationTestResource.class)
class NotificationFoundationTest extends ServiceFoundationContract {

    @Override
    protected String serviceName() {
        return "notification-service";
    }
}
