import DevCenter
import LuaKit

extension PreprodPackage: ServiceResource {}
extension PreprodAsset: ServiceResource {}

extension HDCModule {
    /// `hdc.preprod`: pre-production signing.
    static var preprodBindings: [HDCBinding] { [preprodSubmit, preprodStatus, preprodAssets, preprodWait, preprodDownload] }

    static let preprodPackageParameter = LuaParameterDoc(
        "package", "hdc.PreprodPackage|string", "a package table (its `id` is used), or the package's ID")

    private static func preprodDoc(
        _ name: String, _ summary: String, _ parameters: [LuaParameterDoc], returns: [LuaReturnDoc], example: String,
        access: LuaAccess, notes: String = ""
    ) -> LuaFunctionDoc {
        LuaFunctionDoc(
            module: "hdc.preprod", name: name, summary: summary, parameters: parameters, returns: returns, example: example,
            access: access, notes: notes)
    }

    private static var preprodSubmit: HDCBinding {
        HDCBinding(preprodDoc(
            "submit", "Sends a driver package for pre-production signing (`PUT /preprod/packages/`), streamed from disk, and returns the new package.",
            [LuaParameterDoc("path", "string", "the package: a .zip or .cab, signed as for attestation")],
            returns: [LuaReturnDoc("hdc.PreprodPackage", "the new package: `id`, `signingStatus` (\"NotStarted\"), every field the service sent")],
            example: """
                local package = hdc.preprod.submit("build/contoso-widget.cab")
                local signed = hdc.preprod.wait(package)
                """,
            access: .write,
            notes: "Each call makes a new package and the service lists none, so a request is sent again only when it provably never reached the service; an answer lost after sending raises kind `uncertainOutcome` rather than risking a second package. A missing or unreadable file is kind `localFile`.")
        ) { b in
            _ = try b.string(1)  // a string: a number here is more likely an ID out of place
            let path = try b.path(1, .read).opened
            return try b.perform({ try await $0.submitPreprodPackage(from: path) }) { returning($1.json, $0) }
        }
    }

    private static var preprodStatus: HDCBinding {
        HDCBinding(preprodDoc(
            "status", "Fetches a pre-production package: its `signingStatus` (\"NotStarted\", \"Processing\", \"Succeeded\", \"Failed\"), its `error` and its `assets`.",
            [preprodPackageParameter],
            returns: [LuaReturnDoc("hdc.PreprodPackage", "every field the service sent")],
            example: """
                local package = hdc.preprod.status(package_id)
                print(package.signingStatus, package.error and package.error.message)
                """,
            access: .read)
        ) { b in
            let id = try b.preprodPackageID(1)
            return try b.perform({ try await $0.preprodPackage(id: id) }) { returning($1.json, $0) }
        }
    }

    private static var preprodAssets: HDCBinding {
        HDCBinding(preprodDoc(
            "assets", "Lists the assets of a pre-production package: the signed package (`assetType` \"SignedFilesZip\") once it is signed, none before.",
            [preprodPackageParameter],
            returns: [LuaReturnDoc("hdc.PreprodAsset[]", "each asset: `id`, `packageId`, `assetType`, `createdDate`, `contentHash` (SHA-256)")],
            example: """
                for _, asset in ipairs(hdc.preprod.assets(package)) do print(asset.id, asset.assetType) end
                """,
            access: .read,
            notes: "The service answers a bare JSON array here, not a `value` list.")
        ) { b in
            let id = try b.preprodPackageID(1)
            return try b.perform({ try await $0.preprodAssets(packageID: id) }) { call, assets in
                call.stack.push(json: .array(assets.map(\.json)))
                return .values(1)
            }
        }
    }

