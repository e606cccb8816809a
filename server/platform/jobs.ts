/** Periodic background work of the server (reminders, lateness flags): simple timers, errors logged, never fatal. */
export interface Job {
  name: string;
  intervalMs: number;
  run: () => Promise<unknown>;
  /** Also run shortly after start (default true). */
  runAtStart?: boolean;
}

/** Runs each job shortly after start and then on its interval; returns a stop function. */
export function startJobs(jobs: Job[]): () => void {
  const timers: NodeJS.Timeout[] = [];
  let running = new Set<string>();
  const tick = async (job: Job) => {
    // A slow run never overlaps the next one.
    if (running.has(job.name)) return;
    running.add(job.name);
    try {
      await job.run();
    } catch (error) {
      console.error(`[job ${job.name}]`, error);
    } finally {
      running.delete(job.name);
    }
  };
  for (const job of jobs) {
    if (job.runAtStart !== false) timers.push(setTimeout(() => void tick(job), 5_000).unref());
    timers.push(setInterval(() => void tick(job), job.intervalMs).unref());
  }
  return () => {
    timers.forEach((t) => clearTimeout(t));
    running = new Set();
  };
}
