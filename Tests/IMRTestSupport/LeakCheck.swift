/// LeakSanitizer's hook for a program to opt out of leak checking (it must return a constant).
/// Linked into the test runner only: under `swift test --sanitize=address`
/// (`scripts/sanitizers.sh`), leaks are checked in the `imr-redact` processes the end-to-end
/// tests run, every subcommand, and not in the test runner, which at exit still holds fixtures,
/// pending watchdog timers and Foundation's `Process` objects. LSan on Linux cannot follow
/// Swift's packed pointers to those (a weak-reference side table's address is stored shifted in
/// the object's reference count; `Data` keeps its storage behind an enum tag), so they are
/// reported as leaked: every report the runner gave was one of these, or Foundation keeping the
/// 4 KB buffer of `Data(contentsOf:)` on an empty file (a vault's `-wal`).
@_cdecl("__lsan_is_turned_off")
public func leakCheckIsTurnedOffInTheTestRunner() -> Int32 { 1 }