    private static var preprodWait: HDCBinding {
        HDCBinding(preprodDoc(
            "wait", "Waits until a pre-production package is signed (`Succeeded`), and returns it; raises `workflowFailed` if signing fails.",
            [preprodPackageParameter, LuaParameterDoc("options", "table", optional: true, waitOptionsDoc)],
            returns: [LuaReturnDoc("hdc.PreprodPackage", "the package as last fetched")],
            example: """
                local signed = hdc.preprod.wait(package, {interval = 10, on_change = function(c) print(c.summary) end})
                """,
            access: .read,
            notes: "Changes come to `on_change` with `step` \"preprodSigning\", `state` the `signingStatus`, and the package as `package`. `Failed` raises kind `workflowFailed` with the service's `error.message`; past `timeout`, kind `timeout`.")
        ) { b in
            let id = try b.preprodPackageID(1)
            let options = try b.waitOptions(2)
            return try b.waitForWorkflow(resourceField: "package", optionsIndex: options.index) { client, onChange in
                try await client.waitForPreprodPackage(id: id, options: options.wait, onChange: onChange)
            }
        }
    }

    private static var preprodDownload: HDCBinding {
        HDCBinding(preprodDoc(
            "download", "Downloads an asset of a pre-production package (the signed package) to a file.",
            [
                LuaParameterDoc("asset", "hdc.PreprodAsset|string", "an asset table (its `packageId` and `id` are used), or the package's ID followed by the asset's ID"),
                LuaParameterDoc("path", "string", "the file to write (it appears only once the download is complete)"),
                LuaParameterDoc("options", "table", optional: true, transferOptionsDoc),
            ],
            returns: [LuaReturnDoc("hdc.DownloadResult", "what was received")],
            example: """
                local assets = hdc.preprod.assets(signed)
                hdc.preprod.download(assets[1], "contoso-widget-preprod-signed.zip")
                """,
            access: .read,
            notes: "Built from the IDs against the configured service (`…/preprod/packages/{id}/assets/{assetId}/download`); when the service redirects to a storage URL, that URL is followed with no token and never shown to the script, and an expired one is asked for again.")
        ) { b in
            let (packageID, assetID, next) = try b.preprodAsset(1)
            _ = try b.string(next)
            let path = try b.path(next, .write).opened
            let (options, optionsIndex) = try b.transferOptions(next + 1)
            let client = try b.client().client
            return try b.transfer(path, optionsIndex: optionsIndex, { report in
                try await client.downloadPreprodAsset(packageID: packageID, assetID: assetID, to: path, options: options, progress: report)
            }, fields: downloadFields)
        }
    }
}

extension BindingCall {
    /// A pre-production package's ID at argument `n`: a string, an integer, or a table's `id`.
    func preprodPackageID(_ n: Int32) throws(LuaArgumentError) -> String {
        try textID(n, field: "id", what: "package table or ID")
    }

    /// The package and asset IDs at argument `n`: an asset table (`packageId`, `id`), or two IDs.
    func preprodAsset(_ n: Int32) throws(LuaArgumentError) -> (packageID: String, assetID: String, next: Int32) {
        if stack.type(at: index(n)) == .table {
            return (try textID(n, field: "packageId", what: "asset table"), try textID(n, field: "id", what: "asset table"), n + 1)
        }
        return (try textID(n, field: nil, what: "asset table or package ID"), try textID(n + 1, field: nil, what: "asset ID"), n + 2)
    }

    /// A string ID (an integer is taken as its digits) at argument `n`, or in its table's `field`.
    private func textID(_ n: Int32, field: String?, what: String) throws(LuaArgumentError) -> String {
        let base = stack.top
        defer { stack.top = base }
        var at = index(n)
        if let field, stack.type(at: at) == .table {
            stack.rawGet(at: at, field)
            at = stack.top
            guard stack.type(at: at) == .string || stack.type(at: at) == .number else {
                throw LuaArgumentError(argument: index(n), message: "field '\(field)': string expected, got \(stack.typeName(at: at))")
            }
        }
        switch stack.type(at: at) {
        case .string: return stack.string(at: at) ?? ""
        case .number:
            guard let value = stack.integer(at: at) else { throw call.typeError(index(n), expected: what) }
            return String(value)
        default: throw call.typeError(index(n), expected: what)
        }
    }
}
