import Foundation
import IMRRedactKit
import IMRTestSupport
import Synchronization
import Testing

@Suite struct OrderedWorkersTests {
    /// Outputs come back in input order whatever order the workers finish in, and no more than
    /// the window is ever in flight.
    @Test(arguments: [1, 2, 4])
    func outputsKeepInputOrderWithinTheWindow(jobs: Int) {
        let inFlight = Atomic<Int>(0)
        let mostInFlight = Atomic<Int>(0)
        let workersMade = Atomic<Int>(0)
        var nextInput = 0
        var outputs: [Int] = []
        OrderedWorkers.run(
            jobs: jobs, window: 3 * jobs,
            makeWorker: { () -> (Int) -> Int in
                workersMade.add(1, ordering: .relaxed)
                return { input in
                    // Uneven work: later inputs often finish first.
                    usleep(UInt32((input * 7919) % 5) * 200)
                    inFlight.subtract(1, ordering: .relaxed)
                    return input * input
                }
            },
            next: {
                guard nextInput < 200 else { return nil }
                let now = inFlight.add(1, ordering: .relaxed).newValue
                var seen = mostInFlight.load(ordering: .relaxed)
                while now > seen {
                    let (exchanged, original) = mostInFlight.compareExchange(
                        expected: seen, desired: now, ordering: .relaxed)
                    if exchanged { break }
                    seen = original
                }
                nextInput += 1
                return nextInput - 1
            },
            consume: { outputs.append($0) })
        #expect(outputs == (0..<200).map { $0 * $0 })
        #expect(workersMade.load(ordering: .relaxed) == jobs)
        #expect(mostInFlight.load(ordering: .relaxed) <= 3 * jobs)
    }

    struct Stop: Error, Equatable {}

    /// An error from `consume` ends the run: it is rethrown, the workers are gone, and the inputs
    /// after the window are never read.
    @Test func aConsumerErrorStopsTheRun() {
        var read = 0
        var consumed: [Int] = []
        #expect(throws: Stop()) {
            try OrderedWorkers.run(
                jobs: 2, window: 4,
                makeWorker: { { $0 } },
                next: {
                    read += 1
                    return read <= 1000 ? read : nil
                },
                consume: { (value: Int) throws(Stop) in
                    if value == 10 { throw Stop() }
                    consumed.append(value)
                })
        }
        #expect(consumed == Array(1...9))
        #expect(read <= 10 + 4)
    }

    @Test func noInputsNoOutputs() {
        var consumed = 0
        OrderedWorkers.run(jobs: 3, makeWorker: { { (value: Int) in value } }, next: { nil }, consume: { _ in consumed += 1 })
        #expect(consumed == 0)
    }
}

@Suite struct ProgressLineTests {
    @Test func showsCountsSizeRateAndAnETAWhenTheTotalIsKnown() {
        #expect(
            ProgressLine.text(documents: 1204, bytes: 6_100_000, seconds: 2, totalBytes: 12_200_000)
                == "1,204 documents, 6.1 MB of 12.2 MB, 3.1 MB/s, ETA 0:02")
        #expect(ProgressLine.text(documents: 1, bytes: 500_000, seconds: 1, totalBytes: nil) == "1 document, 0.5 MB, 0.5 MB/s")
        #expect(
            ProgressLine.text(documents: 3, bytes: 1_000_000, seconds: 1, totalBytes: 4_000_000, noun: "file")
                == "3 files, 1.0 MB of 4.0 MB, 1.0 MB/s, ETA 0:03")
        #expect(
            ProgressLine.text(documents: 10, bytes: 1_000_000, seconds: 10, totalBytes: 400_000_000)
                .hasSuffix("0.1 MB/s, ETA 1:06:30"))
    }

    @Test func theTotalSizeIsKnownOnlyForRegularFiles() throws {
        let folder = try Fixtures.temporaryDirectory()
        let a = folder.appendingPathComponent("a.txt")
        let b = folder.appendingPathComponent("b.txt")
        try Data(count: 10).write(to: a)
        try Data(count: 32).write(to: b)
        #expect(ProgressLine.totalSize(of: [a.path, b.path]) == 42)
        #expect(ProgressLine.totalSize(of: [a.path, folder.path]) == nil)
        #expect(ProgressLine.totalSize(of: [a.path, folder.appendingPathComponent("missing").path]) == nil)
    }
}
