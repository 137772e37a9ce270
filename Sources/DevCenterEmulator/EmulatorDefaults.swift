/// The credentials and names the emulator uses unless told otherwise; printed when it starts.
public enum EmulatorDefaults {
    public static let tenantID = "00000000-0000-0000-0000-000000000001"
    public static let clientID = "hwsubmit-demo-client"
    public static let clientSecret = "hwsubmit-demo-secret"
}
