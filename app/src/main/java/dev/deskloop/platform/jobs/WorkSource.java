package dev.deskloop.platform.jobs;

/**
 * Work that runs beside the job queue from a queue of its own (such as the webhook inbox). A running application
 * drives it itself; in manual mode (tests) {@link Jobs#runDue()} and {@link Jobs#reviveDeadExecutions()} drive it
 * together with the jobs, so a test sees one queue.
 */
public interface WorkSource {

    /** Does all the work that is ready now, on the calling thread; returns how many items it handled. */
    int runReady();

    /** Puts back work whose worker stopped mid-way (a lapsed claim), so that the next {@link #runReady()} does it. */
    void reviveAbandoned();
}
