package dev.athanor.factory.work;

import dev.athanor.core.work.WorkHandler;
import dev.athanor.model.work.WorkMessage;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Work handlers for the worker's tests: one records what it ran, one always fails. */
@Factory
class RecordingWorkHandlers {

    static final List<WorkMessage> HANDLED = new CopyOnWriteArrayList<>();

    @Singleton
    WorkHandler recording() {
        return new WorkHandler() {
            @Override
            public String type() {
                return "test.record";
            }

            @Override
            public void handle(WorkMessage message) {
                HANDLED.add(message);
            }
        };
    }

    @Singleton
    WorkHandler failing() {
        return new WorkHandler() {
            @Override
            public String type() {
                return "test.fail";
            }

            @Override
            public void handle(WorkMessage message) {
                throw new IllegalStateException("simulated step failure");
            }
        };
    }
}
