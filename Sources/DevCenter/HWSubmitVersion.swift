/// The version of hwsubmit, sent in every request's User-Agent and shown by `hwsubmit -v`.
public enum HWSubmitVersion {
    public static let string = "0.1.0"
    public static let userAgent = "hwsubmit/\(string)"
}
