package dev.athanor.local.chaos;

import dev.athanor.core.pipeline.StepExecutor;
import dev.athanor.core.pipeline.StepRequest;
import dev.athanor.core.pipeline.StepResult;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

import java.util.Set;

/**
 * In a chaos context, every step executor is wrapped: the delivery under way may die just before it runs (before
 * the model call) or just after it returned (after the model call, before the commit), and the model calls it made
 * are counted.
 */
@Singleton
@Requires(property = "test.chaos")
class FaultyStepExecutors implements BeanCreatedEventListener<StepExecutor> {

    @Override
    public StepExecutor onCreated(BeanCreatedEvent<StepExecutor> event) {
        return new Faulty(event.getBean());
    }

    private record Faulty(StepExecutor delegate) implements StepExecutor {

        @Override
        public Set<String> actions() {
            return delegate.actions();
        }

        @Override
        public StepResult run(StepRequest request) throws Exception {
            String execution = request.execution().id();
            Faults.stepStarting(execution, request.state());
            String surface = ChaosIT.surfaceOf(request.execution().pipeline());
            String job = ChaosIT.jobOf(request.execution());
            long before = Faults.calls(surface, job);
            StepResult result = delegate.run(request);
            Faults.stepRan(Faults.calls(surface, job) - before);
            return result;
        }
    }
}
