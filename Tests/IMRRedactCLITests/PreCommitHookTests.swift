import Foundation
import IMRTestSupport
import Testing

/// The hook end to end with the real pre-commit framework: a temporary git repository installs
/// this checkout's `imr-redact-system` hook (with the built binary first on `PATH`), and commits
/// are rejected or accepted. pre-commit is installed from the package index into a virtual
/// environment under `.build/test-tools/` (kept between runs). Without network access the test
/// fails and says so; `IMR_REDACT_SKIP_PRECOMMIT=1` skips it.
@Suite struct PreCommitHookTests {
    static let skip = ProcessInfo.processInfo.environment["IMR_REDACT_SKIP_PRECOMMIT"] == "1"

    @Test(
        .enabled(if: !skip, "IMR_REDACT_SKIP_PRECOMMIT=1 skips the pre-commit integration test"),
        .timeLimit(.minutes(10))
    )
    func theHookRejectsIdentifiersAndAcceptsRedactedBaselinedAndAllowedFiles() throws {
        guard let preCommit = try PreCommit.installed() else { return }
        let folder = try Fixtures.temporaryDirectory()
        let project = folder.appendingPathComponent("project")
        let environment = [
            "PATH": CommandRunner.binary.deletingLastPathComponent().path + ":"
                + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
            "PRE_COMMIT_HOME": folder.appendingPathComponent("pre-commit-cache").path,
            "PRE_COMMIT_COLOR": "never",
        ]
        let hooks = try hookRepository(in: folder.appendingPathComponent("hooks"))
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        try git(["init", "-q", "."], in: project)
        try git(["config", "user.name", "Fixture Author"], in: project)
        try git(["config", "user.email", "fixtures@example.invalid"], in: project)
        try git(["config", "commit.gpgsign", "false"], in: project)
        try write(
            "repos:\n  - repo: \(hooks.path)\n    rev: \(hooks.rev)\n    hooks:\n      - id: imr-redact-system\n",
            to: project.appendingPathComponent(".pre-commit-config.yaml")
        )
        let install = try preCommit(["install"], in: project, environment: environment)
        try #require(install.status == 0, "pre-commit install: \(install.stderr)\(install.stdoutText)")

        func commit(_ message: String, _ paths: [String], key: String? = nil) throws -> CommandRunner.Output {
            try git(["add", "--"] + paths, in: project)
            return try git(
                ["commit", "-q", "-m", message],
                in: project,
                environment: environment.merging(key.map { ["IMR_REDACT_KEY": $0] } ?? [:]) { $1 }
            )
        }
        func committed() throws -> Int {
            Int(
                try git(["rev-list", "--count", "HEAD"], in: project).stdoutText.trimmingCharacters(
                    in: .whitespacesAndNewlines
                )
            ) ?? 0
        }

        let setUp = try commit("pre-commit configuration", [".pre-commit-config.yaml"])
        try #require(setUp.status == 0, "\(setUp.stdoutText)\(setUp.stderr)")

        // 1. A fictional letter with identifiers is rejected, with the finding lines, masked.
        let letter = project.appendingPathComponent("fixtures/letter.txt")
        try write(fictionalLetter, to: letter)
        let rejected = try commit("add a letter", ["fixtures/letter.txt"])
        let output = rejected.stdoutText + rejected.stderr
        #expect(rejected.status != 0)
        #expect(try committed() == 1)
        for line in fictionalFindings("fixtures/letter.txt") {
            #expect(output.contains(line), "missing: \(line)\n\(output)")
        }
        for value in fictionalValues { #expect(!output.contains(value), "\(value) in clear in the hook's output") }

        // 2. The same file after `imr-redact redact` is accepted.
        let redacted = try CommandRunner.run(["redact", "--quiet", letter.path])
        try #require(redacted.status == 0)
        try redacted.stdout.write(to: letter)
        let accepted = try commit("add the redacted letter", ["fixtures/letter.txt"])
        #expect(accepted.status == 0, "\(accepted.stdoutText)\(accepted.stderr)")
        #expect(try committed() == 2)

        // 3. A finding the baseline lists is accepted, also after its line moved; the baseline
        //    needs the key it was written with.
        let key = "team-secret-for-the-test"
        try write("Copy to Dr. Rita Moss.\n", to: project.appendingPathComponent("fixtures/fictional.txt"))
        try write(
            "[check]\nbaseline = \".imr-redact-baseline.json\"\n",
            to: project.appendingPathComponent(".imr-redact.toml")
        )
        let baseline = try CommandRunner.run(
            ["check", "--write-baseline", ".imr-redact-baseline.json", "fixtures/fictional.txt"],
            environment: checkEnvironment(["IMR_REDACT_KEY": key]),
            currentDirectory: project
        )
        try #require(baseline.status == 0, "\(baseline.stderr)")
        let files = ["fixtures/fictional.txt", ".imr-redact.toml", ".imr-redact-baseline.json"]
        let withoutKey = try commit("fictional fixture", files)
        #expect(withoutKey.status != 0)
        #expect((withoutKey.stdoutText + withoutKey.stderr).contains("needs a key"))
        let baselined = try commit("fictional fixture", files, key: key)
        #expect(baselined.status == 0, "\(baselined.stdoutText)\(baselined.stderr)")
        #expect(try committed() == 3)
        try write("Notes.\n\nCopy to Dr. Rita Moss.\n", to: project.appendingPathComponent("fixtures/fictional.txt"))
        let moved = try commit("move the fictional line", ["fixtures/fictional.txt"], key: key)
        #expect(moved.status == 0, "\(moved.stdoutText)\(moved.stderr)")
        #expect(try committed() == 4)

        // 4. Allow comments.
        let allowed = """
            Seen by Dr. Alan Chu.  <!-- imr-redact:allow -->
            <!-- imr-redact:allow-next-line -->
            Seen on 3/5/12.

            """
        try write(allowed, to: project.appendingPathComponent("fixtures/allowed.md"))
        let allowCommit = try commit("allowed fixture", ["fixtures/allowed.md"], key: key)
        #expect(allowCommit.status == 0, "\(allowCommit.stdoutText)\(allowCommit.stderr)")
        #expect(try committed() == 5)

        // 5. The hook also runs over the whole repository.
        let all = try preCommit(
            ["run", "--all-files"],
            in: project,
            environment: environment.merging(["IMR_REDACT_KEY": key]) { $1 }
        )
        #expect(all.status == 0, "\(all.stdoutText)\(all.stderr)")
        #expect(all.stdoutText.contains("imr-redact check") && all.stdoutText.contains("Passed"))
    }

    /// A git repository holding this checkout's `.pre-commit-hooks.yaml` (as it is in the working
    /// tree), for pre-commit to clone.
    private func hookRepository(in folder: URL) throws -> (path: String, rev: String) {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let manifest = try Data(contentsOf: Fixtures.packageRoot.appendingPathComponent(".pre-commit-hooks.yaml"))
        try manifest.write(to: folder.appendingPathComponent(".pre-commit-hooks.yaml"))
        try git(["init", "-q", "."], in: folder)
        try git(["add", ".pre-commit-hooks.yaml"], in: folder)
        try git(
            ["-c", "user.name=Hooks", "-c", "user.email=hooks@example.invalid", "commit", "-q", "-m", "hooks"],
            in: folder
        )
        let rev = try git(["rev-parse", "HEAD"], in: folder).stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        return (folder.path, rev)
    }
}

/// pre-commit from the package index, in a virtual environment kept under `.build/test-tools/`.
struct PreCommit {
    let executable: URL

