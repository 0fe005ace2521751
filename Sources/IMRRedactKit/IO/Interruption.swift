#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The signal that interrupted the run (0: none). Set by the handler, read between documents.
private let interruptingSignal = Atomic<Int32>(0)

/// SIGINT and SIGTERM stop a run between documents (Linux): it stops reading, finishes and writes the
/// documents it holds, removes any output file it had not finished, and reports what it did.
/// A second signal ends the process at once (the handler restores the default action).
public enum Interruption {
    /// Installs the handler for SIGINT and SIGTERM. A blocked `read(2)` returns `EINTR` (no
    /// `SA_RESTART`), so a run waiting on a pipe notices too.
    public static func install() {
        for signo in [SIGINT, SIGTERM] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { signo in
                interruptingSignal.store(signo, ordering: .relaxed)
                _ = Glibc.signal(signo, SIG_DFL)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signo, &action, nil)
        }
        // A parent may have started the process with them blocked (a blocked mask is inherited
        // through exec); the handler must hear them.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }

    /// The signal that interrupted the run, if one did.
    public static var received: Int32? {
        let value = interruptingSignal.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }

    public static var requested: Bool { received != nil }

    /// `SIGINT` or `SIGTERM` (or `signal N`).
    public static func name(of signo: Int32) -> String {
        switch signo {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        default: return "signal \(signo)"
        }
    }

    /// The conventional exit status of a process ended by `signo` (130 for SIGINT, 143 for SIGTERM).
    public static func exitStatus(for signo: Int32) -> Int32 { 128 + signo }
}
