import DevCenter

/// A configured DevCenter client as scripts hold it: the default one, or one `hdc.connect`
/// made (an `hdc.Client` userdata). The credentials stay here, in Swift.
public final class ScriptClient: Sendable {
    public let client: DevCenterClient
    /// How its settings were resolved, for `whoami` and `hwsubmit check`.
    public let settings: ConnectionSettings
    /// True when it talks to the emulator `--emulator` started.
    public let isEmulator: Bool
    /// How `whoami` names settings given explicitly: "--emulator", "the command line", "hdc.connect".
    public let explicitSource: String

    public init(client: DevCenterClient, settings: ConnectionSettings, isEmulator: Bool, explicitSource: String) {
        self.client = client
        self.settings = settings
        self.isEmulator = isEmulator
        self.explicitSource = explicitSource
    }

    /// "hdc.Client(profile contoso, https://manage.devcenter.microsoft.com/v2.0/my/hardware)".
    public var label: String {
        var parts: [String] = []
        if let profile = settings.profileName { parts.append("profile \(profile)") }
        if isEmulator { parts.append("emulator") }
        parts.append(settings.baseURL.string)
        return "hdc.Client(" + parts.joined(separator: ", ") + ")"
    }
}
