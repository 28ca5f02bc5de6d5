package io.github.employeestore.tck;

/**
 * One kind of step of the generated tests, as an action of a state machine: its weight among the actions, its
 * precondition on the current state, and how it draws a concrete step. Adding an operation to the generated tests
 * is one class implementing this interface, listed in {@link Actions#ALL}.
 */
interface Action {
    /** @return how often this action is drawn, relative to the others */
    int weight();

    /** @return whether the action can be drawn now (a continuation needs an open walk, find needs QUERIES, ...) */
    default boolean applies(Differential state) {
        return true;
    }

    /** @return a concrete step, drawn from the generator, given the state (the reference model's) */
    Step next(Edges edges, Differential state);

    /**
     * A concrete step: fixed values, run against the store under test and the reference model. It records the Java
     * statement it ran and throws {@link AssertionError} when the two disagree.
     */
    interface Step {
        void run(Differential d);
    }
}
