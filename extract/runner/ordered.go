package runner

// Ordered calls fn on every job received from jobs, at most workers at a
// time, and sends the results on the returned channel in the order the
// jobs came, closing it after the last (once jobs is closed). Jobs start
// in that order too. At most window results wait, done or not, for the
// one at the head, so one slow job holds back a bounded number of finished
// ones and the producer never gets far ahead. The caller must read the
// channel to its end; fn should return soon when its work is canceled.
//
// It is the one ordered parallel map of the project: Pool.Stream (worker
// processes) and batch (any parser) both run on it.
func Ordered[J, R any](jobs <-chan J, workers, window int, fn func(J) R) <-chan R {
	workers, window = max(workers, 1), max(window, workers, 1)
	out := make(chan R)
	// Each job has its own channel, so that the results go out in job
	// order whichever finishes first.
	pending := make(chan chan R, window)
	free := make(chan struct{}, workers)
	go func() {
		defer close(pending)
		for {
			free <- struct{}{} // a job is taken only when a worker is free for it
			j, ok := <-jobs
			if !ok {
				return
			}
			c := make(chan R, 1)
			pending <- c
			go func() {
				defer func() { <-free }()
				c <- fn(j)
			}()
		}
	}()
	go func() {
		defer close(out)
		for c := range pending {
			out <- <-c
		}
	}()
	return out
}
