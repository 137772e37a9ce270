/// The credentials and names the emulator uses unless told otherwise; printed when it starts.
public enum EmulatorDefaults {
    public static let tenantID = "00000000-0000-0000-0000-000000000001"
    public static let clientID = "hwsubmit-demo-client"
    public static let clientSecret = "hwsubmit-demo-secret"
    /// The storage account of the blob endpoint: the first path segment of every SAS URL.
    public static let storageAccount = "hwsubmitemulator"
    public static let host = "127.0.0.1"
    public static let port = 7878
    /// How long each ingestion (and shipping label) step takes.
    public static let stepDelay: Duration = .milliseconds(200)
    /// How long an access token lives; Azure AD's default is an hour.
    public static let tokenLifetime: Duration = .seconds(3600)
    /// How long a SAS URL handed out in a submission stays valid.
    public static let sasLifetime: Duration = .seconds(3600)
    /// How long after `createpublishermetadata` a shared submission's driver metadata appears
    /// (the service says to allow several hours); tests move the emulator's clock instead.
    public static let metadataDelay: Duration = .seconds(3 * 3600)
    /// Items per page of a list answer.
    public static let pageSize = 100
    /// The seller ID of the emulator's account, as dashboard URLs (the certification report's) carry it.
    public static let publisherID: Int64 = 40_000_001
    /// The subject of the GitHub-style OIDC tokens the emulator hands out, which its default app
    /// registration trusts (a federated credential).
    public static let federatedSubject = "repo:contoso/drivers:ref:refs/heads/main"
    /// The client ID of the system-assigned managed identity.
    public static let managedIdentityClientID = "hwsubmit-emulator-managed-identity"
    /// The bearer the GitHub-style OIDC endpoint wants (`ACTIONS_ID_TOKEN_REQUEST_TOKEN`) and
    /// the header App Service's identity endpoint wants (`IDENTITY_HEADER`).
    public static let identityRequestToken = "hwsubmit-demo-identity-request"
}
