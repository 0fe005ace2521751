#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Maps a stream of inputs through worker threads and hands the outputs back **in input order**,
/// with at most `window` inputs in flight, so memory is bounded by the window (never by the length
/// of the stream) and output order never depends on timing.
///
/// The calling thread reads the inputs (`next`) and consumes the outputs (`consume`); each worker
/// thread makes its own worker with `makeWorker` (an engine is not shared between threads).
/// With one job everything runs on the calling thread.
public enum OrderedWorkers {
    /// The number of processors this process may use (the default for `--jobs`).
    public static var processorCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Runs `next` until it returns nil, maps every input on `jobs` threads and calls `consume`
    /// with each output in input order. When `consume` throws, the workers stop after the input
    /// each is on, and the error is rethrown once they are gone.
    /// - Parameters:
    ///   - window: inputs in flight at most (default: four per job: with two, a worker on a long
    ///     document held the others idle once they had finished the few after it).
    ///   - inputReady: whether `next` can return without waiting (for a pipe's writer, say).
    ///     When it cannot, every output in flight is consumed first, so that a slow writer still
    ///     sees each of its documents come out as soon as it is done.
    public static func run<Input: Sendable, Output: Sendable, Failure: Error>(
        jobs: Int,
        window: Int? = nil,
        makeWorker: @escaping @Sendable () -> (Input) -> Output,
        inputReady: () -> Bool = { true },
        next: () -> Input?,
        consume: (Output) throws(Failure) -> Void
    ) throws(Failure) {
        guard jobs > 1 else {
            let work = makeWorker()
            while let input = next() { try consume(work(input)) }
            return
        }
        let limit = max(jobs, window ?? 4 * jobs)
        let shared = Shared<Input, Output>()
        let finished = DispatchGroup()
        for index in 0..<jobs {
            finished.enter()
            let thread = Thread {
                // SIGINT and SIGTERM go to the calling thread, so that a read it is blocked in returns.
                var signals = sigset_t()
                sigemptyset(&signals)
                sigaddset(&signals, SIGINT)
                sigaddset(&signals, SIGTERM)
                pthread_sigmask(SIG_BLOCK, &signals, nil)
                shared.work(makeWorker())
                finished.leave()
            }
            thread.name = "imr-redact worker \(index + 1)"
            // PCRE2's JIT has its own stack; the rest needs no more than the main thread's.
            thread.stackSize = 8 << 20
            thread.start()
        }
        defer {
            shared.close()
            finished.wait()
        }
        var submitted = 0
        var consumed = 0
        var exhausted = false
        while true {
            while !exhausted && submitted - consumed < limit {
                // Before waiting on the input, hand out everything in flight.
                while consumed < submitted && !inputReady() {
                    try consume(shared.take(consumed))
                    consumed += 1
                }
                guard let input = next() else {
                    exhausted = true
                    break
                }
                shared.submit(submitted, input)
                submitted += 1
            }
            if consumed == submitted { break }
            try consume(shared.take(consumed))
            consumed += 1
        }
    }

    /// The queue of inputs and the finished outputs, under one mutex with two condition variables:
    /// a submitted input wakes one idle worker, and a finished output wakes the calling thread only
    /// when it is the one it waits for (no thread is woken for nothing).
    private final class Shared<Input: Sendable, Output: Sendable>: @unchecked Sendable {
        private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        private let inputAvailable = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
        private let outputAvailable = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
        private var queue: [(Int, Input)] = []
        private var head = 0
        private var outputs: [Int: Output] = [:]
        /// The output the calling thread waits for, or nil.
        private var awaited: Int?
        private var closed = false

        init() {
            pthread_mutex_init(mutex, nil)
            pthread_cond_init(inputAvailable, nil)
            pthread_cond_init(outputAvailable, nil)
        }

        deinit {
            pthread_cond_destroy(outputAvailable)
            pthread_cond_destroy(inputAvailable)
            pthread_mutex_destroy(mutex)
            outputAvailable.deallocate()
            inputAvailable.deallocate()
            mutex.deallocate()
        }

        func submit(_ number: Int, _ input: Input) {
            pthread_mutex_lock(mutex)
            queue.append((number, input))
            pthread_cond_signal(inputAvailable)
            pthread_mutex_unlock(mutex)
        }

        /// Waits for the output of input `number` and removes it.
        func take(_ number: Int) -> Output {
            pthread_mutex_lock(mutex)
            defer { pthread_mutex_unlock(mutex) }
            while true {
                if let output = outputs.removeValue(forKey: number) {
                    awaited = nil
                    return output
                }
                awaited = number
                pthread_cond_wait(outputAvailable, mutex)
            }
        }

        /// No more inputs: workers leave once the queue is empty; inputs not started are dropped.
        func close() {
            pthread_mutex_lock(mutex)
            closed = true
            queue.removeAll()
            head = 0
            pthread_cond_broadcast(inputAvailable)
            pthread_mutex_unlock(mutex)
        }

        /// A worker thread's loop.
        func work(_ work: (Input) -> Output) {
            pthread_mutex_lock(mutex)
            while true {
                if head < queue.count {
                    let (number, input) = queue[head]
                    head += 1
                    if head == queue.count {
                        queue.removeAll(keepingCapacity: true)
                        head = 0
                    }
                    pthread_mutex_unlock(mutex)
                    let output = work(input)
                    pthread_mutex_lock(mutex)
                    if !closed {
                        outputs[number] = output
                        if awaited == number { pthread_cond_signal(outputAvailable) }
                    }
                } else if closed {
                    break
                } else {
                    pthread_cond_wait(inputAvailable, mutex)
                }
            }
            pthread_mutex_unlock(mutex)
        }
    }
}
