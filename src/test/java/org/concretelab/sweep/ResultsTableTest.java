package org.concretelab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Results written and read back, and the table a sweep writes from them. */
class ResultsTableTest {
    @TempDir
    Path dir;

    @Test
    void aResultReadsBackAsWrittenAndAnUnreadableOneIsNone() throws Exception {
        JobResult r = new JobResult("arch=200H~784V_seed=1", JobResult.Status.DONE, "200H~784V binary m=1", 95.25, 92.1, 1000,
                10_000, 100, 3600.5, 120.25, "");
        r.write(dir);
        assertEquals(Optional.of(r), JobResult.read(dir));
        java.nio.file.Files.writeString(dir.resolve(JobResult.FILE), "status=maybe\n");
        assertEquals(Optional.empty(), JobResult.read(dir), "a job with a broken result runs again");
    }

    @Test
    void theTablesListEveryJobWithThePapersFigureBesideIt() {
        SweepSpec spec = SweepSpec.parse("estimator: concrete, vimco\nepochs: 2\neval-k: 10\n", "t", "--estimator"::equals);
        List<SweepJob> jobs = spec.jobs();
        List<JobResult> results = List.of(
                new JobResult(jobs.get(0).id(), JobResult.Status.DONE, "200H~784V binary m=1", 101.5, 92.1, 10, 10_000, 2, 61, 3, ""),
                JobResult.notDone(jobs.get(1).id(), JobResult.Status.INVALID, "-m/--samples: samples must be at least 2, was 1", 0));
        String csv = ResultsTable.csv(spec, jobs, results);
        assertEquals(List.of("job,estimator,seed,status,test_nll,k,images,epochs,train_s,eval_s,paper_nll,model,message",
                "estimator=concrete_seed=1,concrete,1,done,101.5000,10,10000,2,61.0,3.0,92.1,200H~784V binary m=1,",
                "estimator=vimco_seed=1,vimco,1,invalid,,0,0,0,0.0,0.0,,,\"-m/--samples: samples must be at least 2, was 1\""),
                csv.lines().toList());
        String md = ResultsTable.markdown(spec, jobs, results);
        assertTrue(md.contains("| concrete | 1 | **101.50** | 92.1 | 2 | 61 s | done |"), md);
        assertTrue(md.contains("| vimco | 1 | – | – | – | – | invalid: -m/--samples: samples must be at least 2, was 1 |"), md);
        assertTrue(md.startsWith("Sweep results: 2 jobs, 2 epochs each, test NLL in nats with k = 10 on all test images"), md);
    }
}
