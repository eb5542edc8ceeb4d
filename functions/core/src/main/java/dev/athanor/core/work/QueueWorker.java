package dev.athanor.core.work;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/**
 * The handler of every queue worker function: SQS batches in, partial batch failures out, each message to the
 * {@link WorkHandler} of its type among the beans of the jar it runs in. Each surface that runs long work has a
 * worker function of its own, built from its jar with this class; locally the SQS poller calls the same class.
 */
public class QueueWorker extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {

    @Inject
    WorkDispatcher dispatcher;

    /** Used by AWS Lambda. */
    public QueueWorker() {
    }

    /** Used by the local platform and tests, with a context they configured. */
    public QueueWorker(ApplicationContext context) {
        super(context);
    }

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        return dispatcher.dispatch(event);
    }
}
