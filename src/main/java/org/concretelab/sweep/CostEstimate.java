package org.concretelab.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.PriorityQueue;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.PaperResults;

/**
 * What a sweep will cost, said before it starts: each job's training (epochs of training images and validation
 * samples) and test scoring in seconds of one core ({@link CostModel}), the wall time on this machine with
 * {@code parallel} jobs at a time taken in grid order (as the engines take them), and — when the grid holds models
 * the paper reports — what the paper's length of training would cost here. Approximate by design: it exists to tell
 * an afternoon from a month before either starts.
 */
public final class CostEstimate {
    /** The paper's training per model: 10⁷ steps of 64 images. */
    static final double PAPER_IMAGES = 1e7 * 64;
    /** Past a week of wall time a sweep is said to be beyond one machine. */
    static final double ONE_MACHINE_SECONDS = 7 * 86_400;

    /**
     * One job as the estimate sees it.
     *
     * @param model      the job's model, empty when train refuses its options (it then costs nothing)
     * @param epochsDone epochs its folder's checkpoint already holds (a job cut short resumes there), else 0
     */
    public record Job(String id, Optional<ModelSpec> model, int trainImages, int validationImages, int validationSamples,
            int epochsDone) {
        public Job {
            if (epochsDone < 0) {
                throw new IllegalArgumentException("epochs done must be at least 0, was " + epochsDone);
            }
        }

        /** A job that starts from its first epoch. */
        public Job(String id, Optional<ModelSpec> model, int trainImages, int validationImages, int validationSamples) {
            this(id, model, trainImages, validationImages, validationSamples, 0);
        }
    }

    private final List<Job> jobs;
    private final int done;
    private final int epochs;
    private final int parallel;
    private final double[] seconds;
    private final double[] trainingSeconds;
    private final double[] paperSeconds;
    private final double trainSeconds;

    private CostEstimate(List<Job> jobs, int done, int epochs, int evalK, int testImages, int parallel) {
        this.jobs = List.copyOf(jobs);
        this.done = done;
        this.epochs = epochs;
        this.parallel = parallel;
        seconds = new double[jobs.size()];
        trainingSeconds = new double[jobs.size()];
        paperSeconds = new double[jobs.size()];
        double train = 0;
        for (int i = 0; i < jobs.size(); i++) {
            Job j = jobs.get(i);
            if (j.model().isEmpty()) {
                continue;
            }
            ModelSpec m = j.model().get();
            double epoch = j.trainImages() * CostModel.trainSecondsPerImage(m)
                    + (double) j.validationImages() * j.validationSamples() * CostModel.scoreSecondsPerSample(m);
            double scoring = (double) testImages * evalK * CostModel.scoreSecondsPerSample(m);
            int left = Math.max(0, epochs - j.epochsDone());
            trainingSeconds[i] = CostModel.JOB_START + left * epoch;
            seconds[i] = trainingSeconds[i] + scoring;
            train += left * epoch;
            if (PaperResults.testNll(m).isPresent()) {
                paperSeconds[i] = CostModel.JOB_START + PAPER_IMAGES / j.trainImages() * epoch + scoring;
            }
        }
        trainSeconds = train;
    }

