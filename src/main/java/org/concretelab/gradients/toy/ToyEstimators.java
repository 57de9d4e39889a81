package org.concretelab.gradients.toy;

import java.util.List;

/** The toy's estimators, registered here once, in the order the app shows them. */
public final class ToyEstimators {
    public static final ToyEstimator SCORE_FUNCTION = new ScoreFunctionToy();
    public static final ToyEstimator SCORE_FUNCTION_BASELINE = new LeaveOneOutToy();
    public static final ToyEstimator NVIL_CENTRING = new NvilCentringToy();
    public static final ToyEstimator CONCRETE = new ConcreteToy();
    public static final ToyEstimator STRAIGHT_THROUGH = new StraightThroughToy();
    public static final ToyEstimator DISARM = new DisarmToy();
    public static final ToyEstimator REBAR = new RebarToy();
    public static final ToyEstimator RELAX = new RelaxToy();

    private static final List<ToyEstimator> ALL = List.of(SCORE_FUNCTION, SCORE_FUNCTION_BASELINE, NVIL_CENTRING, CONCRETE,
            STRAIGHT_THROUGH, DISARM, REBAR, RELAX);

    private ToyEstimators() {
    }

    public static List<ToyEstimator> all() {
        return ALL;
    }

    /** The estimator with this {@link ToyEstimator#id()}. */
    public static ToyEstimator byId(String id) {
        for (ToyEstimator e : ALL) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        throw new IllegalArgumentException("toy estimator: unknown '" + id + "'; one of "
                + ALL.stream().map(ToyEstimator::id).toList());
    }
}