    /// The installed tool, installing it first when needed; `nil` after recording why it could
    /// not be installed (the test then fails with that message).
    static func installed() throws -> PreCommit? {
        let venv = Fixtures.packageRoot.appendingPathComponent(".build/test-tools/pre-commit-venv")
        let tool = PreCommit(executable: venv.appendingPathComponent("bin/pre-commit"))
        if FileManager.default.isExecutableFile(atPath: tool.executable.path),
            try CommandRunner.execute(tool.executable, ["--version"]).status == 0
        {
            return tool
        }
        let env = URL(fileURLWithPath: "/usr/bin/env")
        let create = try CommandRunner.execute(env, ["python3", "-m", "venv", "--clear", venv.path])
        guard create.status == 0 else {
            Issue.record(
                Comment(
                    rawValue:
                        "cannot create a Python virtual environment for pre-commit (python3 -m venv: \(create.stderr)); "
                        + "install python3 with venv, or set IMR_REDACT_SKIP_PRECOMMIT=1 to skip this test"
                )
            )
            return nil
        }
        let pip = try CommandRunner.execute(
            venv.appendingPathComponent("bin/pip"),
            ["install", "--quiet", "--disable-pip-version-check", "pre-commit"]
        )
        guard pip.status == 0 else {
            Issue.record(
                Comment(
                    rawValue:
                        "pip could not install pre-commit, so the hook cannot be tested (is the package index reachable?): "
                        + "\(pip.stderr.suffix(800)) -- set IMR_REDACT_SKIP_PRECOMMIT=1 to skip this test"
                )
            )
            return nil
        }
        return tool
    }

    /// Runs `pre-commit arguments...` in `folder` with no global git configuration.
    func callAsFunction(
        _ arguments: [String],
        in folder: URL,
        environment: [String: String]
    ) throws -> CommandRunner.Output {
        try CommandRunner.execute(
            executable,
            arguments,
            environment: checkEnvironment(
                environment.merging(["GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"]) { $1 }
            ),
            currentDirectory: folder
        )
    }
}
