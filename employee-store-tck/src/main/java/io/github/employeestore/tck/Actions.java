package io.github.employeestore.tck;

import java.util.List;

/** Every action of the generated tests: one entry per public operation of the store (and the clock). */
final class Actions {
    private Actions() {
    }

    /** @return new instances of every action (some count what they drew), for one sequence */
    static List<Action> all() {
        return List.of(new SingleActions.Create(), new SingleActions.Get(), new SingleActions.GetAll(),
                new SingleActions.Update(), new SingleActions.Put(), new SingleActions.Patch(),
                new SingleActions.Delete(), new SingleActions.DeleteVersioned(), new SingleActions.Count(), new SingleActions.AdvanceClock(),
                new SingleActions.Schema(), new SingleActions.Describe(), new BulkActions.ImportAll(), new BulkActions.CreateAll(),
                new BulkActions.ImportMany(), new BulkActions.Transact(),
                new PagingActions.StartWalk(), new PagingActions.ContinueWalk(), new PagingActions.ForeignCursor(),
                new PagingActions.Streams(), new SearchActions.Search(), new SearchActions.ListByName());
    }

    /** @return an action that applies now, drawn by weight */
    static Action draw(List<Action> actions, Edges g, Differential d) {
        List<Action> applicable = actions.stream().filter(a -> a.applies(d)).toList();
        int total = applicable.stream().mapToInt(Action::weight).sum();
        int r = g.nextInt(total);
        for (Action a : applicable) {
            r -= a.weight();
            if (r < 0) {
                return a;
            }
        }
        throw new IllegalStateException("no action applies");
    }
}
