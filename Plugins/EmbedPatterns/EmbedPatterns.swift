import Foundation
import PackagePlugin

/// Embeds the package's `Patterns/` folder (rules and policies) into the target that uses
/// the plugin, so that a release binary carries its default rules wherever it is copied.
@main
struct EmbedPatterns: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let patterns = context.package.directoryURL.appending(path: "Patterns")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedPatterns.swift")
        var inputs: [URL] = []
        if let walker = FileManager.default.enumerator(at: patterns, includingPropertiesForKeys: nil) {
            for case let url as URL in walker where ["yaml", "yml", "txt"].contains(url.pathExtension) {
                inputs.append(url)
            }
        }
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) pattern files",
                executable: try context.tool(named: "EmbedPatternsTool").url,
                arguments: [patterns.path, output.path],
                inputFiles: inputs.sorted { $0.path < $1.path },
                outputFiles: [output]
            )
        ]
    }
}
