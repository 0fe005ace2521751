#if canImport(Glibc)
    import Glibc
#endif

// Entry point of `imr-bench`; everything else is in Bench.swift and its helpers.
exit(Bench.main(arguments: Array(CommandLine.arguments.dropFirst())))
