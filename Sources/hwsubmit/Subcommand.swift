/// The words that, as the first argument, select a subcommand instead of a script.
///
/// Only an exact match of the first argument counts, so any script still runs: one named
/// like a subcommand as `hwsubmit ./emulator` or `hwsubmit -- emulator`.
struct Subcommand {
    let name: String
    let summary: String
    /// Runs the subcommand with the arguments after its name; returns the exit status.
    let run: ([String]) -> ExitStatus

    static var all: [Subcommand] {
        [
        Subcommand(name: "emulator", summary: "run the Hardware Dev Center emulator (hwsubmit-emulator)") { arguments in
            CompanionProgram.emulator.exec(arguments)
        },
        Subcommand(name: "check", summary: "check the connection scripts would use (settings, token, products)", run: CheckCommand.run),
        Subcommand(name: "doc", summary: "show the Lua API's documentation (hwsubmit doc hdc.wait)", run: DocCommand.run),
        Subcommand(name: "test", summary: "run *_spec.lua files with the spec module (hwsubmit test --emulator specs/)", run: TestCommand.run),
        ]
    }

    static func named(_ name: String) -> Subcommand? {
        all.first { $0.name == name }
    }
}