    /**
     * @param jobs       the jobs still to run (not those done before)
     * @param done       jobs done before, skipped
     * @param testImages test images each job is scored on
     * @param parallel   jobs at a time on this machine
     */
    public static CostEstimate of(List<Job> jobs, int done, int epochs, int evalK, int testImages, int parallel) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel jobs must be at least 1, was " + parallel);
        }
        return new CostEstimate(jobs, done, epochs, evalK, testImages, parallel);
    }

    /**
     * One job's line for the dry run's list: its seconds of one core, training and validation then scoring; empty for a
     * job not among those to run, or one train refuses.
     */
    public Optional<String> jobCost(String id) {
        for (int i = 0; i < jobs.size(); i++) {
            Job j = jobs.get(i);
            if (j.id().equals(id) && j.model().isPresent()) {
                String resumes = j.epochsDone() > 0 ? String.format(Locale.ROOT, "; resumes after epoch %d of %d",
                        Math.min(j.epochsDone(), epochs), epochs) : "";
                return Optional.of(String.format(Locale.ROOT, "about %s of one core (training and validation %s, scoring %s%s)",
                        duration(seconds[i]), duration(trainingSeconds[i]), duration(seconds[i] - trainingSeconds[i]),
                        resumes));
            }
        }
        return Optional.empty();
    }

    /** Seconds of one core for every job. */
    public double coreSeconds() {
        return sum(seconds);
    }

    /** Wall seconds on this machine at {@code parallel} jobs at a time. */
    public double wallSeconds() {
        return wall(seconds, parallel);
    }

    /** Wall seconds of the jobs the paper reports, trained for the paper's length (0 when there are none). */
    public double paperWallSeconds() {
        return wall(paperSeconds, parallel);
    }

    /** Whether this sweep would take more than a week here. */
    public boolean beyondOneMachine() {
        return wallSeconds() > ONE_MACHINE_SECONDS;
    }

    /** The estimate in a few lines, for the console. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        long refused = jobs.stream().filter(j -> j.model().isEmpty()).count();
        out.add("Cost estimate (approximate: rates measured for 200H~784V on a 2-core machine, scaled by each model's size"
                + " and m; one core per job):");
        String skipped = (refused > 0 ? String.format(Locale.ROOT, "; %d that train refuses cost nothing", refused) : "")
                + (done > 0 ? String.format(Locale.ROOT, "; %d done before", done) : "");
        long resuming = jobs.stream().filter(j -> j.model().isPresent() && j.epochsDone() > 0).count();
        String resumes = resuming > 0 ? String.format(Locale.ROOT, ", %d of them resuming part-way", resuming) : "";
        out.add(String.format(Locale.ROOT, "  %d jobs to run%s, %d epochs each: %s of one core (training and validation %s)%s",
                jobs.size() - refused, resumes, epochs, duration(coreSeconds()), duration(trainSeconds), skipped));
        int longest = longest(seconds);
        out.add(String.format(Locale.ROOT, "  about %s on this machine at %d job%s at a time%s", duration(wallSeconds()), parallel,
                parallel == 1 ? "" : "s", longest < 0 ? "" : " (longest job " + duration(seconds[longest]) + ": "
                        + jobs.get(longest).id() + ")"));
        if (beyondOneMachine()) {
            out.add("  That is far beyond one machine: run it on a Spark cluster (README, Sweeps), or give it fewer epochs.");
        }
        long paperModels = java.util.Arrays.stream(paperSeconds).filter(s -> s > 0).count();
        if (paperModels > 0) {
            double wall = paperWallSeconds();
            out.add(String.format(Locale.ROOT, "  At the paper's length (10^7 steps of 64 images) its %d model%s here would take"
                            + " %s of one core, about %s on this machine: %s", paperModels, paperModels == 1 ? "" : "s",
                    duration(sum(paperSeconds)), duration(wall), wall > ONE_MACHINE_SECONDS
                            ? "far beyond one machine (a Spark cluster: README, Sweeps)." : "within reach of this machine."));
        }
        return out;
    }

    /** Finishing time of jobs in order on {@code slots} workers, each job to the first worker free (list scheduling). */
    static double wall(double[] jobSeconds, int slots) {
        PriorityQueue<Double> free = new PriorityQueue<>();
        for (int i = 0; i < slots; i++) {
            free.add(0.0);
        }
        double end = 0;
        for (double s : jobSeconds) {
            if (s > 0) {
                double finish = free.poll() + s;
                free.add(finish);
                end = Math.max(end, finish);
            }
        }
        return end;
    }

    /** "40 s", "12 min", "5.3 hours", "88 days", "2.4 years". */
    public static String duration(double seconds) {
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 2 * 3600) {
            return String.format(Locale.ROOT, "%.0f min", seconds / 60);
        }
        if (seconds < 48 * 3600) {
            return String.format(Locale.ROOT, "%.1f hours", seconds / 3600);
        }
        double days = seconds / 86_400;
        return days < 730 ? String.format(Locale.ROOT, "%.0f days", days) : String.format(Locale.ROOT, "%.1f years", days / 365.25);
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    private static int longest(double[] values) {
        int best = -1;
        for (int i = 0; i < values.length; i++) {
            if (values[i] > 0 && (best < 0 || values[i] > values[best])) {
                best = i;
            }
        }
        return best;
    }
}
