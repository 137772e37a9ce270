import DevCenter
import Testing

/// The one duration parser every option of hwsubmit, its scripts and its emulator goes through.
@Suite struct DurationTextTests {
    @Test("every form reads as the duration it writes", arguments: [
        ("90", Duration.seconds(90)), ("2s", .seconds(2)), ("400ms", .milliseconds(400)), ("5m", .seconds(300)),
        ("6h", .seconds(21600)), ("1.5s", .milliseconds(1500)), (" 30s ", .seconds(30)), ("0", .zero),
    ])
    func forms(_ text: String, _ expected: Duration) {
        #expect(DurationText.parse(text) == expected)
    }

    @Test("nonsense is refused", arguments: ["", "soon", "3x", "-1", "1e3", "s", "5 hours", "2ss", "nan", "inf", "1,5s", "99999999999h"])
    func nonsense(_ text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test func theMessageNamesTheOptionAndTheForms() {
        let message = DurationText.problem("--timeout", "soon")
        #expect(message == "--timeout 'soon' is not a duration; write a number of seconds or a number with ms, s, m or h (90, 2s, 400ms, 5m, 6h)")
    }

    @Test func theEnvironmentTakesTheSameForms() throws {
        #expect(try DevCenterConfiguration.attemptTimeout(inEnvironment: ["HDC_REQUEST_TIMEOUT": "400ms"]) == .milliseconds(400))
        #expect(try DevCenterConfiguration.attemptTimeout(inEnvironment: ["HDC_REQUEST_TIMEOUT": "2m"]) == .seconds(120))
        #expect(throws: DevCenterError.self) { try DevCenterConfiguration.attemptTimeout(inEnvironment: ["HDC_REQUEST_TIMEOUT": "soon"]) }
        #expect(throws: DevCenterError.self) { try DevCenterConfiguration.attemptTimeout(inEnvironment: ["HDC_REQUEST_TIMEOUT": "0"]) }
    }
}
